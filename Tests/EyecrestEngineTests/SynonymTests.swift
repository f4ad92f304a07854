@testable import EyecrestEngine
import Foundation
import Testing

extension RelevanceFeatures {
    /// Per-dataset synonyms (docs/api.md, "Synonyms"): multi-way groups and one-way rules,
    /// checked whole, stored with the dataset and applied at query time.
    @Suite("Synonyms")
    struct SynonymTests {
        static let files = [
            FileUpload(filename: "kubernetes.md", content: Data("# Kubernetes\n\nKubernetes schedules pods on nodes.\n".utf8)),
            FileUpload(filename: "notes.md", content: Data("# Notes\n\nOur k8s cluster runs three pods.\n".utf8)),
            FileUpload(filename: "javascript.md", content: Data("# JavaScript\n\nJavaScript runs in the browser.\n".utf8)),
            FileUpload(filename: "short.md", content: Data("# Short names\n\nWe write js for short.\n".utf8)),
            FileUpload(filename: "ml.md", content: Data("# Models\n\nMachine learning models need data.\n".utf8)),
        ]

        static let rules = SynonymRules(
            groups: [["k8s", "Kubernetes"]],
            oneWay: [OneWaySynonym(word: "js", synonyms: ["javascript"]), OneWaySynonym(word: "ml", synonyms: ["machine learning"])])

        func names(_ engine: Engine, _ query: String, dataset: String = "docs") async throws -> Set<String> {
            Set(try await engine.search(org: "test", dataset: dataset, SearchRequest(query: query)).hits.map(\.filename))
        }

        @Test("A group is multi-way, a one-way rule is not, and a synonym may be a phrase")
        func applied() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            try await TestSupport.load(Self.files, into: engine, dataset: "docs")
            #expect(try await names(engine, "k8s") == ["notes.md"], "no rules yet")
            try await engine.setSynonyms(org: "test", id: "docs", Self.rules)
            #expect(try await engine.synonyms(org: "test", id: "docs") == Self.rules)

            #expect(try await names(engine, "k8s") == ["notes.md", "kubernetes.md"])
            #expect(try await names(engine, "kubernetes") == ["notes.md", "kubernetes.md"])
            #expect(try await names(engine, "K8S pods") == ["notes.md", "kubernetes.md"], "case and other words")
            #expect(try await names(engine, "js") == ["short.md", "javascript.md"])
            #expect(try await names(engine, "javascript") == ["javascript.md"], "one-way")
            #expect(try await names(engine, "ml") == ["ml.md"], "a phrase synonym")
            #expect(try await names(engine, "\"k8s\"") == ["notes.md"], "a quoted phrase is searched as written")

            let response = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "k8s"))
            let kubernetes = try #require(response.hits.first { $0.filename == "kubernetes.md" })
            #expect(!kubernetes.highlights.isEmpty, "the synonym is highlighted")
            #expect(response.terms == ["k8s"] && response.corrections.isEmpty && !response.relaxed)

            try await engine.setSynonyms(org: "test", id: "docs", .empty)
            #expect(try await names(engine, "kubernetes") == ["kubernetes.md"], "cleared")
        }

        @Test("Synonyms survive a restart and belong to one dataset")
        func stored() async throws {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                let engine = try Engine(dataDirectory: directory)
                try await TestSupport.load(Self.files, into: engine, dataset: "docs")
                try await TestSupport.load(Self.files, into: engine, dataset: "other")
                try await engine.setSynonyms(org: "test", id: "docs", Self.rules)
            }
            let engine = try Engine(dataDirectory: directory)
            #expect(try await engine.synonyms(org: "test", id: "docs") == Self.rules)
            #expect(try await names(engine, "k8s") == ["notes.md", "kubernetes.md"])
            #expect(try await engine.synonyms(org: "test", id: "other") == .empty)
            #expect(try await names(engine, "k8s", dataset: "other") == ["notes.md"])
            await #expect(throws: EngineError.datasetNotFound("none")) { try await engine.setSynonyms(org: "test", id: "none", Self.rules) }
            await #expect(throws: EngineError.datasetNotFound("docs")) { try await engine.synonyms(org: "intruder", id: "docs") }
        }

        @Test("Bad rules are refused whole, with the rule they name")
        func validation() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            try await TestSupport.load(Self.files, into: engine, dataset: "docs")
            try await engine.setSynonyms(org: "test", id: "docs", Self.rules)
            let bad: [(SynonymRules, String)] = [
                (SynonymRules(groups: [["alone"]]), "invalid_argument"),
                (SynonymRules(groups: [["a", " "]]), "invalid_argument"),
                (SynonymRules(groups: [["two words", "x"]]), "invalid_argument"),
                (SynonymRules(groups: [["a\u{0}b", "x"]]), "invalid_argument"),
                (SynonymRules(oneWay: [OneWaySynonym(word: "js", synonyms: [])]), "invalid_argument"),
                (SynonymRules(oneWay: [OneWaySynonym(word: "", synonyms: ["x"])]), "invalid_argument"),
                (SynonymRules(groups: [["x", String(repeating: "y", count: 101)]]), "limit_exceeded"),
                (SynonymRules(groups: [(0..<33).map { "w\($0)" }]), "limit_exceeded"),
                (SynonymRules(groups: (0..<1_001).map { ["a\($0)", "b\($0)"] }), "limit_exceeded"),
            ]
            for (rules, code) in bad {
                do {
                    try await engine.setSynonyms(org: "test", id: "docs", rules)
                    Issue.record("accepted \(rules)")
                } catch let error as EngineError {
                    #expect(error.code == code, "\(rules): \(error)")
                }
            }
            #expect(try await engine.synonyms(org: "test", id: "docs") == Self.rules, "nothing half-applied")
            let most = SynonymRules(groups: (0..<1_000).map { ["a\($0)", "b\($0)"] })
            try await engine.setSynonyms(org: "test", id: "docs", most)
            #expect(try await engine.synonyms(org: "test", id: "docs").groups.count == 1_000)
        }
    }
}
