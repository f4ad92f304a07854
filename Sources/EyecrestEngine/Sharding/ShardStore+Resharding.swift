import Foundation
import GRDB

/// A change bound for a shard of the next generation, stamped with its version: the
/// sequence number of the old shard's log entry that made it (all changes to one file
/// go through the same old shard, so its numbers order them).
enum VersionedChange: Sendable {
    case upsert(PreparedFile, version: Int64)
    case delete(filename: String, version: Int64)

    var filename: String {
        switch self {
        case .upsert(let file, _): file.upload.filename
        case .delete(let filename, _): filename
        }
    }

    var version: Int64 {
        switch self {
        case .upsert(_, let version), .delete(_, let version): version
        }
    }
}

extension ShardStore {
    // MARK: The old shard's side

    /// Files with row ids in `cursor + 1 ... lastRowID`, in row-id order: at most `limit`
    /// files and about ``batchContentBytes`` of content (at least one file). Each
    /// comes with its row id and its current version.
    func filesToCopy(after cursor: Int64, through lastRowID: Int64, limit: Int) throws -> [(rowID: Int64, state: FileState)] {
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, filename, seq, sha, content, metadata, weight FROM files WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                arguments: [cursor, lastRowID, limit])
            var batch: [(rowID: Int64, state: FileState)] = []
            var bytes = 0
            while let row = try rows.next() {
                let content: Data = row[4]
                if !batch.isEmpty, bytes + content.count > Self.batchContentBytes { break }
                bytes += content.count
                batch.append((row[0], FileState(filename: row[1], seq: row[2], sha: row[3], content: content, metadata: row[5], weight: row[6])))
            }
            return batch
        }
    }

    /// The files changed by log entries after `seq` (at most `limit` entries), each with
    /// its current state or, when it is gone, the number of its last entry; and the last
    /// entry read (nil when there was none). Throws when the log no longer reaches back
    /// to `seq` (``logPin`` prevents that during a resharding).
    func changes(after seq: Int64, limit: Int) throws -> (files: [String: FileState], deleted: [String: Int64], last: Int64?) {
        try read { db in
            if let first = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM oplog"), first > seq + 1 {
                throw EngineError.storage("The operation log was truncated past \(seq).")
            }
            let entries = try Row.fetchAll(
                db, sql: "SELECT seq, filename FROM oplog WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
            let stateOf = try db.cachedStatement(sql: "SELECT seq, sha, content, metadata, weight FROM files WHERE filename = ?")
            var files: [String: FileState] = [:]
            var deleted: [String: Int64] = [:]
            for entry in entries {
                let name: String = entry[1]
                if let row = try Row.fetchOne(stateOf, arguments: [name]) {
                    files[name] = FileState(filename: name, seq: row[0], sha: row[1], content: row[2], metadata: row[3], weight: row[4])
                    deleted[name] = nil
                } else {
                    files[name] = nil
                    deleted[name] = entry[0]
                }
            }
            return (files, deleted, entries.last.map { $0[0] })
        }
    }

    /// The largest file row id and the log position: where a resharding's job starts.
    func reshardingStart() throws -> (lastRowID: Int64, files: Int, seq: Int64) {
        try read { db in
            let lastRowID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM files") ?? 0
            let files = try Int.fetchOne(db, sql: "SELECT files FROM totals") ?? 0
            return (lastRowID, files, try lastPosition(db).seq)
        }
    }

    // MARK: The new shard's side

    /// Applies changes in one transaction, each only if it is newer than the version
    /// last applied to its file here; returns how many were applied. Copies, double
    /// writes and the switch's catch-up all come through here, in any order: the
    /// result is the newest version of every file, and a deletion stays a deletion.
    func applyVersioned(_ changes: [VersionedChange], shard: Int) async throws -> Int {
        try await write { db in
            let known = try db.cachedStatement(sql: "SELECT version FROM reshard_versions WHERE filename = ?")
            let record = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO reshard_versions (filename, version, deleted) VALUES (?, ?, ?)")
            var applied = 0
            for change in changes {
                if let version = try Int64.fetchOne(known, arguments: [change.filename]), version >= change.version { continue }
                switch change {
                case .upsert(let file, _):
                    _ = try apply(file, shard: shard, stamp: .append, db: db)
                case .delete(let filename, _):
                    if try removeFile(named: filename, db: db) { _ = try appendLog(db, op: .delete, filename: filename, sha: nil) }
                }
                try record.execute(arguments: [change.filename, change.version, change.isDeletion])
                applied += 1
            }
            try truncateLog(keeping: logRetention, db: db)
            return applied
        }
    }

    /// Empties the versions table once this shard is current (they order nothing any more).
    func forgetReshardVersions() async throws {
        try await write { db in try db.execute(sql: "DELETE FROM reshard_versions") }
    }
}

extension VersionedChange {
    var isDeletion: Bool {
        if case .delete = self { return true }
        return false
    }
}
