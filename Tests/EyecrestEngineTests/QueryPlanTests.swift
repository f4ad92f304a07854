@testable import EyecrestEngine
import Foundation
import GRDB
import Testing

@Suite("Query parser and FTS5 rendering")
struct QueryPlanTests {
    func plan(_ query: String) throws -> SearchPlan? {
        try DatabaseQueue().read { db in
            try SearchPlan.make(query: query, tokenizer: db.makeTokenizer(Searcher.tokenizer))
        }
    }

    @Test("Every term is a quoted FTS5 string; operators are ours")
    func rendering() throws {
        #expect(try plan("borrow checker")?.allTerms == #"("borrow" AND "checker")"#)
        #expect(try plan("borrow checker")?.anyTerm == #"("borrow" OR "checker")"#)
        #expect(try plan(#""exact phrase" pre* -nope"#)?.allTerms == #"("exact phrase" AND "pre" *) NOT "nope""#)
        #expect(try plan("a OR (b c)")?.allTerms == #"("a" OR ("b" AND "c"))"#)
        #expect(try plan(#"say "hi"#)?.allTerms == #"("say" AND "hi")"#, "an unclosed quote runs to the end")
        #expect(try plan(#"x"y"#)?.phraseGroups == [0, 1])
        // A compound word also matches its joined form (`heading:evil` → `0iheadingevil`).
        #expect(try plan("heading:evil NEAR(foo bar) ^x")?.allTerms == #"(("heading:evil" OR "0iheadingevil" *) AND "NEAR" AND "foo" AND "bar" AND "^x")"#)
        #expect(try plan("say \u{0}\"nul\u{0}here\"")?.allTerms == #"("say" AND "nul here")"#, "control characters never reach FTS5")
    }

    @Test("Stopwords drop out of plain-word queries that have other words")
    func stopwords() throws {
        #expect(try plan("how to install the server")?.groupLabels == ["install", "server"])
        #expect(try plan("the")?.groupLabels == ["the"])
        #expect(try plan("\"how to\" install")?.groupLabels == ["\"how to\"", "install"])
    }

    @Test("Negated phrases are numbered but belong to no group")
    func groups() throws {
        let plan = try #require(try plan("alpha (beta OR gamma) -delta"))
        #expect(plan.phraseGroups == [0, 1, 1, -1])
        #expect(plan.groupLabels == ["alpha", "(beta OR gamma)"])
        #expect(plan.everyPhrase == #""alpha" OR "beta" OR "gamma" OR "delta""#)
    }

    @Test("A dropped subexpression leaves no phrase behind")
    func droppedNodes() throws {
        // The emoji has no token, so "(-x 😀)" vanishes, and so must its negated "x".
        let plan = try #require(try plan("\r -x | 😀 | -x 😀 ) 0 user.data"))
        #expect(plan.phraseGroups.count == plan.everyPhrase.components(separatedBy: " OR ").count)
        #expect(plan.allTerms == #"("0" AND ("user.data" OR "0iuserdata" *))"#)
    }

    @Test("Nothing searchable gives no plan")
    func empty() throws {
        // "-x" alone is an option now, searched as a word (QueryWordRulesTests).
        for query in ["", "NOT y", "*", "()", "+++", "\"\"", "AND OR NOT"] {
            #expect(try plan(query) == nil, "query \(query)")
        }
    }

    /// Term order breaks ties in the snippet window, so it must be the query's own: a
    /// `Set`'s order changes from one process to the next (it once made a golden
    /// search.txt answer flaky).
    @Test("Snippet terms keep query order, duplicates dropped")
    func snippetTermsKeepQueryOrder() throws {
        let query = "iterat* zebra apple iterat* mango"
        let (expected, terms) = try DatabaseQueue().read { db in
            let tokenizer = try db.makeTokenizer(Searcher.tokenizer)
            let plan = try #require(try SearchPlan.make(query: query, tokenizer: tokenizer))
            var seen = Set<HighlightToken>()
            let expected = plan.highlightTokens.filter { seen.insert($0).inserted }.map { String($0.token) }
            let terms = SnippetBuilder(tokenizer: tokenizer, terms: plan.highlightTokens).terms.map { String(decoding: $0.bytes, as: UTF8.self) }
            return (expected, terms)
        }
        #expect(expected.count >= 6, "the prefix, its shorter stems and three words")
        #expect(terms == expected)
        #expect(terms.first == "iterat" && terms.last == "mango")
    }

    /// One limit, `RankingModel.maxGroups`, for the plan and the ranking: the plan keeps
    /// that many groups and every one of them is ranked.
    @Test("Query groups up to the limit are ranked; a group past it is ignored")
    func groupLimit() async throws {
        #expect(RankingModel.maxGroups <= UInt64.bitWidth, "matched groups are kept in a 64-bit mask")
        let words = (1...(RankingModel.maxGroups + 1)).map { "w\($0)" }
        let counted = Array(words.dropLast())
        #expect(try plan(counted.joined(separator: " "))?.groupLabels == counted)
        let past = try #require(try plan(words.joined(separator: " ")))
        #expect(past.groupLabels == counted, "the group past the limit is dropped")
        #expect(past.phraseGroups == Array(0..<RankingModel.maxGroups))

        // The file holds every counted word but not the one past the limit.
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "t", id: "d")
        _ = try await engine.upsertFiles(org: "t", dataset: "d", files: [
            FileUpload(filename: "words.md", content: "# Words\n\n" + counted.joined(separator: " ") + "\n"),
        ])
        for query in [counted, words].map({ $0.joined(separator: " ") }) {
            let response = try await engine.search(org: "t", dataset: "d", SearchRequest(query: query))
            #expect(response.terms == counted)
            #expect(response.hits.map(\.filename) == ["words.md"])
            #expect(response.hits.first?.matchedTerms == counted, "the last group's bit is set too")
        }
    }
}
