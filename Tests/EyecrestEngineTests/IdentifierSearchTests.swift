@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

extension RelevanceFeatures {
    /// Code identifiers (docs/engine.md, "Query language"): findable whole and by their
    /// parts, and a query written as the identifier ranks the sections holding it exactly
    /// above prose that only has its words.
    @Suite("Identifier search")
    struct IdentifierSearchTests {
        @Test("Compound identifiers have one joined form; prose and single words have none")
        func joinedForms() {
            #expect(IdentifierSplitter.joinedForms(of: "user_data a.b.c --dry-run @scope/pkg") == ["0iuserdata", "0iabc", "0idryrun", "0iscopepkg"])
            #expect(IdentifierSplitter.joinedForms(of: #"C:\Windows\System32 and Array<T>"#) == ["0icwindowssystem32", "0iarrayt"])
            #expect(IdentifierSplitter.joinedForms(of: "plain words, getUserData and x-") == [])
            #expect(IdentifierSplitter.joinedForms(of: "`user_data` (user_data)") == ["0iuserdata"], "de-duplicated; quotes end a compound")
            #expect(IdentifierSplitter.joinedForms(of: String(repeating: "a.", count: 40)) == [], "at most 64 bytes")
        }

        /// Each identifier beside prose that repeats its words (so plain BM25 favours it).
        static let pairs: [(query: String, code: String)] = [
            ("user_data", "Call `user_data()` to load it."),
            ("a.b.c", "Set `a.b.c` in the config."),
            ("--dry-run", "Pass `--dry-run` first."),
            ("@scope/pkg", "Install `@scope/pkg` from the registry."),
            (#"C:\Windows\System32"#, #"Copy it to `C:\Windows\System32`."#),
            ("Array<T>", "It returns `Array<T>` always."),
        ]

        @Test("A query written as the identifier ranks the section holding it first; its words still find both")
        func exactFirst() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            var files: [FileUpload] = []
            for (index, pair) in Self.pairs.enumerated() {
                let prose = pair.query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
                files.append(FileUpload(filename: "code-\(index).md", content: Data("# Code \(index)\n\n\(pair.code)\n".utf8)))
                files.append(FileUpload(filename: "prose-\(index).md", content: Data("# Prose \(index)\n\nAbout \(prose): \(prose), \(prose) and \(prose) again.\n".utf8)))
            }
            try await TestSupport.load(files, into: engine, dataset: "ids", shards: 2)
            for (index, pair) in Self.pairs.enumerated() {
                let exact = try await engine.search(org: "test", dataset: "ids", SearchRequest(query: pair.query))
                #expect(exact.hits.map(\.filename).first == "code-\(index).md", "\(pair.query): \(exact.hits.map(\.filename))")
                #expect(exact.hits.contains { $0.filename == "prose-\(index).md" }, "\(pair.query): its words match the prose too")
                #expect(exact.terms == [pair.query])
            }
        }
    }
}
