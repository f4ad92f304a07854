import EyecrestMarkdown
import Foundation
import GRDB
import Testing

@testable import EyecrestEngine

/// Counts and sizes come from a totals row the write transactions keep, and SQLite's own
/// errors never leave the engine.
@Suite("Storage totals and errors")
struct StorageTotalsTests {
    @Test("The totals follow every kind of write", arguments: [1, 3])
    func totalsFollowWrites(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "test", id: "docs", shards: shards)
        var random = SplitMix64(seed: 42)
        var stored: [String: FileUpload] = [:]
        for round in 0..<60 {
            let name = "file-\(random.next() % 12).md"
            switch random.next() % 5 {
            case 0:
                _ = try await engine.deleteFiles(org: "test", dataset: "docs", filenames: [name])
                stored[name] = nil
            case 1 where stored[name] != nil:
                // Metadata and weight only: no re-chunking, the sizes change anyway.
                var file = try #require(stored[name])
                file.metadata = round % 2 == 0 ? #"{"round":\#(round),"tag":"é"}"# : nil
                file.weight = 1 + Double(round % 3)
                _ = try await engine.upsertFiles(org: "test", dataset: "docs", files: [file])
                stored[name] = file
            default:
                let body = (0..<Int(random.next() % 4)).map { "## Part \($0)\n\nText \(round).\n" }.joined()
                let file = FileUpload(filename: name, content: "# \(name)\n\n\(body)", metadata: #"{"n":\#(round)}"#)
                _ = try await engine.upsertFiles(org: "test", dataset: "docs", files: [file])
                stored[name] = file
            }
            let stats = try await engine.stats(org: "test", dataset: "docs")
            let listed = try await engine.listFiles(org: "test", dataset: "docs", limit: 100).files
            #expect(stats.files == stored.count)
            #expect(stats.sections == listed.reduce(0) { $0 + $1.sections })
            #expect(stats.contentBytes == stored.values.reduce(0) { $0 + $1.content.count })
            #expect(stats.metadataBytes == stored.values.reduce(0) { $0 + ($1.metadata?.utf8.count ?? 0) })
        }
        #expect(try await engine.checkIntegrity().problems == [])
    }

    @Test("Counting reads one row: no scan of the files and their content")
    func countingScansNothing() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load([FileUpload(filename: "a.md", content: "# A\n")], into: engine, dataset: "docs")
        let shard = try #require(try IntegrityCheckTests.shardFiles(in: directory).first)
        let plan = try await DatabaseQueue(path: shard.path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ShardStore.countsSQL).map { $0["detail"] as String }
        }
        #expect(!plan.isEmpty && plan.allSatisfy { !$0.contains("files") }, "\(plan)")
    }

    @Test("A totals row that disagrees with the files is reported by the integrity check")
    func tamperedTotalsAreReported() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load([FileUpload(filename: "a.md", content: "# A\n\nText.\n")], into: engine, dataset: "docs")
        let shard = try #require(try IntegrityCheckTests.shardFiles(in: directory).first)
        try await DatabaseQueue(path: shard.path).write { db in try db.execute(sql: "UPDATE totals SET files = 7") }
        let problems = try await engine.checkIntegrity().problems.joined(separator: "\n")
        #expect(problems.contains("the totals row says 7 files"), "\(problems)")
    }

    @Test("A failing shard read or write throws an EngineError without SQL")
    func sqliteErrorsAreTranslated() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load([FileUpload(filename: "a.md", content: "# A\n\nText.\n")], into: engine, dataset: "docs")
        let shard = try #require(try IntegrityCheckTests.shardFiles(in: directory).first)
        try await DatabaseQueue(path: shard.path).write { db in try db.execute(sql: "ALTER TABLE sections RENAME TO sections_elsewhere") }

        let failures: [(String, @Sendable () async throws -> Void)] = [
            ("search", { _ = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "text")) }),
            ("upsert", { _ = try await engine.upsertFiles(org: "test", dataset: "docs", files: [FileUpload(filename: "a.md", content: "# B\n")]) }),
            ("delete", { _ = try await engine.deleteFiles(org: "test", dataset: "docs", filenames: ["a.md"]) }),
        ]
        for (name, operation) in failures {
            do {
                try await operation()
                Issue.record("\(name) succeeded on a damaged shard")
            } catch let error as EngineError {
                #expect(error.code == "storage_error", "\(name): \(error)")
                let text = "\(error)"
                for leak in ["SELECT", "INSERT", "DELETE", "sections", "no such table", directory.path] {
                    #expect(!text.contains(leak), "\(name) leaked '\(leak)': \(text)")
                }
            } catch {
                Issue.record("\(name) threw a \(type(of: error)), not an EngineError: \(error)")
            }
        }
    }
}
