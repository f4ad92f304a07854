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
        #expect(try plan("heading:evil NEAR(a b) ^x")?.allTerms == #"("heading:evil" AND "NEAR" AND ("a" AND "b") AND "^x")"#)
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

    @Test("Nothing searchable gives no plan")
    func empty() throws {
        for query in ["", "-x", "NOT y", "*", "()", "+++", "\"\"", "AND OR NOT"] {
            #expect(try plan(query) == nil, "query \(query)")
        }
    }
}
