import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Synchronization
import Testing

/// Online resharding, specified by what a user sees while it runs and after: every
/// acknowledged write present with its latest content, no deleted file back, no search
/// returning a file twice, scores equal to those of the same files on one shard.
@Suite("Resharding")
struct ReshardingTests {
    static let org = "test"

    /// The Astro docs, a slice of which is rewritten and deleted while resharding runs.
    static func astro(limit: Int) throws -> [FileUpload] {
        TestSupport.markdownFiles(under: try TestSupport.corpus("astro-docs"), limit: limit)
    }

    @Test("Growing, shrinking and odd counts under a writer and a searcher lose nothing and count every file once",
          arguments: [(1, 4), (4, 2), (3, 7)])
    func reshardUnderLoad(from: Int, to: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.astro(limit: 240)
        try await TestSupport.load(files, into: engine, dataset: "docs", shards: from)
        let model = ExpectedFiles(files)

        let started = try #require(try await engine.reshard(org: Self.org, id: "docs", to: to))
        #expect(started.started && started.state.from == from && started.state.to == to)
        #expect(started.state.filesToMove == files.count)

        // The writer runs until the switch is done, so every phase sees writes.
        // The writer changes the first half; every file of the second half exists
        // throughout, and the searcher must find each one it looks for.
        let written = Array(files.prefix(files.count / 2))
        let untouched = Array(files.dropFirst(files.count / 2))
        let writer = Task {
            try await Self.write(engine, model: model, files: written) { try await engine.resharding(org: Self.org, id: "docs") != nil }
        }
        let searcher = Task { try await Self.search(engine, finding: untouched, until: { model.writesDone }) }
        try await writer.value
        let searches = try await searcher.value
        await engine.waitForResharding(org: Self.org, id: "docs")

        #expect(try await engine.resharding(org: Self.org, id: "docs") == nil)
        #expect(try await engine.dataset(org: Self.org, id: "docs").shardCount == to)
        try await model.verify(engine)
        #expect(searches > 0)
        #expect(try await engine.checkIntegrity().problems == [])
    }

    @Test("Scores during and after a resharding equal those of the same files on one shard")
    func scoresDoNotDependOnTheMove() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.astro(limit: 200)
        try await TestSupport.load(files, into: engine, dataset: "moved", shards: 2)
        try await TestSupport.load(files, into: engine, dataset: "fresh", shards: 1)
        let queries = ["astro component", "content collections", "\"server side rendering\"", "deploy netlify", "integ*", "markdown frontmatter"]
        func scores(_ dataset: String, _ query: String) async throws -> [String] {
            let response = try await engine.search(org: Self.org, dataset: dataset, SearchRequest(query: query, perPage: 20))
            return response.hits.map { "\($0.filename)#\($0.sectionSlug)#\($0.part) \(String(format: "%.9f", $0.score))" }
        }
        _ = try await engine.reshard(org: Self.org, id: "moved", to: 5)
        for query in queries { #expect(try await scores("moved", query) == scores("fresh", query), "\(query), during") }
        await engine.waitForResharding(org: Self.org, id: "moved")
        #expect(try await engine.dataset(org: Self.org, id: "moved").shardCount == 5)
        for query in queries { #expect(try await scores("moved", query) == scores("fresh", query), "\(query), after") }
    }

    @Test("A stopped resharding resumes where its jobs were, in a new engine on the same directory")
    func resumesAfterAStop() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.astro(limit: 400)
        do {
            let engine = try Engine(dataDirectory: directory)
            try await TestSupport.load(files, into: engine, dataset: "docs", shards: 1)
            _ = try await engine.reshard(org: Self.org, id: "docs", to: 3)
            // Stop once a batch or two is copied, as a stopping server does.
            while (try await engine.resharding(org: Self.org, id: "docs")?.filesMoved ?? 0) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            engine.stopResharding()
            await engine.waitForResharding(org: Self.org, id: "docs")
            let state = try #require(try await engine.resharding(org: Self.org, id: "docs"))
            #expect(state.filesMoved > 0 && state.filesMoved < files.count)
            #expect(try await engine.checkIntegrity().problems == [])
        }
        let engine = try Engine(dataDirectory: directory)
        let before = try #require(try await engine.resharding(org: Self.org, id: "docs"))
        #expect(before.jobs[0].cursor > 0)
        engine.resumeResharding()
        await engine.waitForResharding(org: Self.org, id: "docs")
        #expect(try await engine.dataset(org: Self.org, id: "docs").shardCount == 3)
        #expect(try await engine.stats(org: Self.org, dataset: "docs").files == files.count)
        #expect(try await engine.checkIntegrity().problems == [])
        // Only the new generation's databases are left.
        let folder = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("datasets").path)
        let shardFiles = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("datasets/\(folder[0])").path)
        #expect(Set(shardFiles.filter { $0.hasSuffix(".sqlite") }) == ["shard-0.g1.sqlite", "shard-1.g1.sqlite", "shard-2.g1.sqlite"])
    }

    @Test("Bad requests change nothing: out-of-range counts, missing or foreign datasets, another count while one runs")
    func badInput() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load(try Self.astro(limit: 120), into: engine, dataset: "docs", shards: 1)
        for shards in [0, -1, 257] {
            await #expect(throws: EngineError.invalidArgument("shards must be between 1 and 256.")) {
                try await engine.reshard(org: Self.org, id: "docs", to: shards)
            }
        }
        await #expect(throws: EngineError.datasetNotFound("nope")) { try await engine.reshard(org: Self.org, id: "nope", to: 2) }
        await #expect(throws: EngineError.datasetNotFound("docs")) { try await engine.reshard(org: "other", id: "docs", to: 2) }
        #expect(try await engine.reshard(org: Self.org, id: "docs", to: 1) == nil)
        let first = try #require(try await engine.reshard(org: Self.org, id: "docs", to: 2))
        #expect(first.started)
        // Held after its first batch at most, so that it is still running below.
        engine.stopResharding()
        await engine.waitForResharding(org: Self.org, id: "docs")
        await #expect(throws: EngineError.reshardingInProgress("Dataset 'docs' is being resharded from 1 to 2 shards; wait until it is done.")) {
            try await engine.reshard(org: Self.org, id: "docs", to: 3)
        }
        await #expect(throws: EngineError.self) { try await engine.reshard(org: Self.org, id: "docs", to: 1) }
        // The same count again answers the state of the one running, and carries it on.
        let again = try #require(try await engine.reshard(org: Self.org, id: "docs", to: 2))
        #expect(!again.started && again.state.to == 2 && again.state.from == 1)
        await engine.waitForResharding(org: Self.org, id: "docs")
        #expect(try await engine.dataset(org: Self.org, id: "docs").shardCount == 2)
    }

    @Test("Deleting a dataset while it is resharded stops the jobs and removes every generation")
    func deleteWhileResharding() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load(try Self.astro(limit: 300), into: engine, dataset: "docs", shards: 1)
        _ = try await engine.reshard(org: Self.org, id: "docs", to: 4)
        try await engine.deleteDataset(org: Self.org, id: "docs")
        await engine.waitForResharding(org: Self.org, id: "docs")
        await #expect(throws: EngineError.datasetNotFound("docs")) { try await engine.resharding(org: Self.org, id: "docs") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("datasets").path).isEmpty)
        // The same id again is a new, empty dataset with its own count.
        try await engine.createDataset(org: Self.org, id: "docs", shards: 2)
        #expect(try await engine.stats(org: Self.org, dataset: "docs").files == 0)
        #expect(try await engine.resharding(org: Self.org, id: "docs") == nil)
    }

    // MARK: Load

    /// Rewrites and deletes files while `running` (at least 20 rounds), recording what
    /// was acknowledged.
    static func write(
        _ engine: Engine, model: ExpectedFiles, files: [FileUpload], while running: @Sendable () async throws -> Bool
    ) async throws {
        var random = SplitMix64(seed: 0x5EED)
        defer { model.finish() }
        var round = 0
        while true {
            if round >= 20, try await !running() { break }
            defer { round += 1 }
            let picked = (0..<4).map { _ in files[Int(random.next() % UInt64(files.count))] }
            if round % 3 == 2 {
                let names = Array(Set(picked.map(\.filename)))
                _ = try await engine.deleteFiles(org: org, dataset: "docs", filenames: names)
                model.deleted(names)
            } else {
                var seen = Set<String>()
                let edited = picked.filter { seen.insert($0.filename).inserted }.map { file in
                    var file = file
                    file.content = Data("# Round \(round)\n\nrewritten \(file.filename) in round \(round)\n".utf8) + file.content
                    return file
                }
                _ = try await engine.upsertFiles(org: org, dataset: "docs", files: edited)
                model.wrote(edited)
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Searches until `done`: pages showing each file once must name no file twice, and
    /// a word of each file in `present` (which no one changes), searched in that file
    /// alone, must find it. Returns how many searches ran.
    static func search(_ engine: Engine, finding present: [FileUpload], until done: @Sendable () -> Bool) async throws -> Int {
        let queries = ["astro", "component props", "rewritten round", "deploy", "config*", "\"content collections\""]
        var count = 0
        while !done() || count < 10 {
            let request = SearchRequest(query: queries[count % queries.count], perPage: 30, maxChunksPerFile: 1)
            let names = try await engine.search(org: org, dataset: "docs", request).hits.map(\.filename)
            #expect(Set(names).count == names.count, "a file twice: \(names)")
            let file = present[count % present.count]
            if let word = Self.searchableWord(in: file) {
                let hits = try await engine.search(org: org, dataset: "docs", SearchRequest(query: word, pathPrefix: file.filename)).hits
                #expect(hits.contains { $0.filename == file.filename }, "'\(word)' did not find \(file.filename)")
            }
            count += 1
        }
        return count
    }

    /// A plain word of at least five letters from the file's title (the frontmatter's
    /// `title:`, which every Astro page has), if it has one.
    static func searchableWord(in file: FileUpload) -> String? {
        let text = String(decoding: file.content, as: UTF8.self)
        guard let heading = text.split(separator: "\n").first(where: { $0.hasPrefix("title:") })?.dropFirst(6) else { return nil }
        let words = heading.split(whereSeparator: { (character: Character) in !character.isLetter })
        return words.first { $0.count >= 5 && $0.allSatisfy(\.isASCII) }.map(String.init)
    }
}

/// What the files of a dataset must be after acknowledged writes and deletes.
final class ExpectedFiles: Sendable {
    private let state: Mutex<(files: [String: Data], done: Bool)>

    init(_ files: [FileUpload]) {
        state = Mutex((Dictionary(files.map { ($0.filename, $0.content) }, uniquingKeysWith: { $1 }), false))
    }

    func wrote(_ files: [FileUpload]) { state.withLock { for file in files { $0.files[file.filename] = file.content } } }
    func deleted(_ names: [String]) { state.withLock { for name in names { $0.files[name] = nil } } }
    func finish() { state.withLock { $0.done = true } }
    var writesDone: Bool { state.withLock { $0.done } }

    /// Every expected file with its content, and nothing else.
    func verify(_ engine: Engine, dataset: String = "docs", org: String = "test") async throws {
        let expected = state.withLock { $0.files }
        var listed: [String] = []
        var cursor: String?
        repeat {
            let page = try await engine.listFiles(org: org, dataset: dataset, cursor: cursor, limit: 97)
            listed += page.files.map(\.filename)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(listed == expected.keys.sorted(), "listed files differ")
        #expect(Set(listed).count == listed.count, "a file is listed twice")
        for (name, content) in expected {
            let stored = try await engine.file(org: org, dataset: dataset, filename: name)
            #expect(Data(stored.content.utf8) == content, "\(name) has another content")
        }
        #expect(try await engine.stats(org: org, dataset: dataset).files == expected.count)
    }
}
