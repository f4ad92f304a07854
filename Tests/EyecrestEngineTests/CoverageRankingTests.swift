@testable import EyecrestEngine
import Foundation
import Testing

extension RelevanceFeatures {
    /// The relaxed pass weighs coverage by IDF into the score (docs/engine.md,
    /// "Relaxation"): a section holding a query's rare word passes one holding only its
    /// common word, and a strong partial match can pass a weak full one. Ranking by the
    /// number of words matched first, as before, would put the full match first.
    @Suite("Coverage ranking")
    struct CoverageRankingTests {
        @Test("A strong section with the rare word outranks a weak section with every word")
        func rareWordOutranksAWeakFullMatch() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            let filler = Array(repeating: "lorem ipsum dolor sit amet", count: 60).joined(separator: " ")
            var files = [
                FileUpload(filename: "strong.md", content: Data("# Tokio runtime\n\nThe tokio runtime: tokio tasks, tokio timers.\n".utf8)),
                FileUpload(filename: "weak.md", content: Data("# Notes\n\n\(filler) tokio \(filler) setup.\n".utf8)),
                FileUpload(filename: "common.md", content: Data("# Setup\n\nSetup setup setup.\n".utf8)),
            ]
            for index in 0..<30 {
                files.append(FileUpload(filename: "setup-\(index).md", content: Data("# Page \(index)\n\nThe setup of page \(index).\n".utf8)))
            }
            try await TestSupport.load(files, into: engine, dataset: "docs")
            let response = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "tokio setup", perPage: 5))
            #expect(response.relaxed, "one full match cannot fill the page")
            let names = response.hits.map(\.filename)
            #expect(names.first == "strong.md", "\(names)")
            let weak = try #require(names.firstIndex(of: "weak.md"), "\(names)")
            #expect(weak == 1, "the full match follows the strong partial one: \(names)")
            #expect(response.hits[weak].matchedTerms.count == 2 && response.hits[0].matchedTerms == ["tokio"])
            #expect(!names.prefix(2).contains("common.md"), "a section with only the common word comes after: \(names)")
        }
    }
}
