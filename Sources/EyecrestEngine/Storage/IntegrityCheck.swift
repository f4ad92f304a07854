import EyecrestMarkdown
import Foundation
import GRDB

extension Engine {
    /// Checks every database in the data directory against SQLite's and the engine's
    /// own invariants, and reports what is wrong instead of throwing.
    ///
    /// For the catalog: `PRAGMA integrity_check`. For every shard of every dataset of
    /// every org:
    /// - `PRAGMA integrity_check` (pages, b-trees, indexes) answers `ok`;
    /// - the shard's live index (``SectionIndex``) holds exactly what an index rebuilt
    ///   from its `sections` and `section_texts` holds (``IndexDigest``);
    /// - no `sections` or `section_texts` row belongs to nothing;
    /// - every file lives in the shard its name hashes to (while a resharding runs, the
    ///   new generation's shards are checked the same way against the new count), its SHA is the git blob SHA
    ///   of its content, and its operation-log entry names it;
    /// - every file is re-prepared and re-chunked exactly as an upsert does it, and its
    ///   stored sections (slug, part, headings, lines, byte ranges, weights, boost, the
    ///   indexed texts) equal the fresh ones: nothing is
    ///   half-indexed.
    ///
    /// A damaged database that SQLite refuses to read becomes a problem too. The check
    /// reads each shard in one snapshot, so it can run beside writers. It re-chunks every
    /// file, the CPU-heavy half of an ingest (the Rust book: about 0.15 s).
    ///
    /// - Throws: only `CancellationError` when the task is cancelled.
    public func checkIntegrity() async throws -> IntegrityReport {
        var report = IntegrityReport()
        do {
            let rows = try catalog.integrityCheck()
            if rows != ["ok"] { report.problems += rows.map { "catalog: PRAGMA integrity_check: \($0)" } }
        } catch {
            report.problems.append("catalog: PRAGMA integrity_check failed: \(error)")
        }
        let datasets: [DatasetConfig]
        do {
            datasets = try catalog.allDatasets()
        } catch {
            report.problems.append("catalog: the datasets could not be listed: \(error)")
            return report
        }
        for config in datasets {
            try Task.checkCancellation()
            let label = "\(config.orgID)/\(config.datasetID)"
            let handle: DatasetHandle
            do {
                handle = try await lease(org: config.orgID, id: config.datasetID)
            } catch {
                report.problems.append("\(label): its shards could not be opened: \(error)")
                continue
            }
            // A resharding's new shards are checked as a dataset of their own shard count:
            // a file is then in two shards, one of each generation, and nowhere else.
            let generations = [(handle.shards, ""), (handle.target, " (resharding target)")].filter { !$0.0.isEmpty }
            var results: [[ShardIntegrity]] = []
            do {
                for (shards, _) in generations {
                    results.append(try await Searcher.forEachShard(shards) { index, store in
                        try Task.checkCancellation()
                        return await store.checkIntegrity(shard: index, shardCount: shards.count)
                    })
                }
                handle.release()
            } catch {
                handle.release()
                throw error
            }
            report.datasets += 1
            for ((_, suffix), generation) in zip(generations, results) {
                for (index, result) in generation.enumerated() {
                    report.shards += 1
                    // Files and sections count once: the new shards hold copies.
                    if suffix.isEmpty {
                        report.files += result.files
                        report.sections += result.sections
                    }
                    report.problems += result.problems.map { problem in
                        let shard = "\(label) shard \(index)\(suffix)"
                        return "\(problem.filename.map { "\(shard), file '\($0)'" } ?? shard): \(problem.message)"
                    }
                }
            }
        }
        return report
    }
}

/// What the check found in one shard; the engine adds the dataset to each message.
struct ShardIntegrity: Sendable {
    struct Problem: Sendable {
        /// The file concerned, or nil for the shard as a whole.
        var filename: String?
        var message: String
    }

    var files = 0
    var sections = 0
    var problems: [Problem] = []

    mutating func report(_ message: String, file: String? = nil) {
        problems.append(Problem(filename: file, message: message))
    }
}

extension ShardStore {
    /// Checks one shard (see ``Engine/checkIntegrity()``). Never throws: a SQLite error
    /// while checking, such as `SQLITE_CORRUPT`, is itself a finding.
    func checkIntegrity(shard: Int, shardCount: Int) async -> ShardIntegrity {
        var result = ShardIntegrity()
        do {
            let rows = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            if rows != ["ok"] { for row in rows { result.report("PRAGMA integrity_check: \(row)") } }
        } catch {
            result.report("PRAGMA integrity_check failed: \(Self.finding(error))")
        }
        if let difference = indexDifference() { result.report(difference) }
        do {
            // One read transaction: a snapshot in which every file is either fully old
            // or fully new, even while a writer commits.
            let rows = try read { [chunker = self.chunker] db in
                try Self.checkRows(db, shard: shard, shardCount: shardCount, chunker: chunker)
            }
            result.files = rows.files
            result.sections = rows.sections
            result.problems += rows.problems
        } catch {
            result.report("the rows could not be checked: \(Self.finding(error))")
        }
        return result
    }

    /// How the live index differs from one rebuilt from the database, or nil when they
    /// agree. A write committing between the snapshot and the read can make them differ
    /// for a moment, so a difference counts only when three attempts all see one.
    private func indexDifference() -> String? {
        var finding: String?
        for _ in 0..<3 {
            do {
                let (live, rebuilt) = try read { db in
                    let live = IndexDigest(index.snapshot())
                    return (live, IndexDigest(try SectionIndex(db).snapshot()))
                }
                if live == rebuilt { return nil }
                finding = "the index holds \(live); rebuilt from the database it holds \(rebuilt)"
            } catch {
                finding = "the index could not be rebuilt: \(Self.finding(error))"
            }
        }
        return finding
    }

    /// An error as a finding: what SQLite said, which the engine's own message to API
    /// callers leaves out.
    private static func finding(_ error: any Error) -> String {
        if case EngineError.storage(let detail) = error { return detail }
        return "\(error)"
    }

    /// Counts rows that belong to nothing, then checks file by file.
    private static func checkRows(_ db: Database, shard: Int, shardCount: Int, chunker: Chunker) throws -> ShardIntegrity {
        var result = ShardIntegrity()
        let orphans = [
            ("sections rows belong to no file", "SELECT count(*) FROM sections WHERE file_id NOT IN (SELECT id FROM files)"),
            ("section_texts rows belong to no section", "SELECT count(*) FROM section_texts WHERE id NOT IN (SELECT id FROM sections)"),
        ]
        for (what, sql) in orphans {
            let count = try Int.fetchOne(db, sql: sql) ?? 0
            if count > 0 { result.report("\(count) \(what)") }
        }
        let sectionCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sections") ?? 0
        result.sections = sectionCount
        if let totals = try Row.fetchOne(db, sql: "SELECT files, sections, content_bytes, metadata_bytes FROM totals"),
           let actual = try Row.fetchOne(db, sql: "SELECT \(ShardSchema.totalsOfFiles) FROM files"),
           totals[0] as Int != actual[0] as Int || totals[1] as Int != actual[1] as Int
            || totals[2] as Int != actual[2] as Int || totals[3] as Int != actual[3] as Int
        {
            result.report(
                "the totals row says \(totals[0] as Int) files, \(totals[1] as Int) sections, \(totals[2] as Int) + \(totals[3] as Int) bytes; "
                    + "the files hold \(actual[0] as Int), \(actual[1] as Int), \(actual[2] as Int) + \(actual[3] as Int)")
        }

        let lastSeq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'oplog'") ?? 0
        let checker = FileIntegrity(db: db, shard: shard, shardCount: shardCount, lastSeq: lastSeq, chunker: chunker)
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM files ORDER BY filename") {
            result.files += 1
            let (filename, problems) = try checker.check(fileID: id)
            for problem in problems { result.report(problem, file: filename) }
        }
        return result
    }
}
