@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// The index against the reference: FTS5 with the ranking function, ranking every match
/// (`.fts5(headingFirst: false)`). Both must return the same sections in the same order
/// with the same scores, whatever the segments, deletions and merges behind the index.
@Suite("Section index", .serialized)
struct SectionIndexTests {
    /// Compares one request on both cores; returns the number of hits.
    @discardableResult
    static func expectSameAnswer(_ engine: Engine, dataset: String, _ request: SearchRequest, _ context: String = "") async throws -> Int {
        let index = try await engine.search(org: "test", dataset: dataset, request, core: .index)
        let reference = try await engine.search(org: "test", dataset: dataset, request, core: .fts5(headingFirst: false))
        let label = "\(context) \(request.query) page \(request.page) max \(request.maxChunksPerFile)"
        #expect(index.hits.map(Self.key) == reference.hits.map(Self.key), "\(label)")
        #expect(index.hasNextPage == reference.hasNextPage && index.relaxed == reference.relaxed, "\(label)")
        #expect(index.terms == reference.terms, "\(label)")
        for (a, b) in zip(index.hits, reference.hits) {
            #expect(abs(a.score - b.score) <= 1e-9 * max(1, abs(b.score)), "\(label): \(a.score) vs \(b.score)")
            #expect(a.snippet == b.snippet && a.highlights == b.highlights, "\(label)")
        }
        return reference.hits.count
    }

    static func key(_ hit: SearchHit) -> String { "\(hit.filename)#\(hit.sectionSlug)#\(hit.part)" }

    /// The benchmark's kinds of query (terms, two-word AND, phrases, short prefixes) and
    /// the rest of the language: OR, NOT, `-`, parentheses, stopwords, identifiers.
    static let corpusQueries = [
        "ownership", "borrow checker", "\"mutable reference\"", "integ*", "com*", "pro*", "con*", "component props",
        "astro OR rust", "config* -typescript", "lifetime", "install astro", "vector hashmap string", "zzzz nothing", "the",
        "how do I configure the dev server", "\"the\"", "error handling", "(trait OR struct) -generic", "user_data",
        "getStaticPaths", "astro.config.mjs", "--dry-run", "iterat*", "\"use std\" *", "NOT rust astro", "fn main",
        "cargo new", "a", "clos* OR lifeti*", "\"hello world\"", "import", "image optimization", "pages routing", "tar -x",
    ]

    @Test("On real docs, the index answers exactly as FTS5 ranks every match", arguments: [1, 4])
    func corpusEquality(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"))
            + TestSupport.markdownFiles(under: try TestSupport.corpus("astro-docs").appendingPathComponent("astro-docs/src/content/docs/en"), limit: 400)
        try await TestSupport.load(files, into: engine, dataset: "docs", shards: shards)
        var nonEmpty = 0
        for query in Self.corpusQueries {
            for (page, maxChunks) in [(0, 5), (1, 1)] {
                let found = try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: query, page: page, perPage: 20, maxChunksPerFile: maxChunks))
                if found > 0 { nonEmpty += 1 }
            }
        }
        try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: "error", perPage: 50, pathPrefix: "rust-book/src/ch09"))
        #expect(nonEmpty > Self.corpusQueries.count)

        // Rewrites, weight changes and deletions: new segments, deleted documents, merges.
        var generator = SystemRandomNumberGenerator()
        for round in 0..<4 {
            let changed = files.shuffled(using: &generator).prefix(60)
            let rewritten = changed.prefix(40).map { file in
                FileUpload(filename: file.filename, content: file.content + Data("\n\n## Round \(round) ownership notes\n\nborrow checker lifetimes.\n".utf8))
            }
            let reweighted = changed.dropFirst(40).prefix(10).map { FileUpload(filename: $0.filename, content: $0.content, weight: 2.5) }
            _ = try await engine.upsertFiles(org: "test", dataset: "docs", files: rewritten + reweighted)
            _ = try await engine.deleteFiles(org: "test", dataset: "docs", filenames: changed.dropFirst(50).map(\.filename))
            for query in ["ownership", "borrow checker", "round", "lifetim*", "\"ownership notes\"", "astro"] {
                try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: query, perPage: 30, maxChunksPerFile: 3), "round \(round)")
            }
        }
    }

    @Test("Random documents and queries: the index and FTS5 agree (seeded)", arguments: [1, 4])
    func randomEquality(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "test", id: "random", shards: shards)
        let seed = UInt64(ProcessInfo.processInfo.environment["EYECREST_INDEX_SEED"] ?? "") ?? UInt64.random(in: 1...1_000_000)
        var random = SplitMix64(seed: seed)
        let words = ["alpha", "beta", "gamma", "delta", "config", "configure", "configuration", "user", "data", "server",
                     "route", "routing", "the", "and", "of", "build", "builder", "cache", "caching", "zeta"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        }
        func files(_ range: Range<Int>) -> [FileUpload] {
            range.map { number in
                let sections = (0..<Int(random.next() % 4)).map { _ in "## \(text(1 + Int(random.next() % 3)))\n\n\(text(Int(random.next() % 40)))\n" }
                let markdown = "# \(text(2))\n\n\(text(Int(random.next() % 30)))\n\n" + sections.joined(separator: "\n")
                return FileUpload(filename: "dir\(number % 3)/file\(number).md", content: Data(markdown.utf8), weight: [1, 1, 0.5, 3][number % 4])
            }
        }
        func query() -> String {
            let parts = (0..<(1 + Int(random.next() % 3))).map { _ -> String in
                let word = words[Int(random.next() % UInt64(words.count))]
                switch random.next() % 8 {
                case 0: return "\"\(word) \(words[Int(random.next() % UInt64(words.count))])\""
                case 1: return String(word.prefix(3)) + "*"
                case 2: return "-" + word
                case 3: return "(\(word) OR \(words[Int(random.next() % UInt64(words.count))]))"
                default: return word
                }
            }
            return parts.joined(separator: " ")
        }
        _ = try await engine.upsertFiles(org: "test", dataset: "random", files: files(0..<150))
        for round in 0..<6 {
            for _ in 0..<15 {
                let request = SearchRequest(query: query(), page: Int(random.next() % 2), perPage: 10, maxChunksPerFile: 1 + Int(random.next() % 3))
                try await Self.expectSameAnswer(engine, dataset: "random", request, "seed \(seed) round \(round)")
            }
            let start = Int(random.next() % 150)
            _ = try await engine.upsertFiles(org: "test", dataset: "random", files: files(start..<(start + 30)))
            _ = try await engine.deleteFiles(org: "test", dataset: "random", filenames: (0..<10).map { _ in "dir0/file\(Int(random.next() % 180) / 3 * 3).md" })
        }
    }

    @Test("A reopened shard's index is the one its writes built")
    func rebuildMatchesWrites() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 120)
        var before: [SearchResponse] = []
        do {
            let engine = try Engine(dataDirectory: directory)
            try await TestSupport.load(files, into: engine, dataset: "book", shards: 2)
            _ = try await engine.deleteFiles(org: "test", dataset: "book", filenames: files.prefix(20).map(\.filename))
            for query in Self.corpusQueries { before.append(try await engine.search(org: "test", dataset: "book", SearchRequest(query: query))) }
        }
        let reopened = try Engine(dataDirectory: directory)
        for (query, earlier) in zip(Self.corpusQueries, before) {
            let now = try await reopened.search(org: "test", dataset: "book", SearchRequest(query: query))
            #expect(now.hits.map(Self.key) == earlier.hits.map(Self.key) && now.hits.map(\.score) == earlier.hits.map(\.score), "\(query)")
        }
    }
}
