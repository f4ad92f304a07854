import EyecrestEngine
import Foundation
import Testing

/// A search reads its shards in several transactions; files deleted and re-added in
/// between must never misorder a page, repeat a hit, or leave a short page that claims a
/// next one.
@Suite("Search under concurrent deletes")
struct SearchConsistencyTests {
    @Test("Pages stay ordered, whole and free of duplicates while files are deleted and re-added", arguments: [1, 3])
    func pagesSurviveConcurrentDeletes(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 60)
        try await TestSupport.load(files, into: engine, dataset: "book", shards: shards)
        let queries = ["ownership", "rust program", "cargo build", "value", "\"the compiler\"", "variab*"]

        let writer = Task {
            var round = 0
            while !Task.isCancelled, round < 400 {
                let batch = (0..<6).map { files[(round * 6 + $0 * 11) % files.count] }
                _ = try await engine.deleteFiles(org: "test", dataset: "book", filenames: batch.map(\.filename))
                // Re-added with an extra section: new section ids, new line ranges.
                let edited = batch.map { file in
                    var file = file
                    file.content.append(Data("\n\n## Round \(round)\n\nThe value of ownership in round \(round).\n".utf8))
                    return file
                }
                _ = try await engine.upsertFiles(org: "test", dataset: "book", files: edited)
                round += 1
            }
        }
        var checked = 0
        for step in 0..<240 {
            let request = SearchRequest(query: queries[step % queries.count], page: step % 3, perPage: 5, maxChunksPerFile: 2)
            let response = try await engine.search(org: "test", dataset: "book", request)
            let hits = response.hits
            let keys = hits.map { "\($0.filename)#\($0.sectionSlug)#\($0.part)" }
            #expect(Set(keys).count == keys.count, "a hit repeats: \(keys)")
            if response.hasNextPage { #expect(hits.count == request.perPage, "a short page claims a next one: \(keys)") }
            // Relaxed or not, the score holds the coverage: hits come by score.
            for (earlier, later) in zip(hits, hits.dropFirst()) {
                #expect(earlier.score >= later.score, "score order broken: \(keys)")
            }
            let perFile = Dictionary(grouping: hits, by: \.filename).mapValues(\.count)
            #expect(perFile.values.allSatisfy { $0 <= request.maxChunksPerFile })
            checked += 1
        }
        writer.cancel()
        if case .failure(let error) = await writer.result, !(error is CancellationError) { throw error }
        #expect(checked == 240)
        #expect(try await engine.checkIntegrity().problems == [])
    }
}
