@testable import EyecrestEngine
import Foundation
import Testing

/// Integration tests on the real corpora in ../shared/corpus.
@Suite("Real corpora", .serialized)
struct CorpusSearchTests {
    @Test("Rust book: borrowing queries find the borrowing chapter and the borrow-checker section")
    func rustBook() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book"))
        #expect(files.count >= 100)
        try await TestSupport.load(files, into: engine, dataset: "book")

        let borrow = try await engine.search(org: "test", dataset: "book", SearchRequest(query: "references and borrowing"))
        #expect(borrow.hits.first?.filename.hasSuffix("ch04-02-references-and-borrowing.md") == true)

        let checker = try await engine.search(org: "test", dataset: "book", SearchRequest(query: "borrow checker"))
        // The book's section on exactly this is "### The Borrow Checker" in the lifetimes chapter.
        let top = try #require(checker.hits.first)
        #expect(top.filename.hasSuffix("ch10-03-lifetime-syntax.md") && top.sectionSlug == "the-borrow-checker", "got \(top.filename)#\(top.sectionSlug)")

        // A phrase matches only sections that contain the phrase.
        let phrase = try await engine.search(org: "test", dataset: "book", SearchRequest(query: "\"dangling reference\"", perPage: 50))
        #expect(!phrase.hits.isEmpty)
        for hit in phrase.hits {
            let file = try await engine.file(org: "test", dataset: "book", filename: hit.filename)
            let section = FileSlice.render(file.content, start: hit.startLine, end: hit.endLine).lowercased()
            let words = section.split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
            #expect(words.contains("dangling reference"), "\(hit.filename)#\(hit.sectionSlug)")
        }

        // A prefix cut inside a suffix the stemmer removes still finds the words:
        // "iterator", "iteration" and "iterate" are all indexed as "iter", so every hit
        // holds the prefix less at most three letters, and the best one the whole prefix.
        for prefix in ["iterat*", "iterato*", "closur*", "lifeti*"] {
            let found = try await engine.search(org: "test", dataset: "book", SearchRequest(query: prefix, perPage: 5))
            let stem = prefix.dropLast()
            #expect(found.hits.count == 5, "\(prefix)")
            for (rank, hit) in found.hits.enumerated() {
                let file = try await engine.file(org: "test", dataset: "book", filename: hit.filename)
                let section = FileSlice.render(file.content, start: hit.startLine, end: hit.endLine).lowercased()
                #expect(section.contains(rank == 0 ? stem : stem.prefix(max(3, stem.count - 3))), "\(prefix): \(hit.filename)#\(hit.sectionSlug)")
                #expect(!hit.highlights.isEmpty, "\(prefix): \(hit.filename)#\(hit.sectionSlug) has no highlight")
            }
        }

        // pathPrefix keeps only files under it.
        let scoped = try await engine.search(org: "test", dataset: "book", SearchRequest(query: "error", perPage: 50, pathPrefix: "rust-book/src/ch09"))
        #expect(!scoped.hits.isEmpty && scoped.hits.allSatisfy { $0.filename.hasPrefix("rust-book/src/ch09") })

        // Every hit's line range starts at its heading (the Rust book uses ATX headings).
        for hit in borrow.hits + checker.hits where hit.level > 0 && hit.part == 0 {
            let file = try await engine.file(org: "test", dataset: "book", filename: hit.filename)
            let line = FileSlice.render(file.content, start: hit.startLine, end: hit.startLine)
            let firstWord = hit.heading.split(separator: " ").first.map(String.init) ?? ""
            #expect(line.hasPrefix(String(repeating: "#", count: hit.level) + " ") && line.contains(firstWord),
                    "\(hit.filename):\(hit.startLine) is not '\(hit.heading)'")
        }
    }

    @Test("Sharding does not change results: 4 shards answer exactly like 1")
    func shardIndependence() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TestSupport.rustBookAndAstro(astroPages: 300)
        try await TestSupport.load(files, into: engine, dataset: "one", shards: 1)
        try await TestSupport.load(files, into: engine, dataset: "four", shards: 4)
        let queries = [
            "ownership", "borrow checker", "\"mutable reference\"", "integ*", "component props", "astro OR rust",
            "config* -typescript", "lifetime", "install astro", "vector hashmap string", "zzzz nothing", "the",
        ]
        for query in queries {
            for page in 0..<2 {
                let request = SearchRequest(query: query, page: page, perPage: 10, maxChunksPerFile: 2)
                let a = try await engine.search(org: "test", dataset: "one", request)
                let b = try await engine.search(org: "test", dataset: "four", request)
                #expect(a.hits.map { "\($0.filename)#\($0.sectionSlug)#\($0.part)" } == b.hits.map { "\($0.filename)#\($0.sectionSlug)#\($0.part)" }, "\(query) page \(page)")
                #expect(a.hasNextPage == b.hasNextPage && a.relaxed == b.relaxed)
                for (x, y) in zip(a.hits, b.hits) {
                    #expect(abs(x.score - y.score) <= 1e-9 * abs(x.score), "\(query): \(x.score) vs \(y.score)")
                }
            }
        }
    }
}
