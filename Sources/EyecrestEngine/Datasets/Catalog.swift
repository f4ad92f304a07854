import Foundation
import GRDB

/// The small database that knows which datasets exist, who owns them and how they are
/// sharded. File data never lives here: each shard has its own database.
final class Catalog: Sendable {
    let pool: DatabasePool

    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: datasets") { db in
            try db.execute(sql: """
                CREATE TABLE datasets (
                    org_id TEXT NOT NULL,
                    dataset_id TEXT NOT NULL,
                    storage_id TEXT NOT NULL UNIQUE,
                    shard_count INTEGER NOT NULL CHECK (shard_count >= 1),
                    created_at REAL NOT NULL,
                    PRIMARY KEY (org_id, dataset_id)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v2: placement") { db in
            // Where the dataset lives: on one node the catalog is the record; in a cluster
            // it is this node's copy of what etcd holds.
            try db.execute(sql: """
                ALTER TABLE datasets ADD COLUMN primary_region TEXT;
                ALTER TABLE datasets ADD COLUMN replica_regions TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE datasets ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE datasets ADD COLUMN placement_uid TEXT;
                """)
        }
        registerReshardingMigration(&migrator)
        migrator.registerMigration("v4: synonyms") { db in
            // The dataset's synonym rules as JSON; NULL when it has none.
            try db.execute(sql: "ALTER TABLE datasets ADD COLUMN synonyms TEXT")
        }
        return migrator
    }

    func dataset(org: String, id: String) throws -> DatasetConfig? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM datasets WHERE org_id = ? AND dataset_id = ?", arguments: [org, id])
                .map(Self.config)
        }
    }

    func datasets(org: String) throws -> [DatasetConfig] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM datasets WHERE org_id = ? ORDER BY dataset_id", arguments: [org])
                .map(Self.config)
        }
    }

    /// Every dataset of every org, for maintenance that looks at the whole data directory.
    func allDatasets() throws -> [DatasetConfig] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM datasets ORDER BY org_id, dataset_id").map(Self.config)
        }
    }

    /// The rows `PRAGMA integrity_check` reports: `["ok"]` for a sound database.
    func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    func allStorageIDs() throws -> Set<String> {
        try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT storage_id FROM datasets")) }
    }

    /// Inserts `config` unless the (org, id) pair exists; returns the stored row either way.
    func insert(_ config: DatasetConfig) throws -> (config: DatasetConfig, created: Bool) {
        try pool.write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM datasets WHERE org_id = ? AND dataset_id = ?",
                arguments: [config.orgID, config.datasetID])
            {
                return (Self.config(existing), false)
            }
            try db.execute(
                sql: """
                    INSERT INTO datasets (org_id, dataset_id, storage_id, shard_count, created_at, primary_region, replica_regions,
                                          epoch, placement_uid)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    config.orgID, config.datasetID, config.storageID, config.shardCount, config.createdAt.timeIntervalSince1970,
                    config.placement.primaryRegion, Self.encode(config.placement.replicaRegions), config.placement.epoch,
                    config.placement.uid,
                ])
            return (config, true)
        }
    }

    /// Records where a dataset lives now; false when it does not exist.
    func setPlacement(org: String, id: String, _ placement: DatasetPlacement) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE datasets SET primary_region = ?, replica_regions = ?, epoch = ?, placement_uid = ?
                    WHERE org_id = ? AND dataset_id = ?
                    """,
                arguments: [placement.primaryRegion, Self.encode(placement.replicaRegions), placement.epoch, placement.uid, org, id])
            return db.changesCount > 0
        }
    }

    /// Replaces a dataset's synonyms; false when it does not exist.
    func setSynonyms(org: String, id: String, _ rules: SynonymRules) throws -> Bool {
        let text = rules.isEmpty ? nil : String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        return try pool.write { db in
            try db.execute(
                sql: "UPDATE datasets SET synonyms = ? WHERE org_id = ? AND dataset_id = ?", arguments: [text, org, id])
            return db.changesCount > 0
        }
    }

    private static func encode(_ regions: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(regions), as: UTF8.self)) ?? "[]"
    }

    private static func decodeRegions(_ text: String?) -> [String] {
        text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    /// Returns the removed row, or nil when there was none.
    func remove(org: String, id: String) throws -> DatasetConfig? {
        try pool.write { db in
            let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM datasets WHERE org_id = ? AND dataset_id = ?", arguments: [org, id])
            try db.execute(sql: "DELETE FROM datasets WHERE org_id = ? AND dataset_id = ?", arguments: [org, id])
            try Self.forgetResharding(db, org: org, id: id)
            return existing.map(Self.config)
        }
    }

    private static func config(_ row: Row) -> DatasetConfig {
        DatasetConfig(
            orgID: row["org_id"], datasetID: row["dataset_id"], shardCount: row["shard_count"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), storageID: row["storage_id"], generation: row["generation"],
            placement: DatasetPlacement(
                primaryRegion: row["primary_region"], replicaRegions: decodeRegions(row["replica_regions"]), epoch: row["epoch"],
                uid: row["placement_uid"]),
            synonyms: (row["synonyms"] as String?).flatMap { try? JSONDecoder().decode(SynonymRules.self, from: Data($0.utf8)) } ?? .empty)
    }
}
