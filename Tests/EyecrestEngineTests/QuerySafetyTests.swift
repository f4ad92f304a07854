import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// Any string is a valid query (docs/engine.md, "Query language"): input that does not
/// parse is searched as plain words, never a 500. Thousands of random and adversarial
/// strings go through the full search path; none may make SQLite raise, and each answer
/// must agree with an independently computed one.
@Suite("Query safety (property-based)")
struct QuerySafetyTests {
    static let alphabet: [String] = [
        "\"", "*", "^", ":", "NEAR(", "NEAR/", "(", ")", "AND", "OR", "NOT", "-", "+", "{", "}", "[", "]", "'", "\\",
        "\u{0}", "\u{1}", "\u{7F}", "\t", "\n", "\r", "é", "日本", "😀", "\u{200B}", "\u{FFFD}", "heading:", "body:", "-x",
        "install", "config", "the", "a", "ab*", "%", "_", ".", ",", ";", "--flag", "user.data", "x_y", "?", "!", "|",
        "&&", "||", "0", "123", "\u{D7FF}", "\u{10FFFF}", " ", "  ",
    ]

    /// Random and adversarial queries: none throws, and each gets the same answer from a
    /// dataset in one shard (statistics read by the ranking function from its own table)
    /// and in four (statistics gathered from every shard, summed and passed in), hits
    /// that are well-formed for the query the engine says it understood.
    @Test("Random and adversarial queries never throw and answer alike on 1 and 4 shards")
    func randomQueries() async throws {
        let (one, oneDirectory) = try await SearchTests.fixture(shards: 1)
        defer { try? FileManager.default.removeItem(at: oneDirectory) }
        let (four, fourDirectory) = try await SearchTests.fixture(shards: 4)
        defer { try? FileManager.default.removeItem(at: fourDirectory) }
        var random = SplitMix64(seed: 7919)
        var queries: [String] = [
            String(repeating: "a", count: 2_000), String(repeating: "\"", count: 2_000), String(repeating: "(", count: 1_000),
            String(repeating: "a* ", count: 600), String(repeating: "NOT ", count: 400), String(repeating: "x OR ", count: 300),
            "NEAR(install config, 2)", "install:config", "{install config}", "install^", "\"unterminated", "(((", ")))",
        ]
        for _ in 0..<3_000 {
            let length = random.next(below: 12) + 1
            queries.append((0..<length).map { _ in Self.alphabet[random.next(below: Self.alphabet.count)] }.joined(separator: random.next(below: 3) == 0 ? "" : " "))
        }
        for _ in 0..<200 {
            let scalars = (0..<random.next(below: 40)).compactMap { _ in Unicode.Scalar(UInt32(random.next(below: 0x3000))) }
            queries.append(String(String.UnicodeScalarView(scalars)))
        }
        var answered = 0, withHits = 0
        for query in queries where query.utf8.count <= SearchRequest.maxQueryLength {
            // A one-shard search never suspends; yielding lets the suites running beside
            // this long loop have the cooperative threads too.
            await Task.yield()
            let request = SearchRequest(query: query, perPage: 100)
            do {
                let expected = try await one.search(org: "t", dataset: "d", request)
                let response = try await four.search(org: "t", dataset: "d", request)
                let problems = Self.differences(expected, response) + Self.malformations(response)
                #expect(problems.isEmpty, "query \(query.debugDescription): \(problems)")
                answered += 1
                if !response.hits.isEmpty { withHits += 1 }
            } catch {
                Issue.record("query \(query.debugDescription) threw \(error)")
            }
        }
        #expect(answered == queries.count)
        #expect(withHits > 400, "enough of the queries find something to compare")
    }

    /// Where two answers to the same request differ (scores to 1e-9 relative).
    static func differences(_ a: SearchResponse, _ b: SearchResponse) -> [String] {
        func key(_ hit: SearchHit) -> String { "\(hit.filename)#\(hit.sectionSlug)/\(hit.part) \(hit.matchedTerms)" }
        var problems: [String] = []
        if a.hits.map(key) != b.hits.map(key) { problems.append("hits \(a.hits.map(key)) vs \(b.hits.map(key))") }
        for (x, y) in zip(a.hits, b.hits) where abs(x.score - y.score) > 1e-9 * max(abs(x.score), abs(y.score)) {
            problems.append("\(key(x)) scores \(x.score) vs \(y.score)")
        }
        if a.relaxed != b.relaxed || a.terms != b.terms || a.hasNextPage != b.hasNextPage {
            problems.append("relaxed/terms/hasNextPage \(a.relaxed) \(a.terms) \(a.hasNextPage) vs \(b.relaxed) \(b.terms) \(b.hasNextPage)")
        }
        return problems
    }

    /// What is wrong with an answer on its own: each hit is a distinct section with a
    /// positive score that matches some of the query's terms (all of them unless the
    /// answer is relaxed), in rank order: coverage first when relaxed, then score.
    static func malformations(_ response: SearchResponse) -> [String] {
        var problems: [String] = []
        let hits = response.hits
        if hits.count > response.perPage { problems.append("\(hits.count) hits on a page of \(response.perPage)") }
        if Set(hits.map { "\($0.filename)#\($0.sectionSlug)/\($0.part)" }).count != hits.count { problems.append("a section twice") }
        for hit in hits {
            if hit.score <= 0 { problems.append("\(hit.filename)#\(hit.sectionSlug) score \(hit.score)") }
            if hit.matchedTerms.isEmpty || !Set(hit.matchedTerms).isSubset(of: response.terms) {
                problems.append("\(hit.filename)#\(hit.sectionSlug) matched \(hit.matchedTerms) of \(response.terms)")
            }
            if !response.relaxed, hit.matchedTerms.count != response.terms.count {
                problems.append("\(hit.filename)#\(hit.sectionSlug) matches \(hit.matchedTerms) but the answer is not relaxed")
            }
        }
        for (x, y) in zip(hits, hits.dropFirst()) {
            // The relaxed pass's scores already weigh coverage.
            if x.score < y.score { problems.append("\(x.filename)#\(x.sectionSlug) ranks above \(y.filename)#\(y.sectionSlug)") }
        }
        return problems
    }
}
