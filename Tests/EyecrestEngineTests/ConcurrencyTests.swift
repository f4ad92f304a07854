import EyecrestEngine
import Foundation
import Testing

/// Searches, file reads, listings and writes at once, many more than there are cores.
/// A blocking shard read in the search path once deadlocked this mix on two cores: it held
/// a concurrency thread while waiting for a free reader, and the async reads holding the
/// readers needed a free thread to give them back.
@Suite("Concurrent reads and writes")
struct ConcurrencyTests {
    @Test(.timeLimit(.minutes(2)), arguments: [1, 2])
    func searchesReadsAndWritesTogetherAllFinish(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 40)
        try await TestSupport.load(files, into: engine, dataset: "book", shards: shards)
        let queries = ["ownership", "borrow checker", "iterat*", "\"smart pointer\"", "error OR panic", "cargo -test"]

        try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<48 {
                group.addTask {
                    var done = 0
                    for step in 0..<20 {
                        let file = files[(task * 7 + step) % files.count]
                        switch (task + step) % 4 {
                        case 0, 1:
                            let response = try await engine.search(org: "test", dataset: "book", SearchRequest(query: queries[(task + step) % queries.count]))
                            #expect(response.page == 0)
                        case 2:
                            let read = try await engine.file(org: "test", dataset: "book", filename: file.filename)
                            #expect(read.filename == file.filename)
                        default:
                            if task % 8 == 0 {
                                var changed = file
                                changed.content.append(Data("\n\nEdited by task \(task), step \(step).\n".utf8))
                                _ = try await engine.upsertFiles(org: "test", dataset: "book", files: [changed])
                            } else {
                                _ = try await engine.listFiles(org: "test", dataset: "book", prefix: nil, cursor: nil, limit: 10)
                            }
                        }
                        done += 1
                    }
                    return done
                }
            }
            var total = 0
            for try await done in group { total += done }
            #expect(total == 48 * 20)
        }
    }
}
