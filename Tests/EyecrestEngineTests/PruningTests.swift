@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import GRDB
import Testing

/// Block-max pruning (``BlockBounds``, ``PruningThreshold``) against scoring every
/// match: the same candidates with bit-identical scores, while common queries score only
/// part of what they match.
@Suite("Pruned ranking", .serialized)
struct PruningTests {
    /// One shard's ranking both ways for one query, pass and limit.
    struct Comparison {
        var pruned: ShardRanking
        var exhaustive: ShardRanking
    }

    static func compare(
        _ snapshot: IndexSnapshot, query: String, relaxed: Bool, pathPrefix: String? = nil, limit: Int, maxPerFile: Int
    ) throws -> Comparison? {
        guard let plan = try DatabaseQueue().read({ db in
            try SearchPlan.make(query: query, tokenizer: db.makeTokenizer(Searcher.tokenizer))
        }) else { return nil }
        let search = IndexSearch(snapshot, plan: plan)
        func rank(_ pruning: Bool) -> ShardRanking {
            search.rank(
                stats: search.statistics, relaxed: relaxed, pathPrefix: pathPrefix, limit: limit, maxPerFile: maxPerFile, shard: 0,
                pruning: pruning)
        }
        return Comparison(pruned: rank(true), exhaustive: rank(false))
    }

    static func expectSame(_ comparison: Comparison, _ label: String) {
        let key = { (candidate: RankedCandidate) in "\(candidate.sectionID) \(candidate.score.bitPattern) \(candidate.mask)" }
        #expect(comparison.pruned.candidates.map(key) == comparison.exhaustive.candidates.map(key), "\(label)")
        #expect(comparison.pruned.matched == comparison.exhaustive.matched, "\(label)")
        #expect(comparison.exhaustive.scored == comparison.exhaustive.matched, "\(label)")
    }

    @Test("On real docs, pruning returns the exhaustive candidates and skips most matches of common queries")
    func corpus() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TestSupport.rustBookAndAstro(astroPages: 400)
        try await TestSupport.load(files, into: engine, dataset: "docs")
        let handle = try await engine.lease(org: "test", id: "docs")
        let snapshot = handle.shards[0].index.snapshot()
        handle.release()
        var matched = 0
        var scored = 0
        for query in SectionIndexTests.corpusQueries + ["the", "a", "to", "you", "th*", "use OR the", "the code"] {
            for relaxed in [false, true] {
                for (limit, maxPerFile) in [(21, 5), (41, 1), (3, 100)] {
                    guard let comparison = try Self.compare(snapshot, query: query, relaxed: relaxed, limit: limit, maxPerFile: maxPerFile)
                    else { continue }
                    Self.expectSame(comparison, "\(query) relaxed \(relaxed) limit \(limit) max \(maxPerFile)")
                    matched += comparison.pruned.matched
                    scored += comparison.pruned.scored
                }
            }
        }
        let prefixed = try #require(try Self.compare(snapshot, query: "the", relaxed: false, pathPrefix: "rust-book/src/ch0", limit: 21, maxPerFile: 2))
        Self.expectSame(prefixed, "the, under rust-book/src/ch0")
        #expect(!prefixed.pruned.candidates.isEmpty && prefixed.pruned.candidates.allSatisfy { $0.filename.hasPrefix("rust-book/src/ch0") })
        // The point of the bounds: a common word's top 20 does not need its every match.
        let common = try #require(try Self.compare(snapshot, query: "the", relaxed: false, limit: 21, maxPerFile: 5))
        #expect(common.pruned.scored * 2 < common.pruned.matched, "scored \(common.pruned.scored) of \(common.pruned.matched)")
        #expect(scored < matched, "scored \(scored) of \(matched)")
    }

    @Test("Random documents and queries: pruned and exhaustive searches answer alike (seeded)", arguments: [1, 3])
    func random(shards: Int) async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "test", id: "random", shards: shards)
        let seed = TestSupport.indexSeed()
        var random = SplitMix64(seed: seed)
        // Few words, skewed, so that most queries match far more than a page.
        let words = ["alpha", "beta", "gamma", "config", "configure", "user", "data", "server", "route", "the", "cache", "zeta"]
        func word() -> String { words[min(Int(random.next() % UInt64(words.count)), Int(random.next() % UInt64(words.count)))] }
        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        func files(_ range: Range<Int>) -> [FileUpload] {
            range.map { number in
                let sections = (0..<Int(random.next() % 4)).map { _ in "## \(text(1 + Int(random.next() % 3)))\n\n\(text(Int(random.next() % 60)))\n" }
                let markdown = "# \(text(2))\n\n\(text(Int(random.next() % 30)))\n\n" + sections.joined(separator: "\n")
                return FileUpload(filename: "dir\(number % 3)/file\(number).md", content: Data(markdown.utf8), weight: [1, 1, 0.5, 3, 20][number % 5])
            }
        }
        func query() -> String {
            (0..<(1 + Int(random.next() % 3))).map { _ -> String in
                switch random.next() % 8 {
                case 0: return "\"\(word()) \(word())\""
                case 1: return String(word().prefix(2)) + "*"
                case 2: return "-" + word()
                case 3: return "(\(word()) OR \(word()))"
                default: return word()
                }
            }.joined(separator: " ")
        }
        for batch in 0..<3 { _ = try await engine.upsertFiles(org: "test", dataset: "random", files: files((batch * 300)..<((batch + 1) * 300))) }
        for round in 0..<3 {
            for _ in 0..<25 {
                let request = SearchRequest(
                    query: query(), page: Int(random.next() % 3), perPage: [5, 10, 20][Int(random.next() % 3)],
                    maxChunksPerFile: 1 + Int(random.next() % 3), pathPrefix: random.next() % 4 == 0 ? "dir1/" : nil)
                let pruned = try await engine.search(org: "test", dataset: "random", request)
                let exhaustive = try await engine.search(org: "test", dataset: "random", request, exhaustive: true)
                let label = "seed \(seed) round \(round) \(request.query) page \(request.page) max \(request.maxChunksPerFile)"
                let key = { (hit: SearchHit) in "\(hit.filename):\(hit.startLine):\(hit.part)" }
                #expect(pruned.hits.map(key) == exhaustive.hits.map(key), "\(label)")
                #expect(pruned.hits.map { $0.score.bitPattern } == exhaustive.hits.map { $0.score.bitPattern }, "\(label)")
                #expect(pruned.hasNextPage == exhaustive.hasNextPage && pruned.relaxed == exhaustive.relaxed, "\(label)")
            }
            let start = Int(random.next() % 800)
            _ = try await engine.upsertFiles(org: "test", dataset: "random", files: files(start..<(start + 60)))
            _ = try await engine.deleteFiles(org: "test", dataset: "random", filenames: (0..<30).map { _ in "dir0/file\(Int(random.next() % 900) / 3 * 3).md" })
        }
        // The equalities above were tested with the bounds at work, not around them.
        let handle = try await engine.lease(org: "test", id: "random")
        let snapshot = handle.shards[0].index.snapshot()
        handle.release()
        let common = try #require(try Self.compare(snapshot, query: "alpha", relaxed: false, limit: 11, maxPerFile: 1))
        Self.expectSame(common, "alpha")
        #expect(common.pruned.scored < common.pruned.matched, "seed \(seed): scored \(common.pruned.scored) of \(common.pruned.matched)")
    }
}
