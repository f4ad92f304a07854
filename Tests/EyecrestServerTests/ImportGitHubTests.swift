import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `POST /v1/datasets/{id}/import/github` against a local host in codeload's URL shape.
@Suite("Import: GitHub route")
struct ImportGitHubTests {
    @Test func importsABranchFromTheConfiguredHost() async throws {
        let book = try corpusBytes("rust-book")
        let chapters = try corpusMarkdown("rust-book").filter { $0.hasPrefix("src/") }
        // Another branch holds another tree, so a route ignoring the branch would fail.
        var release = TarBuilder()
        release.file("book-release-2.0/src/only-on-release.md", "# Only on release\n\nThe 2.0 notes.\n")
        release.end()
        let releaseArchive = TarBuilder.gzip(release.bytes)
        try await ArchiveHost.run(archives: ["rust-lang/book@main": book, "rust-lang/book@release/2.0": releaseArchive]) { host in
            try await withTestServer(configure: { $0.githubArchiveHost = host.baseURL + "/" }) { client in
                try await client.createDataset("book")
                // The branch defaults to main; `path` keeps src/ and removes it from names.
                let result = try await client.importJSON("book", "github", ["owner": "rust-lang", "repo": "book", "path": "src"])
                #expect(result.status == .ok, "\(result.text)")
                #expect(result.importCounts == [chapters.count, 0, 0])
                #expect(try await client.filenames("book").contains("ch04-02-references-and-borrowing.md"))
                let search = try await client.call(.get, "/v1/datasets/book/search?query=borrow+checker")
                #expect((search["results"] as? [[String: Any]] ?? []).prefix(3).contains { $0["sectionSlug"] as? String == "the-borrow-checker" })

                let branch = try await client.importJSON("book", "github", ["owner": "rust-lang", "repo": "book", "branch": "release/2.0", "path": "src"])
                #expect(branch.importCounts == [1, 0, 0], "\(branch.text)")
                #expect(try await client.filenames("book").contains("only-on-release.md"))

                let missing = try await client.importJSON("book", "github", ["owner": "rust-lang", "repo": "book", "branch": "gone"])
                expectError(missing, .notFound, "repository_not_found")
                #expect(try await client.fileCount("book") == chapters.count + 1)
            }
        }
    }

    /// Nothing a caller sends can change the URL's shape: every unsafe value is refused
    /// before the host is asked anything.
    @Test func namesThatCouldInjectIntoTheURLAreRefused() async throws {
        try await ArchiveHost.run { host in
            try await withTestServer(configure: { $0.githubArchiveHost = host.baseURL }) { client in
                try await client.createDataset("gh")
                let bad: [[String: Any]] = [
                    ["owner": "../evil", "repo": "r"], ["owner": "a/b", "repo": "r"], ["owner": "-lead", "repo": "r"],
                    ["owner": String(repeating: "o", count: 40), "repo": "r"], ["owner": "", "repo": "r"], ["owner": "o%2e", "repo": "r"],
                    ["owner": "o", "repo": ".."], ["owner": "o", "repo": "r?x=1"], ["owner": "o", "repo": "r#frag"], ["owner": "o", "repo": "r/s"],
                    ["owner": "o", "repo": "r", "branch": "main/../../x"], ["owner": "o", "repo": "r", "branch": "/main"],
                    ["owner": "o", "repo": "r", "branch": "a//b"], ["owner": "o", "repo": "r", "branch": "x y"],
                    ["owner": "o", "repo": "r", "branch": "x.lock"], ["owner": "o", "repo": "r", "branch": ".hidden"],
                    ["owner": "o", "repo": "r", "branch": "@{-1}"], ["owner": "ö", "repo": "r"],
                ]
                for body in bad {
                    expectError(try await client.importJSON("gh", "github", body), .badRequest, "invalid_field")
                }
                expectError(try await client.importJSON("gh", "github", ["repo": "r"]), .badRequest, "missing_field")
                expectError(try await client.call(.post, "/v1/datasets/gh/import/github", body: "x", contentType: "text/plain"), .unsupportedMediaType, "unsupported_media_type")
                #expect(host.requests == 0)
            }
        }
    }

    @Test func theArchiveHostMustBeAnHTTPURL() throws {
        var configuration = ServerConfiguration(dataDirectory: URL(fileURLWithPath: "/nonexistent"))
        for host in ["codeload.github.com", "ftp://mirror.example", "https://host/?q=1", "file:///tmp"] {
            configuration.githubArchiveHost = host
            #expect(throws: StartupError.self, "\(host)") { try configuration.validate() }
        }
        configuration.githubArchiveHost = "http://127.0.0.1:9/prefix"
        try configuration.validate()
    }
}
