import Foundation
import GRDB

/// The catalog's record of reshardings in progress: one row per dataset being
/// resharded and one per migration job. Written in the catalog's own transactions, so a
/// crash leaves either the old or the new record, never half of one.
extension Catalog {
    static func registerReshardingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: resharding") { db in
            // `generation` names the dataset's current set of shard databases; a
            // resharding writes the next one and switches to it.
            try db.execute(sql: """
                ALTER TABLE datasets ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE reshardings (
                    org_id TEXT NOT NULL,
                    dataset_id TEXT NOT NULL,
                    to_shards INTEGER NOT NULL,
                    phase TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    PRIMARY KEY (org_id, dataset_id)
                ) WITHOUT ROWID;
                CREATE TABLE reshard_jobs (
                    org_id TEXT NOT NULL,
                    dataset_id TEXT NOT NULL,
                    shard INTEGER NOT NULL,
                    last_row_id INTEGER NOT NULL,
                    start_seq INTEGER NOT NULL,
                    cursor INTEGER NOT NULL,
                    files_moved INTEGER NOT NULL,
                    files_to_move INTEGER NOT NULL,
                    done INTEGER NOT NULL,
                    PRIMARY KEY (org_id, dataset_id, shard)
                ) WITHOUT ROWID;
                """)
        }
    }

    /// The resharding of a dataset, or nil when none runs.
    func resharding(org: String, id: String) throws -> Resharding? {
        try pool.read { db in try Self.resharding(db, org: org, id: id) }
    }

    static func resharding(_ db: Database, org: String, id: String) throws -> Resharding? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT r.to_shards, r.phase, r.started_at, d.shard_count FROM reshardings r JOIN datasets d USING (org_id, dataset_id) WHERE org_id = ? AND dataset_id = ?",
            arguments: [org, id])
        else { return nil }
        let jobs = try Row.fetchAll(
            db, sql: "SELECT * FROM reshard_jobs WHERE org_id = ? AND dataset_id = ? ORDER BY shard", arguments: [org, id]
        ).map { job in
            ReshardJob(
                shard: job["shard"], lastRowID: job["last_row_id"], startSeq: job["start_seq"], cursor: job["cursor"],
                filesMoved: job["files_moved"], filesToMove: job["files_to_move"], done: job["done"])
        }
        return Resharding(
            from: row[3], to: row[0], phase: Resharding.Phase(rawValue: row[1]) ?? .copying,
            startedAt: Date(timeIntervalSince1970: row[2]), jobs: jobs)
    }

    /// Every dataset with a resharding in progress, for resuming them at start.
    func reshardingDatasets() throws -> [DatasetKey] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT org_id, dataset_id FROM reshardings").map { DatasetKey(org: $0[0], id: $0[1]) }
        }
    }

    /// Records a new resharding unless one exists; returns the stored one either way.
    func beginResharding(org: String, id: String, to shards: Int, jobs: [ReshardJob], at date: Date) throws -> Resharding? {
        try pool.write { db in
            if let existing = try Self.resharding(db, org: org, id: id) { return existing }
            try db.execute(
                sql: "INSERT INTO reshardings (org_id, dataset_id, to_shards, phase, started_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [org, id, shards, Resharding.Phase.copying.rawValue, date.timeIntervalSince1970])
            for job in jobs {
                try db.execute(
                    sql: """
                        INSERT INTO reshard_jobs (org_id, dataset_id, shard, last_row_id, start_seq, cursor, files_moved, files_to_move, done)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [org, id, job.shard, job.lastRowID, job.startSeq, job.cursor, job.filesMoved, job.filesToMove, job.done])
            }
            return try Self.resharding(db, org: org, id: id)
        }
    }

    /// Persists a job's progress after a copied batch.
    func recordProgress(org: String, id: String, job: ReshardJob) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE reshard_jobs SET cursor = ?, files_moved = ?, done = ? WHERE org_id = ? AND dataset_id = ? AND shard = ?",
                arguments: [job.cursor, job.filesMoved, job.done, org, id, job.shard])
        }
    }

    func setReshardingPhase(org: String, id: String, _ phase: Resharding.Phase) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE reshardings SET phase = ? WHERE org_id = ? AND dataset_id = ?", arguments: [phase.rawValue, org, id])
        }
    }

    /// The switch: the dataset takes the new shard count and generation, and the
    /// resharding's record goes, in one transaction. The epoch is raised: the new shards'
    /// logs are new histories, so a position (`epoch:seq,…`) taken before the switch can
    /// never be mistaken for one after it.
    func finishResharding(org: String, id: String, shards: Int, generation: Int) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE datasets SET shard_count = ?, generation = ?, epoch = epoch + 1 WHERE org_id = ? AND dataset_id = ?",
                arguments: [shards, generation, org, id])
            try Self.forgetResharding(db, org: org, id: id)
        }
    }

    static func forgetResharding(_ db: Database, org: String, id: String) throws {
        try db.execute(sql: "DELETE FROM reshardings WHERE org_id = ? AND dataset_id = ?", arguments: [org, id])
        try db.execute(sql: "DELETE FROM reshard_jobs WHERE org_id = ? AND dataset_id = ?", arguments: [org, id])
    }
}
