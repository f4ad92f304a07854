import EyecrestEngine
import Foundation
import Testing

@Suite("Search: query language, ranking, grouping, pagination, snippets")
struct SearchTests {
    /// A small dataset whose expected answers are obvious to a reader.
    static func fixture(shards: Int = 1) async throws -> (Engine, URL) {
        let (engine, directory) = try TestSupport.engine()
        try await engine.createDataset(org: "t", id: "d", shards: shards)
        let files = [
            FileUpload(filename: "guide/install.md", content: """
                # Installation

                Download the installer for your platform and run it. Installation takes a minute and
                needs no administrator rights; the sections below cover each platform.

                ## Linux

                Use the package manager: apt install eyecrest.

                ## Windows

                Run the MSI installer. The configuration wizard starts afterwards.
                """),
            FileUpload(filename: "guide/configure.md", content: """
                # Configuration

                The configuration file lives in the data directory.

                ## Ports

                Set the listening port with --port. The default port is 8080.
                """),
            FileUpload(filename: "blog/news.md", content: """
                # News

                We shipped a new release. Installation is faster than before, and the borrow checker is happy.
                """),
            FileUpload(filename: "reference/api.md", content: """
                # API

                Call getUserData to read a profile. The user_data table and user-data endpoint hold the same.
                """),
        ]
        _ = try await engine.upsertFiles(org: "t", dataset: "d", files: files)
        return (engine, directory)
    }

    func search(_ engine: Engine, _ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) async throws -> SearchResponse {
        var request = SearchRequest(query: query)
        configure(&request)
        return try await engine.search(org: "t", dataset: "d", request)
    }

    @Test("A heading match ranks above a passing mention in a body")
    func headingFirst() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hits = try await search(engine, "installation").hits
        #expect(hits.first?.filename == "guide/install.md", "\(hits.map { ($0.sectionSlug, $0.score) })")
        #expect(hits.first?.sectionSlug == "installation")
        #expect(hits.map(\.filename).contains("blog/news.md"))
        #expect(hits.allSatisfy { $0.score > 0 })
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test("Words must all match; phrases match exactly; OR, NOT and -word work")
    func queryLanguage() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Only the Linux section holds both words ("install" and "installer" share the
        // stem), one hit cannot fill a page, so sections with one of them follow it.
        let both = try await search(engine, "installer linux")
        #expect(both.relaxed)
        #expect(both.hits.first.map { "\($0.filename)#\($0.sectionSlug)" } == "guide/install.md#linux")
        #expect(both.hits.first?.matchedTerms == ["installer", "linux"])
        #expect(both.hits.count > 1 && both.hits.dropFirst().allSatisfy { $0.matchedTerms == ["installer"] })

        let phrase = try await search(engine, "\"default port\"").hits
        #expect(phrase.map(\.sectionSlug) == ["ports"])
        let wrongOrder = try await search(engine, "\"port default\"").hits
        #expect(wrongOrder.isEmpty)

        let either = Set(try await search(engine, "linux OR windows").hits.map(\.sectionSlug))
        #expect(either == ["linux", "windows"])

        let without = try await search(engine, "-windows installer").hits
        #expect(Set(without.map(\.sectionSlug)) == ["installation", "linux", "news"])
        let notWord = try await search(engine, "installer NOT windows").hits
        #expect(notWord.map(\.sectionSlug) == without.map(\.sectionSlug))
        // Right after a word, a dashed word is that word's option (`find -exec`): searched.
        let option = try await search(engine, "installer -windows")
        #expect(option.hits.first?.sectionSlug == "windows" && option.hits.first?.matchedTerms == ["installer", "-windows"])
    }

    /// There is no prefix index: `abc*` expands over the vocabulary at query time, and a
    /// prefix cut inside a suffix the stemmer removes also matches the shorter stems.
    @Test("Prefix queries match word starts, and stems shorter than the prefix")
    func prefix() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        func sections(_ query: String) async throws -> Set<String> {
            Set(try await search(engine, query).hits.map { "\($0.filename)#\($0.sectionSlug)" })
        }
        // The file name is indexed too, so every section of configure.md matches.
        #expect(try await sections("config*") == ["guide/configure.md#configuration", "guide/configure.md#ports", "guide/install.md#windows"])
        // "installation", "installer" and "install" are all indexed as "instal", which
        // "installat*" does not start.
        #expect(try await sections("installat*") == [
            "guide/install.md#installation", "guide/install.md#linux", "guide/install.md#windows", "blog/news.md#news",
        ])
        #expect(try await search(engine, "zzq*").hits.isEmpty)
    }

    @Test("Code identifiers are findable whole and by their parts")
    func identifiers() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        for query in ["getUserData", "user_data", "user-data", "user.data", "user data"] {
            #expect(try await search(engine, query).hits.first?.filename == "reference/api.md", "query \(query)")
        }
    }

    @Test("When all words match too little, sections with some of them follow, and the response says so")
    func relaxation() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let response = try await search(engine, "installer wizard nonexistentword")
        #expect(response.relaxed)
        #expect(response.terms == ["installer", "wizard", "nonexistentword"])
        #expect(response.hits.first?.sectionSlug == "windows")
        #expect(response.hits.first?.matchedTerms == ["installer", "wizard"])
        let coverage = response.hits.map(\.matchedTerms.count)
        #expect(coverage == coverage.sorted(by: >), "ranked by how many words match first")
    }

    @Test("maxChunksPerFile, pagination with hasNextPage, and pathPrefix")
    func groupingAndPaging() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = try await search(engine, "the") { $0.maxChunksPerFile = 1 }
        #expect(Set(one.hits.map(\.filename)) == ["guide/install.md", "guide/configure.md", "blog/news.md", "reference/api.md"])
        #expect(one.hits.count == 4)

        let all = try await search(engine, "the") { $0.perPage = 100 }
        #expect(!all.hasNextPage)
        var paged: [String] = []
        var page = 0
        while true {
            let response = try await search(engine, "the") { $0.perPage = 2; $0.page = page }
            paged += response.hits.map { "\($0.filename)#\($0.sectionSlug)" }
            if !response.hasNextPage { break }
            page += 1
        }
        #expect(paged == all.hits.map { "\($0.filename)#\($0.sectionSlug)" })

        let scoped = try await search(engine, "the") { $0.pathPrefix = "guide/" }
        #expect(!scoped.hits.isEmpty && scoped.hits.allSatisfy { $0.filename.hasPrefix("guide/") })
    }

    @Test("Snippets show the match with highlight offsets in UTF-16 and a cleaned copy")
    func snippets() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "t", id: "d")
        let filler = String(repeating: "Lorem ipsum dolor sit amet. ", count: 40)
        let body = "# Café 😀\n\n\(filler)\n\nThe **configuring** step needs [a link](https://x.y) and more.\n\n\(filler)"
        _ = try await engine.upsertFiles(org: "t", dataset: "d", files: [FileUpload(filename: "a.md", content: body)])
        let hit = try #require(try await engine.search(org: "t", dataset: "d", SearchRequest(query: "configure", snippetLength: 120)).hits.first)
        #expect(hit.snippet.utf16.count < 260)
        #expect(hit.snippet.contains("configuring"))
        let highlight = try #require(hit.highlights.first)
        let utf16 = Array(hit.snippet.utf16)
        #expect(String(decoding: utf16[highlight.start..<highlight.end], as: UTF16.self) == "configuring")
        #expect(!hit.cleanedSnippet.contains("**"))
        #expect(hit.cleanedSnippet.contains("configuring"))
    }

    @Test("Snippets find matches deep in long sections, through stemming and folded accents")
    func snippetsInLongSections() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await engine.createDataset(org: "t", id: "d")
        let filler = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing. ", count: 120)
        let body = "# Notes\n\n\(filler)\n\nA happy zebra visited the Café.\n\n\(filler)\n"
        _ = try await engine.upsertFiles(org: "t", dataset: "d", files: [FileUpload(filename: "long.md", content: body)])
        for (query, expected) in [("zebra", "zebra"), ("happiness", "happy"), ("cafe", "Café")] {
            let hit = try #require(try await engine.search(org: "t", dataset: "d", SearchRequest(query: query, snippetLength: 80)).hits.first)
            let utf16 = Array(hit.snippet.utf16)
            let marked = hit.highlights.map { String(decoding: utf16[$0.start..<$0.end], as: UTF16.self) }
            #expect(marked == [expected], "\(query): \(hit.snippet)")
        }
    }

    @Test("Queries that hold nothing searchable return no hits; bad parameters are typed errors")
    func edgeCases() async throws {
        let (engine, directory) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        for query in ["", "   ", "***", "NOT installer", "NOT", "()", "\"\"", "OR OR"] {
            #expect(try await search(engine, query).hits.isEmpty, "query \(query)")
        }
        for configure: (inout SearchRequest) -> Void in [{ $0.page = -1 }, { $0.perPage = 0 }, { $0.perPage = SearchRequest.perPageRange.upperBound + 1 }, { $0.snippetLength = 1 }, { $0.maxChunksPerFile = 0 }] {
            await #expect(throws: EngineError.self) { _ = try await search(engine, "installer", configure) }
        }
        await #expect(throws: EngineError.self) { _ = try await search(engine, String(repeating: "a ", count: SearchRequest.maxQueryLength)) }
    }
}
