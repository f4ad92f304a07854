import EyecrestEngine
import Foundation
import Testing

/// Searches, file reads, listings and writes at once, many more than there are cores.
/// A blocking shard read in the search path once deadlocked this mix on two cores: it held
/// a concurrency thread while waiting for a free reader, and the async reads holding the
/// readers needed a free thread to give them back. Besides finishing, every answer must
/// be one the data allows: reads return a version that was written, searches return the
/// sections the data holds, and the final state is the last acknowledged write.
@Suite("Concurrent reads and writes")
struct ConcurrencyTests {
    static let tasks = 48, steps = 20
    static let queries = ["ownership", "borrow checker", "iterat*", "\"smart pointer\"", "error OR panic", "cargo -test"]

    /// The one edit task `task` makes at `step` (the edits never hold a query word).
    static func edited(_ file: FileUpload, task: Int, step: Int) -> FileUpload {
        var changed = file
        changed.content.append(Data("\n\nEdited by task \(task), step \(step).\n".utf8))
        return changed
    }

    static func isWriter(task: Int, step: Int) -> Bool { (task + step) % 4 == 3 && task % 8 == 0 }

    /// Every section a query matches, as `filename#slug`.
    static func matches(_ engine: Engine, _ query: String) async throws -> Set<String> {
        let response = try await engine.search(org: "test", dataset: "book", SearchRequest(query: query, perPage: 1_000, maxChunksPerFile: 100))
        #expect(!response.hasNextPage)
        return Set(response.hits.map { "\($0.filename)#\($0.sectionSlug)" })
    }

    /// The limit catches a deadlock, not slowness: in the full suite, beside the kill and
    /// cluster tests on two cores, a case has taken 110 s.
    @Test(.timeLimit(.minutes(5)), arguments: [1, 2])
    func searchesReadsAndWritesTogetherAllFinish(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 40)
        try await TestSupport.load(files, into: engine, dataset: "book", shards: shards)
        let names = Set(files.map(\.filename))

        // What may be read: the loaded file and every edit some task will write.
        var versions: [String: Set<Data>] = [:]
        for file in files { versions[file.filename] = [file.content] }
        for task in 0..<Self.tasks {
            for step in 0..<Self.steps where Self.isWriter(task: task, step: step) {
                let file = files[(task * 7 + step) % files.count]
                versions[file.filename, default: []].insert(Self.edited(file, task: task, step: step).content)
            }
        }
        #expect(versions.values.contains { $0.count > 1 }, "some files are written")
        var expected: [String: Set<String>] = [:]
        for query in Self.queries { expected[query] = try await Self.matches(engine, query) }
        #expect(expected.values.allSatisfy { !$0.isEmpty })

        // Each task answers how many steps it finished and the writes acknowledged to it.
        typealias Acknowledged = (filename: String, seq: Int64, content: Data)
        var writes: [String: [Acknowledged]] = [:]
        try await withThrowingTaskGroup(of: (Int, [Acknowledged]).self) { group in
            for task in 0..<Self.tasks {
                group.addTask { [versions, expected] in
                    var done = 0
                    var acknowledged: [Acknowledged] = []
                    for step in 0..<Self.steps {
                        let file = files[(task * 7 + step) % files.count]
                        switch (task + step) % 4 {
                        case 0, 1:
                            let query = Self.queries[(task + step) % Self.queries.count]
                            let found = try await Self.matches(engine, query)
                            #expect(found == expected[query], "query \(query) while files change")
                        case 2:
                            let read = try await engine.file(org: "test", dataset: "book", filename: file.filename)
                            let bytes = Data(read.content.utf8)
                            #expect(versions[file.filename]?.contains(bytes) == true, "\(file.filename) reads a version never written")
                            #expect(read.sha == GitBlobSHA.hash(bytes))
                        default:
                            if Self.isWriter(task: task, step: step) {
                                let changed = Self.edited(file, task: task, step: step)
                                let result = try await engine.upsertFiles(org: "test", dataset: "book", files: [changed])
                                let seq = try #require(result.first?.seq)
                                #expect(result.first?.status == .updated)
                                acknowledged.append((file.filename, seq, changed.content))
                                let reread = try await engine.file(org: "test", dataset: "book", filename: file.filename)
                                #expect(reread.seq >= seq, "a read after an acknowledged write sees it or a later one")
                            } else {
                                let listed = try await engine.listFiles(org: "test", dataset: "book", prefix: nil, cursor: nil, limit: 10)
                                #expect(listed.files.map(\.filename) == Array(names.sorted().prefix(10)))
                            }
                        }
                        done += 1
                    }
                    return (done, acknowledged)
                }
            }
            var total = 0
            for try await (done, acknowledged) in group {
                total += done
                for write in acknowledged { writes[write.filename, default: []].append(write) }
            }
            #expect(total == Self.tasks * Self.steps)
        }

        // Each file holds its last acknowledged write (the highest seq), or its load.
        #expect(writes.count > 1)
        for file in files {
            let stored = try await engine.file(org: "test", dataset: "book", filename: file.filename)
            let last = writes[file.filename]?.max { $0.seq < $1.seq }
            #expect(Data(stored.content.utf8) == (last?.content ?? file.content), "\(file.filename)")
            if let last { #expect(stored.seq == last.seq, "\(file.filename)") }
        }
        for query in Self.queries { #expect(try await Self.matches(engine, query) == expected[query]) }
    }
}
