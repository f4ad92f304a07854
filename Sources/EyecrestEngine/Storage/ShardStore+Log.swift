import Foundation
import EyecrestMarkdown
import GRDB

/// The operation log as an API: a primary's shard reads its entries after a position, a
/// replica's shard applies them, and either keeps a bounded tail.
extension ShardStore {
    /// The most content bytes one ``LogBatch`` carries (at least one entry always ships).
    static let batchContentBytes = 8 << 20

    /// This shard's position: its last log entry. An empty log that was never truncated
    /// is ``LogPosition/start``.
    func lastPosition(_ db: Database) throws -> LogPosition {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, checksum FROM oplog ORDER BY seq DESC LIMIT 1")) {
            return LogPosition(seq: row[0], checksum: row[1])
        }
        return .start
    }

    func position() throws -> LogPosition {
        try read { try lastPosition($0) }
    }

    func insertLog(_ entry: LogEntry, checksum: Int64, db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO oplog (seq, op, filename, sha, at, epoch, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [entry.seq, entry.op.rawValue, entry.filename, entry.sha, entry.at, entry.epoch, checksum])
    }

    /// Drops all but the last `count` entries (never the last one: it is the position).
    func truncateLog(keeping count: Int, db: Database) throws {
        let last = try lastPosition(db).seq
        let bound = min(last - Int64(max(1, count)), logPin ?? .max)
        try db.cachedStatement(sql: "DELETE FROM oplog WHERE seq <= ?").execute(arguments: [bound])
    }

    /// Entries after `position`, with the current state of the files they name, read in
    /// one transaction. `snapshotRequired` when `position` is not in this log's history:
    /// truncated away, ahead of it, or with another checksum (a diverged copy).
    func readLog(after position: LogPosition, limit: Int) throws -> LogBatch {
        try read { db in
            let last = try lastPosition(db)
            let first = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM oplog") ?? last.seq + 1
            func snapshot() -> LogBatch { LogBatch(entries: [], states: [], last: last, snapshotRequired: true) }
            if position.seq > last.seq || position.seq < first - 1 { return snapshot() }
            if position.seq >= first,
                try Int64.fetchOne(db, sql: "SELECT checksum FROM oplog WHERE seq = ?", arguments: [position.seq]) != position.checksum
            {
                return snapshot()
            }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, epoch, op, filename, sha, at, checksum FROM oplog WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [position.seq, max(1, limit)])
            let stateOf = try db.cachedStatement(sql: "SELECT sha, content, metadata, weight, seq FROM files WHERE filename = ?")
            var entries: [LogEntry] = []
            var states: [String: FileState] = [:]
            var named = Set<String>()
            var bytes = 0
            while let row = try rows.next() {
                guard let op = LogEntry.Operation(rawValue: row[2]) else { throw EngineError.storage("unknown log operation") }
                let entry = LogEntry(seq: row[0], epoch: row[1], op: op, filename: row[3], sha: row[4], at: row[5], checksum: row[6])
                if named.insert(entry.filename).inserted, let file = try Row.fetchOne(stateOf, arguments: [entry.filename]) {
                    let content: Data = file[1]
                    if bytes > 0, bytes + content.count > Self.batchContentBytes { break }
                    bytes += content.count
                    states[entry.filename] = FileState(
                        filename: entry.filename, seq: file[4], sha: file[0], content: content, metadata: file[2], weight: file[3])
                }
                entries.append(entry)
            }
            return LogBatch(
                entries: entries, states: entries.compactMap { states.removeValue(forKey: $0.filename) }, last: last,
                snapshotRequired: false)
        }
    }

    /// Applies a primary's entries in order, in one transaction, and stores them in this
    /// shard's own log with their original numbers: the shard's position is then the
    /// primary's. Entries at or before the current position are skipped (applying a batch
    /// twice changes nothing). Throws ``ReplicationError`` when the batch does not follow
    /// from this position; nothing is applied then.
    func applyLog(_ batch: LogBatch, shard: Int) async throws -> LogPosition {
        let states = Dictionary(batch.states.map { ($0.filename, $0) }, uniquingKeysWith: { _, last in last })
        // Decoding and chunking happen before the writer is taken.
        var prepared: [String: PreparedFile] = [:]
        for state in states.values {
            prepared[state.filename] = try FilePreparation.decoded(state, chunker: chunker)
        }
        let ready = prepared
        return try await write { db in
            var position = try lastPosition(db)
            let fileSeq = try db.cachedStatement(sql: "SELECT seq FROM files WHERE filename = ?")
            for entry in batch.entries where entry.seq > position.seq {
                guard entry.seq == position.seq + 1 else { throw ReplicationError.gap(expected: position.seq + 1, got: entry.seq) }
                let checksum = LogChecksum.next(after: position.checksum, entry)
                guard checksum == entry.checksum else { throw ReplicationError.diverged(at: entry.seq) }
                if let state = states[entry.filename], let file = ready[entry.filename] {
                    let local = try Int64.fetchOne(fileSeq, arguments: [entry.filename])
                    if local.map({ $0 < state.seq }) ?? true {
                        _ = try apply(file, shard: shard, stamp: .replicated(seq: state.seq), db: db)
                    }
                } else {
                    _ = try removeFile(named: entry.filename, db: db)
                }
                try insertLog(entry, checksum: checksum, db: db)
                position = LogPosition(seq: entry.seq, checksum: checksum)
            }
            try truncateLog(keeping: logRetention, db: db)
            return position
        }
    }

    /// Writes a consistent copy of this shard (one read transaction, SQLite's backup API)
    /// to a new single-file database at `destination`; returns the copy's position.
    func snapshot(to destination: String) throws -> LogPosition {
        try read { db in
            let copy = try DatabaseQueue(path: destination)
            try copy.writeWithoutTransaction { target in
                try db.backup(to: target)
                // The copy inherits WAL mode; one file is simpler to ship.
                try target.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            return try lastPosition(db)
        }
    }
}

/// Why a replica could not apply a batch. Either way it resyncs by snapshot.
public enum ReplicationError: Error, Equatable, Sendable {
    /// The batch starts after an entry this copy does not have.
    case gap(expected: Int64, got: Int64)
    /// The rolling checksum differs: this copy's history is not the primary's.
    case diverged(at: Int64)
}

extension ShardStore {
    /// When the first entry after `seq` was written (nil when there is none): how long a
    /// copy at `seq` has been behind.
    func timeOfEntry(after seq: Int64) throws -> Double? {
        try read { db in try Double.fetchOne(db, sql: "SELECT at FROM oplog WHERE seq > ? ORDER BY seq LIMIT 1", arguments: [seq]) }
    }
}
