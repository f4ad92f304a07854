@testable import EyecrestEngine
import Foundation
import Testing

extension RelevanceFeatures {
    /// Typo tolerance (docs/engine.md, "Typo tolerance"): a word the dataset lacks or holds
    /// rarely also matches its neighbours one or two edits away, ranked below the word
    /// itself, and the response names them.
    @Suite("Typo tolerance", .serialized)
    struct TypoToleranceTests {
        @Test("Edit distance counts a transposition as one edit and gives up beyond its limit")
        func editDistance() {
            func distance(_ a: String, _ b: String, _ limit: Int = 3) -> Int? { EditDistance.within(Array(a.utf8), Array(b.utf8), limit: limit) }
            #expect(distance("kubeclt", "kubectl") == 1)
            #expect(distance("middlewar", "midlewar") == 1)
            #expect(distance("grpe", "grep") == 1)
            #expect(distance("color", "colour") == 1)
            #expect(distance("ca", "abc") == 3, "OSA: no edit of a transposed pair")
            #expect(distance("same", "same") == 0)
            #expect(distance("", "abc") == 3)
            #expect(distance("kitten", "sitting", 2) == nil)
            #expect(distance("kitten", "sitting") == 3)
            #expect(distance("a", "abcdef", 2) == nil, "lengths too far apart")
        }

        /// The Rust book, in one dataset of `shards` shards.
        static func docs(shards: Int) async throws -> (Engine, URL) {
            let (engine, directory) = try TestSupport.engine()
            try await TestSupport.load(TestSupport.markdownFiles(under: try TestSupport.corpus("rust-book")), into: engine, dataset: "docs", shards: shards)
            return (engine, directory)
        }

        @Test("A misspelled word with diacritics is corrected as its folded form is, on tldr's French pages")
        func diacritics() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            let pages = TestSupport.markdownFiles(under: try TestSupport.corpus("tldr").appendingPathComponent("tldr/pages.fr"))
            try await TestSupport.load(pages, into: engine, dataset: "fr")
            func search(_ query: String) async throws -> SearchResponse {
                try await engine.search(org: "test", dataset: "fr", SearchRequest(query: query, perPage: 5))
            }
            let right = try await search("propriétaire")
            #expect(!right.hits.isEmpty && right.corrections.isEmpty)
            // The é sits inside the word: the typo is edited as `proprietare`, as the index folds it.
            let accented = try await search("propriétare")
            #expect(accented.corrections.map(\.word) == ["propriétare"])
            // `proprietare` is one edit from the stem of `propriétaire` and, through `proprietate`,
            // from the stem of `propriété`: both neighbours are matched.
            #expect(accented.corrections.first?.terms.contains("proprietair") == true, "\(accented.corrections)")
            let found = Set(accented.hits.map(\.filename))
            #expect(right.hits.prefix(2).allSatisfy { found.contains($0.filename) }, "\(found)")
            let plain = try await search("proprietare")
            #expect(plain.corrections.map(\.terms) == accented.corrections.map(\.terms))
        }

        @Test("On real docs, misspelled words find what the right words find, and the response names the correction")
        func realTypos() async throws {
            let (engine, directory) = try await Self.docs(shards: 2)
            defer { try? FileManager.default.removeItem(at: directory) }
            func search(_ query: String, typos: Bool = true) async throws -> SearchResponse {
                try await engine.search(org: "test", dataset: "docs", SearchRequest(query: query, perPage: 5, typoTolerance: typos))
            }
            let typo = try await search("lifetme annotations")
            #expect(typo.corrections == [TypoCorrection(word: "lifetme", terms: ["lifetim"])])
            #expect(!typo.relaxed, "the corrected word and the other one match together")
            #expect(typo.hits.first?.filename == "rust-book/src/ch10-03-lifetime-syntax.md")
            #expect(typo.hits.first?.highlights.isEmpty == false, "the neighbour is highlighted")
            // A typo that stops the stemmer: `dyanmic` stays whole where `dynamic` is `dynam`.
            let stemmed = try await search("dyanmic dispatch")
            #expect(stemmed.corrections.map(\.word) == ["dyanmic"])
            #expect(stemmed.hits.first?.filename == "rust-book/src/ch18-02-trait-objects.md")

            let off = try await search("lifetme annotations", typos: false)
            #expect(off.corrections.isEmpty)
            #expect(off.relaxed, "without tolerance only `annotations` matches")

            #expect(try await search("lifetime annotations").corrections.isEmpty, "a word the docs hold is not corrected")
            #expect(try await search("lfie").corrections.isEmpty, "a word under 5 letters is not corrected")
            #expect(try await search("\"lifetme annotations\"").corrections.isEmpty, "a quoted phrase is searched as written")
            #expect(try await search("lifetme*").corrections.isEmpty, "a prefix keeps its meaning")
            #expect(try await search("qqqqqqqqq").hits.isEmpty, "a word with no neighbour finds nothing")
        }

        @Test("A rare word ranks its own sections above its frequent neighbour's")
        func exactFirst() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            var files = [FileUpload(filename: "serde.md", content: Data("# Serde\n\nThe serde crate serializes data.\n".utf8))]
            for index in 0..<12 {
                files.append(FileUpload(filename: "serve-\(index).md", content: Data("# Serve \(index)\n\nHow to serve files over HTTP, serve them fast.\n".utf8)))
            }
            try await TestSupport.load(files, into: engine, dataset: "rare")
            let response = try await engine.search(org: "test", dataset: "rare", SearchRequest(query: "serde"))
            #expect(response.corrections == [TypoCorrection(word: "serde", terms: ["serv"])])
            #expect(response.hits.map(\.filename).first == "serde.md")
            #expect(response.hits.count == 13)
            // Once the word is common enough it is never corrected.
            _ = try await engine.upsertFiles(org: "test", dataset: "rare", files: (0..<3).map {
                FileUpload(filename: "more-serde-\($0).md", content: Data("# Serde \($0)\n\nserde again.\n".utf8))
            })
            let common = try await engine.search(org: "test", dataset: "rare", SearchRequest(query: "serde"))
            #expect(common.corrections.isEmpty)
            #expect(common.hits.count == 4)
        }

        @Test("One shard or three give the same corrections, hits and scores")
        func shardInvariance() async throws {
            let (one, first) = try await Self.docs(shards: 1)
            let (three, second) = try await Self.docs(shards: 3)
            defer {
                try? FileManager.default.removeItem(at: first)
                try? FileManager.default.removeItem(at: second)
            }
            for query in ["smart ponters", "iterater adapters", "refrence counting", "unsafe superpowrs", "dyanmic", "lifetme"] {
                let request = SearchRequest(query: query, perPage: 10)
                let a = try await one.search(org: "test", dataset: "docs", request)
                let b = try await three.search(org: "test", dataset: "docs", request)
                #expect(!a.corrections.isEmpty, "\(query)")
                #expect(a.corrections == b.corrections, "\(query)")
                #expect(a.hits.map { "\($0.filename)#\($0.sectionSlug)" } == b.hits.map { "\($0.filename)#\($0.sectionSlug)" }, "\(query)")
                #expect(a.hits.map(\.score) == b.hits.map(\.score), "\(query)")
            }
        }
    }
}
