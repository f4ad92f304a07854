import EyecrestEngine
import Foundation
import GRDB
import Testing

@Suite("Storage: datasets, files, operation log")
struct StorageTests {
    let guide = "# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n\n## Configure\n\nEdit the file.\n"

    @Test("Upsert answers created, then unchanged, then updated, with SHA and section count")
    func upsertStatuses() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs")
        let first = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "guide.md", content: guide)])
        #expect(first.map(\.status) == [.created])
        #expect(first[0].sha == GitBlobSHA.hash(Data(guide.utf8)))
        #expect(first[0].sections == 3)

        let again = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "guide.md", content: guide)])
        #expect(again.map(\.status) == [.unchanged])
        #expect(again[0].seq == first[0].seq, "an unchanged file writes nothing to the log")

        let edited = guide + "\n## Uninstall\n\nRemove it.\n"
        let changed = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "guide.md", content: edited)])
        #expect(changed.map(\.status) == [.updated])
        #expect(changed[0].sections == 4)
        #expect(changed[0].seq > first[0].seq)

        let stats = try await engine.stats(org: "acme", dataset: "docs")
        #expect(stats.files == 1)
        #expect(stats.sections == 4)
        #expect(stats.contentBytes == edited.utf8.count)
    }

    @Test("A weight- or metadata-only change updates without re-chunking and is logged")
    func metadataOnlyUpdate() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs")
        let created = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "a.md", content: guide)])
        let before = try await engine.search(org: "acme", dataset: "docs", SearchRequest(query: "installer"))
        let updated = try await engine.upsertFiles(
            org: "acme", dataset: "docs", files: [FileUpload(filename: "a.md", content: guide, metadata: #"{"v":2}"#, weight: 2)])
        #expect(updated[0].status == .updated)
        #expect(updated[0].seq == created[0].seq + 1)
        let file = try await engine.file(org: "acme", dataset: "docs", filename: "a.md")
        #expect(file.metadata == #"{"v":2}"#)
        #expect(file.weight == 2)
        let after = try await engine.search(org: "acme", dataset: "docs", SearchRequest(query: "installer"))
        let expectedFactor = 1 + log(2.0) * 0.1
        #expect(abs(after.hits[0].score / before.hits[0].score - expectedFactor) < 1e-9, "file weight scales the score")
        #expect(after.hits[0].metadata == #"{"v":2}"#)
    }

    @Test("Every change is appended to the shard's operation log with increasing sequence numbers")
    func operationLog() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs")
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [
            FileUpload(filename: "a.md", content: "# A"), FileUpload(filename: "b.md", content: "# B"),
        ])
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "a.md", content: "# A2")])
        _ = try await engine.deleteFiles(org: "acme", dataset: "docs", filenames: ["b.md"])
        let shard = try shardFiles(in: directory)[0]
        let entries = try DatabaseQueue(path: shard.path).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, op, filename FROM oplog ORDER BY seq")
        }
        #expect(entries.map { $0["op"] as String } == ["upsert", "upsert", "upsert", "delete"])
        #expect(entries.map { $0["filename"] as String } == ["a.md", "b.md", "a.md", "b.md"])
        let seqs = entries.map { $0["seq"] as Int64 }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
        #expect(try await engine.stats(org: "acme", dataset: "docs").shardSequences == [seqs.last ?? 0])
    }

    @Test("A batch with one invalid file stores nothing")
    func batchIsAllOrNothing() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs", shards: 3)
        let bad: [(FileUpload, String)] = [
            (FileUpload(filename: "../escape.md", content: "x"), "invalid_filename"),
            (FileUpload(filename: "/abs.md", content: "x"), "invalid_filename"),
            (FileUpload(filename: "a//b.md", content: "x"), "invalid_filename"),
            (FileUpload(filename: "nul\u{0}.md", content: "x"), "invalid_filename"),
            (FileUpload(filename: String(repeating: "é", count: 251) + ".md", content: "x"), "invalid_filename"),
            (FileUpload(filename: "bytes.md", content: Data([0x23, 0x20, 0xFF, 0xFE])), "invalid_content"),
            (FileUpload(filename: "meta.md", content: "x", metadata: "[1,2]"), "invalid_content"),
            (FileUpload(filename: "w.md", content: "x", weight: 0), "invalid_argument"),
            (FileUpload(filename: "w.md", content: "x", weight: .nan), "invalid_argument"),
        ]
        for (file, code) in bad {
            let good = (0..<20).map { FileUpload(filename: "ok-\($0).md", content: "# Fine \($0)") }
            await #expect {
                _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: good + [file])
            } throws: { ($0 as? EngineError)?.code == code }
        }
        await #expect(throws: EngineError.self) {
            _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [
                FileUpload(filename: "same.md", content: "1"), FileUpload(filename: "same.md", content: "2"),
            ])
        }
        // Invalid UTF-8 in the middle of a large batch over three shards: found before
        // any shard writes.
        let many = (0..<300).map { FileUpload(filename: "many-\($0).md", content: "# Page \($0)\n\nText of page \($0).") }
        await #expect {
            _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: many[..<150] + [bad[5].0] + many[150...])
        } throws: { ($0 as? EngineError)?.code == "invalid_content" }
        #expect(try await engine.stats(org: "acme", dataset: "docs").files == 0)
    }

    @Test("Filenames with spaces and non-ASCII letters are fine; get slices by lines")
    func getFile() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs", shards: 2)
        let name = "guides/café au lait/入門.md"
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: name, content: guide, metadata: #"{"a":1}"#)])
        let file = try await engine.file(org: "acme", dataset: "docs", filename: name)
        #expect(file.content == guide)
        #expect(file.sha == GitBlobSHA.hash(Data(guide.utf8)))
        #expect(file.metadata == #"{"a":1}"#)
        #expect(FileSlice.render(file.content, start: 5, end: 7, showLineNumbers: false) == "## Install\n\nRun the installer.")
        #expect(FileSlice.render(file.content, start: 5, end: 6, showLineNumbers: true) == "5  ## Install\n6  ")
        #expect(FileSlice.render("a\nb", start: 2, end: 99, showLineNumbers: false) == "b")
        await #expect(throws: EngineError.fileNotFound("missing.md")) {
            _ = try await engine.file(org: "acme", dataset: "docs", filename: "missing.md")
        }
    }

    @Test("Listing pages through files in name order across shards, with a prefix")
    func listing() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs", shards: 4)
        let names = (0..<25).map { String(format: "docs/%02d.md", $0) } + ["readme.md", "docs2/x.md"]
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: names.map { FileUpload(filename: $0, content: "# \($0)") })
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await engine.listFiles(org: "acme", dataset: "docs", prefix: "docs/", cursor: cursor, limit: 10)
            seen += page.files.map(\.filename)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == names.filter { $0.hasPrefix("docs/") }.sorted())
        let all = try await engine.listFiles(org: "acme", dataset: "docs", limit: 1_000)
        #expect(all.files.count == names.count && all.nextCursor == nil)
    }

    @Test("Datasets are per org, validated, persisted, and deleted from disk")
    func datasets() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect(throws: EngineError.invalidDatasetID("bad id")) { try await engine.createDataset(org: "acme", id: "bad id") }
        await #expect(throws: EngineError.self) { try await engine.createDataset(org: "acme", id: String(repeating: "a", count: 401)) }
        await #expect(throws: EngineError.self) { try await engine.createDataset(org: "acme", id: "x", shards: 0) }
        #expect(try await engine.createDataset(org: "acme", id: "docs", shards: 2).created)
        #expect(try await engine.createDataset(org: "acme", id: "docs", shards: 2).created == false)
        await #expect(throws: EngineError.self) { try await engine.createDataset(org: "acme", id: "docs", shards: 3) }
        #expect(try await engine.createDataset(org: "other", id: "docs").created, "names are scoped per org")
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [FileUpload(filename: "secret.md", content: "# Secret plans")])

        await #expect(throws: EngineError.fileNotFound("secret.md")) {
            _ = try await engine.file(org: "other", dataset: "docs", filename: "secret.md")
        }
        #expect(try await engine.search(org: "other", dataset: "docs", SearchRequest(query: "secret")).hits.isEmpty)
        await #expect(throws: EngineError.datasetNotFound("docs")) {
            _ = try await engine.search(org: "nobody", dataset: "docs", SearchRequest(query: "secret"))
        }
        #expect(try engine.datasets(org: "acme").map(\.datasetID) == ["docs"])

        // A second engine over the same directory sees the same data.
        let reopened = try Engine(dataDirectory: directory)
        #expect(try await reopened.search(org: "acme", dataset: "docs", SearchRequest(query: "secret")).hits.count == 1)

        #expect(try shardFiles(in: directory).count == 3)
        try await engine.deleteDataset(org: "acme", id: "docs")
        await #expect(throws: EngineError.datasetNotFound("docs")) { try await engine.deleteDataset(org: "acme", id: "docs") }
        #expect(try shardFiles(in: directory).count == 1, "only the other org's shard is left")
        #expect(try engine.datasets(org: "acme").isEmpty)
        #expect(try engine.datasets(org: "other").count == 1)
    }

    @Test("Deleting files removes them from search and reports which existed")
    func deleteFiles() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "acme", id: "docs", shards: 2)
        _ = try await engine.upsertFiles(org: "acme", dataset: "docs", files: [
            FileUpload(filename: "a.md", content: "# Alpha\n\nunique marmalade"), FileUpload(filename: "b.md", content: "# Beta\n\nmarmalade too"),
        ])
        let deleted = try await engine.deleteFiles(org: "acme", dataset: "docs", filenames: ["a.md", "ghost.md"])
        #expect(deleted == ["a.md"])
        let hits = try await engine.search(org: "acme", dataset: "docs", SearchRequest(query: "marmalade")).hits
        #expect(hits.map(\.filename) == ["b.md"])
        #expect(try await engine.stats(org: "acme", dataset: "docs").sections == 1)
    }

    private func shardFiles(in directory: URL) throws -> [URL] {
        let datasets = directory.appendingPathComponent("datasets")
        return try FileManager.default.contentsOfDirectory(atPath: datasets.path).flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: datasets.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".sqlite") }
                .map { datasets.appendingPathComponent(folder).appendingPathComponent($0) }
        }
    }
}
