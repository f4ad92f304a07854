@testable import EyecrestEngine
import Foundation
import Testing

/// Two rules for words the query language would otherwise misread (docs/engine.md,
/// "Query language"): a dashed word after a plain word is a command-line option, not an
/// exclusion, and question words and stopwords leave queries that have other words.
@Suite("Query word rules: options and stopwords")
struct QueryWordRulesTests {
    func plan(_ query: String) throws -> SearchPlan? { try QueryPlanTests().plan(query) }

    @Test("A dashed word right after a plain word is an option, searched as a word")
    func optionsAfterAWord() throws {
        #expect(try plan("find -exec")?.allTerms == #"("find" AND "-exec")"#)
        #expect(try plan("curl -X POST")?.groupLabels == ["curl", "-X", "POST"])
        #expect(try plan("ssh -L")?.groupLabels == ["ssh", "-L"])
        #expect(try plan("tar -x -z")?.groupLabels == ["tar", "-x", "-z"], "an option after an option")
        #expect(try plan("ls -a")?.groupLabels == ["ls", "-a"], "an option is never taken for a stopword")
        #expect(try plan("installer -windows")?.groupLabels == ["installer", "-windows"], "NOT windows excludes it here")
        #expect(try plan("git commit --amend")?.groupLabels == ["git", "commit", "--amend"], "a double dash never excluded")
    }

    @Test("A dashed word excludes at the start, after an operator, phrase, prefix, group or exclusion")
    func exclusions() throws {
        #expect(try plan("-windows installer")?.allTerms == #""installer" NOT "windows""#)
        #expect(try plan(#""borrow checker" -async"#)?.allTerms == #""borrow checker" NOT "async""#)
        #expect(try plan("ab* -typescript")?.allTerms == #""ab" * NOT "typescript""#)
        #expect(try plan("(alpha beta) -gamma")?.allTerms == #"("alpha" AND "beta") NOT "gamma""#)
        #expect(try plan("installer NOT windows -linux")?.allTerms == #""installer" NOT "windows" NOT "linux""#)
        #expect(try plan("installer AND -windows")?.allTerms == #""installer" NOT "windows""#)
    }

    @Test("A query of dashed exclusions alone searches them as options; NOT alone still finds nothing")
    func onlyExclusions() throws {
        #expect(try plan("-exec")?.allTerms == #""-exec""#)
        #expect(try plan("-x -y")?.groupLabels == ["-x", "-y"])
        #expect(try plan("NOT y -x")?.allTerms == #""-x" NOT "y""#)
        #expect(try plan("NOT y") == nil)
        #expect(try plan("-") == nil)
    }

    @Test("Question words and stopwords leave queries that have other words, and their terms and highlights")
    func stopwords() throws {
        let question = try #require(try plan("Why can't I borrow a value as mutable twice?"))
        #expect(question.groupLabels == ["borrow", "value", "mutable", "twice?"])
        #expect(question.allTerms == #"("borrow" AND "value" AND "mutable" AND "twice?")"#)
        #expect(!question.highlightTokens.map(\.token).contains("can"), "a dropped word is not highlighted")
        #expect(try plan("how do I deploy my site to Netlify")?.groupLabels == ["deploy", "site", "Netlify"])
        #expect(try plan("what’s the default port?")?.groupLabels == ["default", "port?"], "a typographic apostrophe")
        #expect(try plan("why is my component not interactive")?.groupLabels == ["component", "not", "interactive"],
                "a word that carries meaning is kept")
    }

    @Test("A query made only of stopwords is searched as typed; phrases keep theirs")
    func onlyStopwords() throws {
        #expect(try plan("the")?.groupLabels == ["the"])
        #expect(try plan("how to")?.allTerms == #"("how" AND "to")"#)
        #expect(try plan("What is it?")?.groupLabels == ["What", "is", "it?"])
        #expect(try plan(#""how to" install"#)?.groupLabels == [#""how to""#, "install"])
    }

    @Test("tldr pages: options find their command's page, exclusions still exclude, questions drop their stopwords")
    func realCorpus() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The pages whose commands start with c, f or s: find, curl, ssh and their neighbours.
        let pages = TestSupport.markdownFiles(under: try TestSupport.corpus("tldr").appendingPathComponent("tldr/pages/common"))
            .filter { ["c", "f", "s"].contains($0.filename.first) }
        #expect(pages.count > 500)
        try await TestSupport.load(pages, into: engine, dataset: "tldr")
        func search(_ query: String) async throws -> SearchResponse {
            try await engine.search(org: "test", dataset: "tldr", SearchRequest(query: query, perPage: 10))
        }

        for (query, page) in [("find -exec", "find.md"), ("curl -X POST", "curl.md"), ("ssh -L", "ssh.md")] {
            let response = try await search(query)
            #expect(response.terms == query.split(separator: " ").map(String.init), "\(query)")
            // `ssh-add -L` is a real option too, so the page need not be first: near the top.
            let hit = response.hits.prefix(3).first { $0.filename == page }
            #expect(hit?.matchedTerms == response.terms, "\(query): \(response.hits.map { ($0.filename, $0.matchedTerms) })")
        }

        let excluded = try await search(#""find files" -exec"#)
        #expect(!excluded.hits.isEmpty && !excluded.hits.contains { $0.filename == "find.md" }, "find.md mentions -exec")

        let question = try await search("how do I find files by their extension?")
        #expect(question.terms == ["find", "files", "extension?"])
        #expect(question.hits.contains { $0.filename == "find.md" }, "\(question.hits.map(\.filename))")
    }
}
