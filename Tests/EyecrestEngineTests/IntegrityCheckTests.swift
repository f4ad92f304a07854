import EyecrestEngine
import Foundation
import GRDB
import Testing

/// ``Engine/checkIntegrity()``: silent on data the engine wrote itself, loud (and
/// precise about where) on every kind of damage a crash or a bug could leave.
@Suite("Integrity check")
struct IntegrityCheckTests {
    static let guide = """
        ---
        title: Guide
        ---
        # Guide

        Intro text.

        ## Install

        Run the installer.

        ## Configure

        Edit the file.
        """

    @Test("The Rust book after creates, updates, weight-only updates and deletes has no problems")
    func healthyCorpus() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"))
        try await TestSupport.load(files, into: engine, dataset: "book", shards: 3)
        // Every kind of write the engine does, so the check sees each one's result.
        let edited = files.prefix(10).map { FileUpload(filename: $0.filename, content: $0.content + Data("\n## Added\n\nMore.\n".utf8)) }
        _ = try await engine.upsertFiles(org: "test", dataset: "book", files: edited)
        let reweighted = files.dropFirst(10).prefix(5).map {
            FileUpload(filename: $0.filename, content: $0.content, metadata: #"{"k":1}"#, weight: 2.5)
        }
        #expect(try await engine.upsertFiles(org: "test", dataset: "book", files: reweighted).allSatisfy { $0.status == .updated })
        _ = try await engine.deleteFiles(org: "test", dataset: "book", filenames: files.suffix(5).map(\.filename))
        _ = try await engine.upsertFiles(org: "test", dataset: "book", files: [FileUpload(filename: "notes.txt", content: "not indexed")])
        // A second org's dataset is checked too.
        try await TestSupport.load([FileUpload(filename: "guide.md", content: Self.guide)], into: engine, dataset: "book", org: "other")

        let report = try await engine.checkIntegrity()
        #expect(report.problems == [])
        #expect(report.isHealthy)
        #expect(report.datasets == 2 && report.shards == 4)
        let stats = try await engine.stats(org: "test", dataset: "book")
        #expect(report.files == stats.files + 1 && report.sections == stats.sections + 4)
    }

    /// One way to damage a shard with raw SQL, and the words the report must contain.
    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var sql: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let corruptions = [
        Corruption(
            name: "a section row deleted", sql: "DELETE FROM sections WHERE id = (SELECT max(id) FROM sections)",
            expected: ["file 'guide.md'", "3 sections are stored, a fresh chunking gives 4", "test/docs shard 0: the index holds 4 sections"]),
        Corruption(
            name: "a line range edited", sql: "UPDATE sections SET end_line = end_line + 1 WHERE slug = 'install'",
            expected: ["file 'guide.md'", "slug 'install'", "endLine is '12', expected '11'"]),
        Corruption(
            name: "a byte range edited", sql: "UPDATE sections SET start_byte = start_byte - 1 WHERE slug = 'configure'",
            expected: ["file 'guide.md'", "slug 'configure'", "startByte"]),
        Corruption(
            name: "the indexed text edited", sql: "UPDATE section_texts SET body = 'something else' WHERE id = (SELECT min(id) FROM section_texts)",
            expected: ["file 'guide.md'", "body is 'something else'", "rebuilt from the database it holds"]),
        Corruption(
            name: "an indexed text row deleted", sql: "DELETE FROM section_texts WHERE id = (SELECT max(id) FROM section_texts)",
            expected: ["file 'guide.md'", "its section_texts row is missing"]),
        Corruption(
            name: "the content replaced without re-chunking", sql: "UPDATE files SET content = CAST('# Other' AS BLOB), size = 7",
            expected: ["file 'guide.md'", "is not its content's", "title is 'Guide', a fresh chunking gives none"]),
        Corruption(
            name: "the SHA edited", sql: "UPDATE files SET sha = '0000000000000000000000000000000000000000'",
            expected: ["file 'guide.md'", "stored SHA 0000000000000000000000000000000000000000 is not its content's"]),
        Corruption(
            name: "a boost edited behind the index", sql: "UPDATE sections SET boost = 2.0 WHERE slug = 'install'",
            expected: ["file 'guide.md'", "boost is '2.0'", "test/docs shard 0: the index holds 4 sections"]),
        Corruption(
            name: "the operation log rewritten", sql: "UPDATE oplog SET filename = 'other.md'",
            expected: ["file 'guide.md'", "operation log entry 1 is upsert of 'other.md'"]),
    ]

    @Test("Damage to a shard is reported with dataset, shard and file", arguments: corruptions)
    func corruptionIsReported(_ corruption: Corruption) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load([FileUpload(filename: "guide.md", content: Self.guide)], into: engine, dataset: "docs")
        #expect(try await engine.checkIntegrity().problems == [])

        // A second connection, as a stray tool or a bug would write; GRDB enables foreign
        // keys, so deleting a section also deletes its section_texts row.
        let shard = try #require(try Self.shardFiles(in: directory).first)
        try await DatabaseQueue(path: shard.path).write { db in try db.execute(sql: corruption.sql) }

        let report = try await engine.checkIntegrity()
        #expect(!report.isHealthy)
        let text = report.problems.joined(separator: "\n")
        for expected in corruption.expected {
            #expect(text.contains(expected), "missing '\(expected)' in:\n\(text)")
        }
    }

    @Test("A file in the wrong shard is reported")
    func fileInWrongShard() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = (0..<8).map { "file-\($0).md" }
        try await TestSupport.load(names.map { FileUpload(filename: $0, content: "# \($0)\n") }, into: engine, dataset: "docs", shards: 2)
        let results = try await engine.upsertFiles(org: "test", dataset: "docs", files: [FileUpload(filename: names[0], content: "# \(names[0])\n")])
        let home = try #require(results.first?.shard)
        // Renaming a file to a name that hashes to the other shard leaves it misplaced.
        let misplaced = try #require((0..<100).map { "moved-\($0).md" }.first { ShardHash.shard(of: $0, shardCount: 2) != home })
        let shard = try #require(try Self.shardFiles(in: directory).first { $0.lastPathComponent == "shard-\(home).sqlite" })
        try await DatabaseQueue(path: shard.path).write { db in
            try db.execute(sql: "UPDATE files SET filename = ? WHERE filename = ?", arguments: [misplaced, names[0]])
            try db.execute(sql: "UPDATE sections SET filename = ? WHERE filename = ?", arguments: [misplaced, names[0]])
        }
        let problems = try await engine.checkIntegrity().problems.joined(separator: "\n")
        #expect(problems.contains("file '\(misplaced)': it belongs in shard \(1 - home)"), "\(problems)")
    }

    static func shardFiles(in directory: URL) throws -> [URL] {
        let datasets = directory.appendingPathComponent("datasets")
        return try FileManager.default.contentsOfDirectory(atPath: datasets.path).flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: datasets.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".sqlite") }
                .map { datasets.appendingPathComponent(folder).appendingPathComponent($0) }
        }
    }
}
