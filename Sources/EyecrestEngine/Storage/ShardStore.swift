import EyecrestMarkdown
import Foundation
import GRDB

/// One shard: a SQLite database (WAL, `DatabasePool`: concurrent readers, one writer)
/// holding a subset of one dataset's files, their sections and the operation log, and
/// the in-memory index of those sections (``SectionIndex``).
///
/// Durability: `synchronous=FULL`, so a transaction is on disk before a write is
/// acknowledged. In WAL mode NORMAL would survive a crash of the process but could lose
/// the last transactions on power loss, and eyecrest promises that an acknowledged write survives both (docs/engine.md, "Storage").
///
/// `indexed: false` opens a database only to inspect it (a snapshot about to be
/// installed): no ``SectionIndex`` is built.
final class ShardStore: Sendable {
    let path: String
    /// Reached only through ``read(_:)`` and ``write(_:)``, so that no read can be async.
    private let pool: DatabasePool
    let chunker: Chunker
    /// Logs storage failures and turns them into ``EngineError``s.
    let failures: StorageFailure
    /// The epoch this shard's new log entries carry.
    let epoch: Int
    /// How many operation-log entries a write keeps (``truncateLog(keeping:db:)``).
    let logRetention: Int
    /// While the dataset is resharded, entries after this sequence number are kept
    /// whatever the retention: the switch checks every one of them.
    let logPin: Int64?
    /// The shard's sections in eyecrest's own index: what searches rank with. Built from
    /// the database here, then kept in step by every write transaction.
    let index: SectionIndex

    init(
        path: String, chunker: Chunker, failures: StorageFailure, epoch: Int = 1, logRetention: Int = Engine.defaultLogRetention,
        logPin: Int64? = nil, indexed: Bool = true
    ) throws {
        self.path = path
        self.chunker = chunker
        self.failures = failures
        self.epoch = epoch
        self.logRetention = logRetention
        self.logPin = logPin
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -16000")
            // Readers map the file: a search touches scattered pages, and a read()
            // system call per page cost more than the page (docs/benchmarks.md).
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
            db.add(function: Self.boostFunction)
        }
        configuration.maximumReaderCount = 4
        let pool = try failures.translating {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try ShardSchema.migrator.migrate(pool)
            return pool
        }
        self.pool = pool
        index = indexed ? try failures.translating { try pool.read { db in try SectionIndex(db) } } : SectionIndex()
    }

    /// `eyecrest_boost(sectionWeight, fileWeight)`, so a weight-only update can rescale
    /// a file's sections in one UPDATE without re-chunking.
    private static let boostFunction = DatabaseFunction("eyecrest_boost", argumentCount: 2, pure: true) { values in
        guard let section = Double.fromDatabaseValue(values[0]), let file = Double.fromDatabaseValue(values[1]) else {
            return nil
        }
        return SectionFields.boost(sectionWeight: section, fileWeight: file)
    }


    /// Runs `block` in a read transaction on a reader, on the calling thread.
    ///
    /// Every shard read comes here, and it never suspends. GRDB's async read runs the
    /// block on the reader's own queue and resumes the task afterwards: two thread hops
    /// that cost a search about 0.26 ms at the median (docs/benchmarks.md). The blocking read
    /// is safe because it is the only kind: a reader is then always held by a thread that
    /// is running, so waiting for one ends. Mixed with async reads it could deadlock: an
    /// async read gives its reader back only after resuming on a concurrency thread, and
    /// with two cores both could be held by blocking reads waiting for a reader
    /// (`ConcurrencyTests`).
    ///
    /// Whatever SQLite throws leaves as an ``EngineError`` (``StorageFailure``); errors the
    /// block throws on purpose pass through.
    func read<T>(_ block: (Database) throws -> T) throws -> T {
        try failures.translating { try pool.read(block) }
    }

    /// Runs `block` in a write transaction on the shard's one writer. Writes wait for
    /// each other, never for a reader (WAL), so suspending here holds nothing readers need.
    func write<T: Sendable>(_ block: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(block)
        } catch {
            throw failures.translate(error)
        }
    }

    func close() throws {
        try pool.close()
    }

    /// Bytes of the database and its WAL on disk.
    func diskBytes() -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            return total + size
        }
    }
}
