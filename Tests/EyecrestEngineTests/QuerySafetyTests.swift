import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// DESIGN.md §6: input that does not parse is searched as plain words, never a 500.
/// Thousands of random and adversarial strings go through the full search path; none
/// may make SQLite raise.
@Suite("Query safety (property-based)")
struct QuerySafetyTests {
    static let alphabet: [String] = [
        "\"", "*", "^", ":", "NEAR(", "NEAR/", "(", ")", "AND", "OR", "NOT", "-", "+", "{", "}", "[", "]", "'", "\\",
        "\u{0}", "\u{1}", "\u{7F}", "\t", "\n", "\r", "é", "日本", "😀", "\u{200B}", "\u{FFFD}", "heading:", "body:", "-x",
        "install", "config", "the", "a", "ab*", "%", "_", ".", ",", ";", "--flag", "user.data", "x_y", "?", "!", "|",
        "&&", "||", "0", "123", "\u{D7FF}", "\u{10FFFF}", " ", "  ",
    ]

    @Test("Random and adversarial queries never throw", arguments: [1, 4])
    func randomQueries(shards: Int) async throws {
        let (engine, directory) = try await SearchTests.fixture(shards: shards)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix64(seed: UInt64(shards) * 7919)
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
        for query in queries where query.utf8.count <= SearchRequest.maxQueryLength {
            do {
                let response = try await engine.search(org: "t", dataset: "d", SearchRequest(query: query))
                #expect(response.hits.count <= 20)
            } catch {
                Issue.record("query \(query.debugDescription) threw \(error)")
            }
        }
    }
}

