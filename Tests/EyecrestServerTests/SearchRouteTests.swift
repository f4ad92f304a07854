import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

@Suite("Search routes")
struct SearchRouteTests {
    @Test func searchAnswersRankedHitsWithHighlights() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("guide/install.md", Fixtures.install), ("config.md", Fixtures.config)])
            let result = try await client.call(.get, "/v1/datasets/d/search?query=install+linux")
            #expect(result.status == .ok, "\(result.text)")
            let hits = try #require(result["results"] as? [[String: Any]])
            let first = try #require(hits.first)
            #expect(first["filename"] as? String == "guide/install.md")
            #expect(first["heading"] as? String == "Linux")
            #expect(first["headingPath"] as? [String] == ["Install", "Linux"])
            #expect(first["sectionSlug"] as? String == "linux")
            #expect((first["startLine"] as? Int ?? 0) > 1)
            #expect((first["score"] as? Double ?? 0) > 0)
            #expect((first["highlights"] as? [Any])?.isEmpty == false)
            #expect(first["cleanedSnippet"] is String)
            #expect(result["page"] as? Int == 0)
            #expect(result["perPage"] as? Int == 20)
            #expect(result["hasNextPage"] as? Bool == false)
            #expect(result["relaxed"] is Bool)
            #expect(result["terms"] as? [String] == ["install", "linux"])
            #expect(result["region"] as? String == "local")
        }
    }

    @Test func paginationAndPathPrefix() async throws {
        try await withTestServer { client in
            let files = (0..<6).map { ("p/\($0).md", "# Page \($0)\n\nThe eyecrest server indexes markdown.\n") } + [("q/x.md", "# X\n\neyecrest here too\n")]
            try await client.seed("d", files)
            let page0 = try await client.call(.get, "/v1/datasets/d/search?query=eyecrest&perPage=4")
            #expect((page0["results"] as? [Any])?.count == 4)
            #expect(page0["hasNextPage"] as? Bool == true)
            let page1 = try await client.call(.get, "/v1/datasets/d/search?query=eyecrest&perPage=4&page=1")
            #expect((page1["results"] as? [Any])?.count == 3)
            #expect(page1["hasNextPage"] as? Bool == false)
            let prefixed = try await client.call(.get, "/v1/datasets/d/search?query=eyecrest&pathPrefix=q%2F")
            #expect((prefixed["results"] as? [[String: Any]])?.compactMap { $0["filename"] as? String } == ["q/x.md"])
            let capped = try await client.call(.get, "/v1/datasets/d/search?query=eyecrest&maxChunksPerFile=1&snippetLength=20")
            #expect(capped.status == .ok)
            let empty = try await client.call(.get, "/v1/datasets/d/search?query=zzzzunknown")
            #expect((empty["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func metadataComesBackAsAnObject() async throws {
        try await withTestServer { client in
            _ = try await client.call(.post, "/v1/datasets/d")
            let body = try jsonText(["files": [["filename": "m.md", "content": "# Tagged\n\nunique words here\n", "metadata": ["url": "https://x.test/a", "rank": 2]]]])
            _ = try await client.call(.put, "/v1/datasets/d/files", body: body)
            let result = try await client.call(.get, "/v1/datasets/d/search?query=unique")
            let metadata = (result["results"] as? [[String: Any]])?.first?["metadata"] as? [String: Any]
            #expect(metadata?["url"] as? String == "https://x.test/a")
            #expect(metadata?["rank"] as? Int == 2)
        }
    }

    @Test func badSearchParameters() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha\n")])
            let base = "/v1/datasets/d/search"
            expectError(try await client.call(.get, base), .badRequest, "missing_parameter")
            for bad in ["page=-1", "page=1001", "page=x", "perPage=0", "perPage=101", "perPage=1.5", "maxChunksPerFile=0", "snippetLength=5", "snippetLength=9999", "typoTolerance=maybe"] {
                expectError(try await client.call(.get, "\(base)?query=alpha&\(bad)"), .badRequest, "invalid_parameter")
                expectError(try await client.call(.get, "\(base).txt?query=alpha&\(bad)"), .badRequest, "invalid_parameter")
            }
            expectError(try await client.call(.get, "/v1/datasets/none/search?query=a"), .notFound, "dataset_not_found")
            expectError(try await client.call(.get, "/v1/datasets/b.d/search?query=a"), .badRequest, "invalid_dataset_id")
            // Any query string is valid input: FTS5 syntax is never interpreted.
            for query in ["%22unclosed", "NEAR(a%20b)", "col%3Aa", "((((", "-", "*", "%00"] {
                let result = try await client.call(.get, "\(base)?query=\(query)")
                #expect(result.status == .ok, "\(query): \(result.text)")
            }
        }
    }

    @Test func typoToleranceNamesItsCorrectionsAndTurnsOff() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# Middleware\n\nMiddleware runs before a page renders.\n")])
            let typo = try await client.call(.get, "/v1/datasets/d/search?query=midleware")
            #expect(typo.status == .ok)
            #expect((typo["results"] as? [Any])?.count == 1, "\(typo.text)")
            let corrections = typo["corrections"] as? [[String: Any]]
            #expect(corrections?.first?["word"] as? String == "midleware", "\(typo.text)")
            #expect(corrections?.first?["terms"] as? [String] == ["middlewar"], "\(typo.text)")
            let exact = try await client.call(.get, "/v1/datasets/d/search?query=midleware&typoTolerance=false")
            #expect((exact["results"] as? [Any])?.isEmpty == true, "\(exact.text)")
            #expect(exact["corrections"] == nil, "absent when nothing was corrected: \(exact.text)")
        }
    }

    @Test func searchTextIsPlainTextWithLinks() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("my docs/install.md", Fixtures.install), ("config.md", Fixtures.config)])
            let result = try await client.call(.get, "/v1/datasets/d/search.txt?query=linux+package")
            #expect(result.status == .ok)
            #expect(result.headers[.contentType] == "text/plain; charset=utf-8")
            // "## Linux" (level 2, lines 8-11 after the frontmatter) is shown one level deeper.
            #expect(result.text.hasPrefix("### Install > Linux\n\n[my docs/install.md:8](/v1/datasets/d/files/my%20docs/install.md?start=8&end=11)\n\n"), "\(result.text)")
            let first = try await client.call(.get, "/v1/datasets/d/search.txt?query=installer&perPage=1")
            #expect(first.text.hasSuffix("\n\n*More results available on page 1*\n"), "\(first.text)")
            #expect(!first.text.contains("---"), "\(first.text)")
            let hits = try await client.call(.get, "/v1/datasets/d/search?query=installer")["results"] as? [Any]
            let count = try #require(hits?.count)
            #expect(count >= 2)
            let all = try await client.call(.get, "/v1/datasets/d/search.txt?query=installer")
            #expect(all.text.components(separatedBy: "\n\n---\n\n").count == count, "\(all.text)")
            #expect(!all.text.contains("More results"), "\(all.text)")
            let last = try await client.call(.get, "/v1/datasets/d/search.txt?query=installer&perPage=1&page=\(count - 1)")
            #expect(!last.text.contains("More results") && !last.text.contains("---"), "\(last.text)")
            #expect(last.text.hasPrefix("#"), "\(last.text)")
            let none = try await client.call(.get, "/v1/datasets/d/search.txt?query=zzzzqqq")
            #expect(none.text == "No results for \"zzzzqqq\".\n")
        }
    }
}
