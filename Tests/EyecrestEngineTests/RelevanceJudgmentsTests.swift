import EyecrestMarkdown
import Foundation
import Testing

/// The judged query set of `benchmarks/relevance/judgments.jsonl` (docs/relevance.md) names
/// sections by filename and slug; a typo there would silently count as a miss in every
/// evaluation. These tests chunk each judged file of the real corpora with the project's
/// chunker and require every judged section to exist, and check the set's shape.
@Suite struct RelevanceJudgmentsTests {
    struct Judgment: Decodable {
        var filename: String
        var sectionSlug: String
        var grade: Int
    }

    struct JudgedQuery: Decodable {
        var id: String
        var corpus: String
        var kind: String
        var split: String
        var query: String
        var judgments: [Judgment]
    }

    static let kinds: Set = ["keyword", "heading", "question", "misspelled", "synonym", "identifier"]
    static let corpora: Set = ["rust-book", "astro-docs", "tldr"]

    static func loadQueries() throws -> [JudgedQuery] {
        let url = TestSupport.packageRoot.appendingPathComponent("benchmarks/relevance/judgments.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONDecoder().decode(JudgedQuery.self, from: Data(line.utf8))
        }
    }

    @Test func everyJudgedSectionExistsInItsCorpus() throws {
        let queries = try Self.loadQueries()
        var slugsByFile: [String: Set<String>] = [:]
        var missing: [String] = []
        for query in queries {
            let root = try TestSupport.corpus(query.corpus).appendingPathComponent(query.corpus)
            for judgment in query.judgments {
                let key = query.corpus + "/" + judgment.filename
                if slugsByFile[key] == nil {
                    let path = root.appendingPathComponent(judgment.filename).path
                    guard let data = FileManager.default.contents(atPath: path) else {
                        missing.append("\(query.id): no file \(key)")
                        continue
                    }
                    let document = Chunker().chunk(filename: judgment.filename, content: String(decoding: data, as: UTF8.self))
                    slugsByFile[key] = Set(document.sections.map(\.slug))
                }
                if let slugs = slugsByFile[key], !slugs.contains(judgment.sectionSlug) {
                    missing.append("\(query.id): no section '\(judgment.sectionSlug)' in \(key); it has \(slugs.sorted())")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.count) judged sections do not exist:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theSetHasSixKindsOverThreeCorporaSplitInHalves() throws {
        let queries = try Self.loadQueries()
        #expect(queries.count >= 150)
        #expect(Set(queries.map(\.id)).count == queries.count, "ids are unique")
        #expect(Set(queries.map(\.kind)) == Self.kinds)
        #expect(Set(queries.map(\.corpus)) == Self.corpora)
        #expect(Set(queries.map(\.split)) == ["tuning", "heldout"])
        for query in queries {
            #expect(!query.query.isEmpty && !query.judgments.isEmpty, "\(query.id) has a query and judgments")
            #expect(query.judgments.allSatisfy { (1...3).contains($0.grade) }, "\(query.id): grades are 1–3")
            #expect(query.judgments.contains { $0.grade == 3 }, "\(query.id) has an answer (grade 3)")
            let identities = query.judgments.map { $0.filename + "#" + $0.sectionSlug }
            #expect(Set(identities).count == identities.count, "\(query.id) judges each section once")
        }
        for kind in Self.kinds {
            let ofKind = queries.filter { $0.kind == kind }
            #expect(ofKind.count >= 24, "\(kind): about 25 queries")
            let tuning = ofKind.filter { $0.split == "tuning" }.count
            #expect(abs(2 * tuning - ofKind.count) <= 1, "\(kind): \(tuning) of \(ofKind.count) in the tuning half")
        }
        for corpus in Self.corpora {
            let ofCorpus = queries.filter { $0.corpus == corpus }
            let tuning = ofCorpus.filter { $0.split == "tuning" }.count
            #expect(abs(2 * tuning - ofCorpus.count) <= 1, "\(corpus): \(tuning) of \(ofCorpus.count) in the tuning half")
        }
    }
}
