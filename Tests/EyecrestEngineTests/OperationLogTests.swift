import EyecrestEngine
import Foundation
import Testing

/// The operation log as replication uses it: a replica that applies a primary's batches
/// holds the same files and answers the same searches, whatever the batch sizes, however
/// often a batch is repeated; a copy that does not follow the primary's history is told
/// so, and a snapshot brings it back.
@Suite struct OperationLogTests {
    let org = "org"

    /// Pulls batches of at most `limit` entries per shard until the replica is at the
    /// primary's position; returns how many batches it took.
    @discardableResult
    func catchUp(_ replica: Engine, from primary: Engine, dataset: String, limit: Int = 1_000) async throws -> Int {
        var batches = 0
        let shards = try await primary.dataset(org: org, id: dataset).shardCount
        for shard in 0..<shards {
            while true {
                let position = try await replica.logPositions(org: org, dataset: dataset)[shard]
                let batch = try await primary.readLog(org: org, dataset: dataset, shard: shard, after: position, limit: limit)
                #expect(!batch.snapshotRequired)
                if batch.entries.isEmpty { break }
                let next = try await replica.applyLog(org: org, dataset: dataset, shard: shard, batch)
                #expect(next.seq == batch.entries.last?.seq)
                batches += 1
            }
        }
        return batches
    }

    /// Every file's name, SHA, metadata and weight, over all shards.
    func contents(_ engine: Engine, _ dataset: String) async throws -> [String: String] {
        var result: [String: String] = [:]
        var cursor: String?
        repeat {
            let page = try await engine.listFiles(org: org, dataset: dataset, cursor: cursor, limit: 1_000)
            for summary in page.files {
                let file = try await engine.file(org: org, dataset: dataset, filename: summary.filename)
                result[file.filename] = "\(file.sha) \(file.metadata ?? "-") \(file.weight)"
            }
            cursor = page.nextCursor
        } while cursor != nil
        return result
    }

    func twoEngines(logRetention: Int = Engine.defaultLogRetention) throws -> (Engine, Engine, [URL]) {
        let a = try TestSupport.temporaryDirectory(), b = try TestSupport.temporaryDirectory()
        return (try Engine(dataDirectory: a, logRetention: logRetention), try Engine(dataDirectory: b, logRetention: logRetention), [a, b])
    }

    @Test func aReplicaOfTheRustBookAnswersLikeItsPrimary() async throws {
        let (primary, replica, folders) = try twoEngines()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"))
        try await TestSupport.load(files, into: primary, dataset: "book", shards: 3, org: org)
        try await replica.createDataset(org: org, id: "book", shards: 3)
        try await catchUp(replica, from: primary, dataset: "book", limit: 40)

        #expect(try await replica.logPositions(org: org, dataset: "book") == primary.logPositions(org: org, dataset: "book"))
        #expect(try await contents(replica, "book") == contents(primary, "book"))
        for query in ["borrow checker", "lifetimes", "trait objects", "unsafe rust"] {
            let request = SearchRequest(query: query)
            let expected = try await primary.search(org: org, dataset: "book", request).hits
            let got = try await replica.search(org: org, dataset: "book", request).hits
            #expect(got.map(\.filename) == expected.map(\.filename), "\(query)")
            #expect(got.map(\.sectionSlug) == expected.map(\.sectionSlug), "\(query)")
        }
        let stats = try await replica.stats(org: org, dataset: "book")
        #expect(stats.files == files.count)
    }

    @Test func replacedAndDeletedFilesShipAsTheyAreNow() async throws {
        let (primary, replica, folders) = try twoEngines()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        try await primary.createDataset(org: org, id: "d")
        try await replica.createDataset(org: org, id: "d")
        let upsert = { (name: String, text: String, metadata: String?) in
            _ = try await primary.upsertFiles(
                org: org, dataset: "d", files: [FileUpload(filename: name, content: Data(text.utf8), metadata: metadata)])
        }
        try await upsert("a.md", "# A\n\nfirst", nil)
        try await upsert("b.md", "# B\n\nkept", nil)
        try await upsert("a.md", "# A\n\nsecond", nil)
        try await upsert("a.md", "# A\n\nsecond", "{\"k\":1}")
        _ = try await primary.deleteFiles(org: org, dataset: "d", filenames: ["b.md"])
        try await upsert("c.md", "# C\n\ngone soon", nil)
        _ = try await primary.deleteFiles(org: org, dataset: "d", filenames: ["c.md"])

        // One entry at a time: after each, no file is older than the primary's version
        // at that entry, and no deleted file exists.
        var position = LogPosition.start
        while true {
            let batch = try await primary.readLog(org: org, dataset: "d", shard: 0, after: position, limit: 1)
            guard let entry = batch.entries.first else { break }
            position = try await replica.applyLog(org: org, dataset: "d", shard: 0, batch)
            #expect(position.seq == entry.seq)
            let names = try await replica.listFiles(org: org, dataset: "d").files.map(\.filename)
            #expect(!names.contains("c.md"))
            if names.contains("a.md") {
                let a = try await replica.file(org: org, dataset: "d", filename: "a.md")
                #expect(a.content.contains("second"))
            }
        }
        #expect(try await contents(replica, "d") == contents(primary, "d"))
        #expect(try await contents(replica, "d").keys.sorted() == ["a.md"])
    }

    @Test func applyingABatchTwiceChangesNothing() async throws {
        let (primary, replica, folders) = try twoEngines()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        try await primary.createDataset(org: org, id: "d")
        try await replica.createDataset(org: org, id: "d")
        _ = try await primary.upsertFiles(org: org, dataset: "d", files: (0..<5).map {
            FileUpload(filename: "f\($0).md", content: Data("# F\($0)\n\ntext \($0)".utf8))
        })
        let batch = try await primary.readLog(org: org, dataset: "d", shard: 0, after: .start)
        let first = try await replica.applyLog(org: org, dataset: "d", shard: 0, batch)
        let again = try await replica.applyLog(org: org, dataset: "d", shard: 0, batch)
        #expect(first == again)
        #expect(try await replica.stats(org: org, dataset: "d").sections == primary.stats(org: org, dataset: "d").sections)
        #expect(try await contents(replica, "d") == contents(primary, "d"))
    }

    @Test func aCopyThatDoesNotFollowThePrimaryIsToldSo() async throws {
        let (primary, replica, folders) = try twoEngines()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        try await primary.createDataset(org: org, id: "d")
        try await replica.createDataset(org: org, id: "d")
        for index in 0..<4 {
            _ = try await primary.upsertFiles(org: org, dataset: "d", files: [FileUpload(filename: "f\(index).md", content: Data("# \(index)".utf8))])
        }
        // A gap: entries 3 and 4 without 1 and 2.
        let tail = try await primary.readLog(org: org, dataset: "d", shard: 0, after: .start)
        var skipping = tail
        skipping.entries.removeFirst(2)
        await #expect(throws: ReplicationError.gap(expected: 1, got: 3)) {
            _ = try await replica.applyLog(org: org, dataset: "d", shard: 0, skipping)
        }
        #expect(try await replica.logPositions(org: org, dataset: "d")[0] == .start)

        // A write the primary never made: the replica's history differs.
        _ = try await replica.upsertFiles(org: org, dataset: "d", files: [FileUpload(filename: "stray.md", content: Data("# stray".utf8))])
        let local = try await replica.logPositions(org: org, dataset: "d")[0]
        #expect(try await primary.readLog(org: org, dataset: "d", shard: 0, after: local).snapshotRequired)
        await #expect(throws: ReplicationError.diverged(at: 2)) {
            var next = tail
            next.entries.removeFirst()
            _ = try await replica.applyLog(org: org, dataset: "d", shard: 0, next)
        }
        // A position ahead of the primary.
        #expect(try await primary.readLog(org: org, dataset: "d", shard: 0, after: LogPosition(seq: 99, checksum: 0)).snapshotRequired)
    }

    @Test func aReplicaBehindTheTruncatedLogResyncsBySnapshot() async throws {
        let (primary, replica, folders) = try twoEngines(logRetention: 5)
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        try await primary.createDataset(org: org, id: "d", shards: 2)
        try await replica.createDataset(org: org, id: "d", shards: 2)
        // A stray local file, which the snapshot must remove.
        _ = try await replica.upsertFiles(org: org, dataset: "d", files: [FileUpload(filename: "stray.md", content: Data("# stray".utf8))])
        for round in 0..<30 {
            _ = try await primary.upsertFiles(org: org, dataset: "d", files: [
                FileUpload(filename: "f\(round % 12).md", content: Data("# F\(round)\n\nround \(round)".utf8))
            ])
        }
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for shard in 0..<2 {
            let position = try await replica.logPositions(org: org, dataset: "d")[shard]
            let batch = try await primary.readLog(org: org, dataset: "d", shard: shard, after: position)
            #expect(batch.snapshotRequired)
            let file = scratch.appendingPathComponent("shard-\(shard).sqlite")
            let taken = try await primary.snapshot(org: org, dataset: "d", shard: shard, to: file)
            let installed = try await replica.installSnapshot(org: org, dataset: "d", shard: shard, from: file)
            #expect(installed == taken)
        }
        #expect(try await contents(replica, "d") == contents(primary, "d"))
        // And the log continues from the snapshot's position.
        _ = try await primary.upsertFiles(org: org, dataset: "d", files: [FileUpload(filename: "late.md", content: Data("# Late".utf8))])
        try await catchUp(replica, from: primary, dataset: "d")
        #expect(try await contents(replica, "d") == contents(primary, "d"))
        #expect(try await replica.search(org: org, dataset: "d", SearchRequest(query: "late")).hits.first?.filename == "late.md")
    }
}
