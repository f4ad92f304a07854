@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import GRDB
import Testing

/// The index against ``ReferenceRanking``, which scores every section the obvious way:
/// the same sections in the same order with the same scores (1e-9), whatever segments,
/// deletions and merges are behind the index, on 1 shard and on 4.
@Suite("Section index", .serialized)
struct SectionIndexTests {
    /// Compares one request with the reference; returns the number of hits.
    @discardableResult
    static func expectSameAnswer(
        _ engine: Engine, dataset: String, _ request: SearchRequest, _ reference: ReferenceRanking, _ context: String = ""
    ) async throws -> Int {
        let response = try await engine.search(org: "test", dataset: dataset, request)
        let expected = try await DatabaseQueue().read { db in try reference.search(request, tokenizer: db.makeTokenizer(Searcher.tokenizer)) }
        let label = "\(context) \(request.query) page \(request.page) max \(request.maxChunksPerFile)"
        #expect(response.hits.map { "\($0.filename):\($0.startLine):\($0.part)" } == expected.hits.map(\.key), "\(label)")
        #expect(response.hasNextPage == expected.hasNextPage && response.relaxed == expected.relaxed, "\(label)")
        for (a, b) in zip(response.hits, expected.hits) {
            #expect(abs(a.score - b.score) <= 1e-9 * max(1, abs(b.score)), "\(label): \(a.score) vs \(b.score)")
        }
        return expected.hits.count
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

    @Test("On real docs, the index answers exactly as the reference ranks every section", arguments: [1, 4])
    func corpusEquality(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TestSupport.rustBookAndAstro(astroPages: 400)
        try await TestSupport.load(files, into: engine, dataset: "docs", shards: shards)
        var reference = try await ReferenceRanking(engine: engine, dataset: "docs")
        var nonEmpty = 0
        for query in Self.corpusQueries {
            for (page, maxChunks) in [(0, 5), (1, 1)] {
                let found = try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: query, page: page, perPage: 20, maxChunksPerFile: maxChunks), reference)
                if found > 0 { nonEmpty += 1 }
            }
        }
        try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: "error", perPage: 50, pathPrefix: "rust-book/src/ch09"), reference)
        #expect(nonEmpty > Self.corpusQueries.count)

        // Rewrites, weight changes and deletions: new segments, deleted documents, merges.
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2 {
            let changed = files.shuffled(using: &generator).prefix(60)
            let rewritten = changed.prefix(40).map { file in
                FileUpload(filename: file.filename, content: file.content + Data("\n\n## Round \(round) ownership notes\n\nborrow checker lifetimes.\n".utf8))
            }
            let reweighted = changed.dropFirst(40).prefix(10).map { FileUpload(filename: $0.filename, content: $0.content, weight: 2.5) }
            _ = try await engine.upsertFiles(org: "test", dataset: "docs", files: rewritten + reweighted)
            _ = try await engine.deleteFiles(org: "test", dataset: "docs", filenames: changed.dropFirst(50).map(\.filename))
            reference = try await ReferenceRanking(engine: engine, dataset: "docs")
            for query in ["ownership", "borrow checker", "round", "lifetim*", "\"ownership notes\"", "astro"] {
                try await Self.expectSameAnswer(engine, dataset: "docs", SearchRequest(query: query, perPage: 30, maxChunksPerFile: 3), reference, "round \(round)")
            }
        }
    }

    @Test("Random documents and queries: the index and the reference agree (seeded)", arguments: [1, 4])
    func randomEquality(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "test", id: "random", shards: shards)
        let seed = TestSupport.indexSeed()
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
            let reference = try await ReferenceRanking(engine: engine, dataset: "random")
            for _ in 0..<15 {
                let request = SearchRequest(query: query(), page: Int(random.next() % 2), perPage: 10, maxChunksPerFile: 1 + Int(random.next() % 3))
                try await Self.expectSameAnswer(engine, dataset: "random", request, reference, "seed \(seed) round \(round)")
            }
            let start = Int(random.next() % 150)
            _ = try await engine.upsertFiles(org: "test", dataset: "random", files: files(start..<(start + 30)))
            _ = try await engine.deleteFiles(org: "test", dataset: "random", filenames: (0..<10).map { _ in "dir0/file\(Int(random.next() % 180) / 3 * 3).md" })
        }
    }

    @Test("Many small commits are merged in tiers, deletions dropped, and answers stay the reference's")
    func smallCommitsMerge() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 150)
        try await engine.createDataset(org: "test", id: "book")
        // One commit per file (each its own segment), rewrites and deletions between them.
        for (number, file) in files.enumerated() {
            _ = try await engine.upsertFiles(org: "test", dataset: "book", files: [file])
            if number % 10 == 9 {
                _ = try await engine.upsertFiles(org: "test", dataset: "book", files: [
                    FileUpload(filename: files[number - 5].filename, content: files[number - 5].content + Data("\n## Rewritten ownership\n".utf8)),
                ])
                _ = try await engine.deleteFiles(org: "test", dataset: "book", filenames: [files[number - 7].filename])
            }
        }
        let handle = try await engine.lease(org: "test", id: "book")
        let snapshot = handle.shards[0].index.snapshot()
        handle.release()
        #expect(snapshot.segments.count < SectionIndex.mergeFactor * 3, "\(snapshot.segments.map(\.documentCount))")
        #expect(snapshot.segments.contains { $0.documentCount >= 64 }, "commits were merged: \(snapshot.segments.map(\.documentCount))")
        let reference = try await ReferenceRanking(engine: engine, dataset: "book")
        for query in ["ownership", "rewritten ownership", "borrow*", "\"mutable reference\"", "vector OR string", "the"] {
            try await Self.expectSameAnswer(engine, dataset: "book", SearchRequest(query: query, perPage: 20, maxChunksPerFile: 2), reference)
        }
        #expect(try await engine.checkIntegrity().problems == [])
    }

    @Test("Rewriting most files after a reopen rewrites the opened segment without them")
    func mostlyDeletedSegmentIsRewritten() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"), limit: 120)
        do {
            let engine = try Engine(dataDirectory: directory)
            try await TestSupport.load(files, into: engine, dataset: "book")
        }
        let engine = try Engine(dataDirectory: directory)
        let rewritten = files.prefix(90).map { FileUpload(filename: $0.filename, content: $0.content + Data("\n\nrevised\n".utf8)) }
        _ = try await engine.upsertFiles(org: "test", dataset: "book", files: Array(rewritten))
        let handle = try await engine.lease(org: "test", id: "book")
        let snapshot = handle.shards[0].index.snapshot()
        handle.release()
        let total = snapshot.segments.reduce(0) { $0 + $1.documentCount }
        #expect(Int64(total) == snapshot.liveDocuments, "no deleted section is still held: \(snapshot.segments.map(\.documentCount))")
        #expect(snapshot.deletions.allSatisfy { $0.count == 0 })
        let reference = try await ReferenceRanking(engine: engine, dataset: "book")
        for query in ["revised", "ownership", "borrow*"] {
            try await Self.expectSameAnswer(engine, dataset: "book", SearchRequest(query: query, perPage: 20), reference)
        }
        #expect(try await engine.checkIntegrity().problems == [])
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
