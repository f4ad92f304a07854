import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `POST /v1/datasets/{id}/import/tar` with real corpora and small hand-built archives.
@Suite("Import: tar route")
struct ImportRouteTests {
    /// The Rust book as a body: every markdown file, named without the top-level folder;
    /// search finds its sections; a second import changes nothing.
    @Test func importsTheRustBookAndReimportsUnchanged() async throws {
        let archive = try corpusBytes("rust-book")
        let markdown = try corpusMarkdown("rust-book")
        try #require(markdown.count > 100)
        try await withTestServer { client in
            try await client.createDataset("book")
            let first = try await client.importArchive("book", archive)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.importCounts == [markdown.count, 0, 0])
            #expect((first["totalSizeBytes"] as? Int ?? 0) > 1_000_000)
            #expect(Set(try await client.filenames("book")) == Set(markdown))

            let search = try await client.call(.get, "/v1/datasets/book/search?query=borrow+checker")
            let slugs = (search["results"] as? [[String: Any]] ?? []).prefix(3).compactMap { $0["sectionSlug"] as? String }
            #expect(slugs.contains("the-borrow-checker"), "\(slugs)")
            let file = try await client.call(.get, "/v1/datasets/book/files/src/ch04-02-references-and-borrowing.md?start=1&end=1")
            #expect((file["content"] as? String)?.contains("References and Borrowing") == true)

            let again = try await client.importArchive("book", archive)
            #expect(again.importCounts == [0, markdown.count, 0], "\(again.text)")
            #expect(again["totalSizeBytes"] as? Int == first["totalSizeBytes"] as? Int)
        }
    }

    /// The Astro docs fetched from a URL, one language folder only, with metadata on
    /// every file; MDX sections are searchable.
    @Test func importsAstroDocsFromAURLWithAPathAndMetadata() async throws {
        let english = try corpusMarkdown("astro-docs").filter { $0.hasPrefix("src/content/docs/en/") }
        try #require(english.count > 300)
        try await ArchiveHost.run(archives: ["astro": try corpusBytes("astro-docs")]) { host in
            try await withTestServer(configure: { $0.allowPrivateImportURLs = true }) { client in
                try await client.createDataset("astro", shards: 3)
                let result = try await client.importJSON(
                    "astro", "tar", ["url": "\(host.baseURL)/archives/astro", "path": "/src/content/docs/en/", "metadata": ["lang": "en", "v": 5]])
                #expect(result.status == .ok, "\(result.text)")
                #expect(result.importCounts == [english.count, 0, 0])
                let names = Set(try await client.filenames("astro"))
                #expect(names == Set(english.map { String($0.dropFirst("src/content/docs/en/".count)) }))
                #expect(names.contains("concepts/islands.mdx"))

                let file = try await client.call(.get, "/v1/datasets/astro/files/concepts/islands.mdx")
                #expect((file["metadata"] as? [String: Any])?["lang"] as? String == "en")
                #expect((file["metadata"] as? [String: Any])?["v"] as? Int == 5)
                let search = try await client.call(.get, "/v1/datasets/astro/search?query=islands+architecture")
                let top = (search["results"] as? [[String: Any]] ?? []).prefix(3).compactMap { $0["filename"] as? String }
                #expect(top.contains("concepts/islands.mdx"), "\(top)")
            }
        }
    }

    /// One archive with every kind of entry that cannot be stored: each is skipped and
    /// counted with its reason, the rest is imported, and non-markdown, hidden and
    /// node_modules entries are ignored without a count.
    @Test func skipsWhatCannotBeStoredAndImportsTheRest() async throws {
        var tar = TarBuilder()
        tar.pax([("comment", "abc123")], global: true)
        tar.directory("repo-main/")
        tar.file("repo-main/README.md", "# Readme\n\nWelcome.\n")
        tar.file("repo-main/docs/guide.mdx", "# Guide\n\nThe zebracorn guide.\n")
        tar.gnuLongNameFile("repo-main/docs/" + String(repeating: "deep/", count: 25) + "long.md", "# Long\n\nA long name.\n")
        tar.pax([("path", "repo-main/docs/ünïcode.markdown")])
        tar.file("repo-main/docs/placeholder", "# Unicode\n\nPax names it.\n")
        tar.symlink("repo-main/docs/link.md", to: "guide.mdx")
        tar.hardLink("repo-main/docs/hard.md", to: "repo-main/README.md")
        tar.characterDevice("repo-main/docs/device.md")
        tar.file("repo-main/docs/binary.md", [0x23, 0x20, 0x00, 0x01, 0x02])
        tar.file("repo-main/docs/latin1.md", [0x63, 0x61, 0x66, 0xE9])
        tar.file("repo-main/docs/big.md", String(repeating: "big ", count: 1_000))
        tar.file("repo-main/docs/bell\u{07}.md", "# Bell\n")
        tar.file("../escape.md", "# Out\n")
        tar.file("/etc/absolute.md", "# Abs\n")
        tar.file("repo-main/.github/PULL_REQUEST_TEMPLATE.md", "# Hidden\n")
        tar.file("repo-main/node_modules/pkg/README.md", "# Dependency\n")
        tar.file("repo-main/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x00])
        tar.end()
        let archive = tar.gzipped
        try await withTestServer(configure: { $0.limits.maxFileBytes = 2_000 }) { client in
            try await client.createDataset("mixed")
            let result = try await client.importArchive("mixed", archive)
            #expect(result.status == .ok, "\(result.text)")
            #expect(result.importCounts == [4, 0, 9], "\(result.text)")
            #expect(
                result.skippedEntries == [
                    "repo-main/docs/link.md": "symlink", "repo-main/docs/hard.md": "hard_link", "repo-main/docs/device.md": "special_file",
                    "repo-main/docs/binary.md": "binary", "repo-main/docs/latin1.md": "binary", "repo-main/docs/big.md": "too_large",
                    "repo-main/docs/bell\u{07}.md": "invalid_filename", "../escape.md": "unsafe_path", "/etc/absolute.md": "unsafe_path",
                ])
            #expect(
                Set(try await client.filenames("mixed")) == [
                    "README.md", "docs/guide.mdx", "docs/" + String(repeating: "deep/", count: 25) + "long.md", "docs/ünïcode.markdown",
                ])
            let search = try await client.call(.get, "/v1/datasets/mixed/search?query=zebracorn")
            #expect((search["results"] as? [[String: Any]])?.first?["filename"] as? String == "docs/guide.mdx")
        }
    }

    /// The top-level folder is removed only when every entry is inside it; `path` is
    /// then relative to what remains and removed too; a later entry of a name wins.
    @Test func topLevelFolderAndPathRules() async throws {
        try await withTestServer { client in
            for (name, entries, query, expected) in [
                ("single", [("site/docs/a.md", "a"), ("site/b.md", "b")], "", ["docs/a.md", "b.md"]),
                ("dotslash", [("./site/docs/a.md", "a"), ("./site/b.md", "b")], "", ["docs/a.md", "b.md"]),
                ("two", [("one/a.md", "a"), ("two/b.md", "b")], "", ["one/a.md", "two/b.md"]),
                ("toplevelfile", [("README.md", "r"), ("docs/a.md", "a")], "", ["README.md", "docs/a.md"]),
                ("prefixed", [("repo-main/docs/a.md", "a"), ("repo-main/docs/sub/b.md", "b"), ("repo-main/docs2/c.md", "c")], "path=docs", ["a.md", "sub/b.md"]),
                ("prefixnoroot", [("docs/a.md", "a"), ("other/b.md", "b")], "path=docs/", ["a.md"]),
                ("duplicate", [("r/a.md", "first"), ("r/a.md", "second")], "", ["a.md"]),
            ] {
                try await client.createDataset(name)
                let result = try await client.importArchive(name, Self.archive(entries), query: query)
                #expect(result.status == .ok, "\(name): \(result.text)")
                #expect(try await client.filenames(name).sorted() == expected.sorted(), "\(name)")
            }
            let duplicate = try await client.call(.get, "/v1/datasets/duplicate/files/a.md")
            #expect(duplicate["content"] as? String == "second")
        }
    }

    static func archive(_ entries: [(String, String)]) -> [UInt8] {
        var tar = TarBuilder()
        for (path, content) in entries { tar.file(path, content) }
        tar.end()
        return tar.gzipped
    }

    /// More files than a JSON batch may hold still go to the engine as one batch, and a
    /// multi-shard dataset gets all of them.
    @Test func archivesAreNotBoundByTheJSONBatchLimit() async throws {
        var tar = TarBuilder()
        for index in 0..<40 { tar.file("notes/note-\(index).md", "# Note \(index)\n\nText \(index).\n") }
        tar.end()
        let archive = tar.gzipped
        try await withTestServer(configure: { $0.limits.maxFilesPerBatch = 5 }) { client in
            try await client.createDataset("notes", shards: 4)
            let result = try await client.importArchive("notes", archive, query: "metadata=%7B%22source%22%3A%22notes%22%7D")
            #expect(result.importCounts == [40, 0, 0], "\(result.text)")
            #expect(try await client.fileCount("notes") == 40)
            let file = try await client.call(.get, "/v1/datasets/notes/files/note-7.md")
            #expect((file["metadata"] as? [String: Any])?["source"] as? String == "notes")
            // The same files with other metadata: updated, not unchanged.
            let relabeled = try await client.importArchive("notes", archive, query: "metadata=%7B%22source%22%3A%22other%22%7D")
            #expect(relabeled.importCounts == [40, 0, 0], "\(relabeled.text)")
        }
    }

    @Test func everyContentTypeOfTheArchiveIsAccepted() async throws {
        var tar = TarBuilder()
        tar.file("a.md", "# A\n")
        tar.end()
        let archive = tar.gzipped
        try await withTestServer { client in
            try await client.createDataset("types")
            for type in ["application/gzip", "application/x-gzip", "application/octet-stream", "Application/GZIP; charset=binary"] {
                let result = try await client.importArchive("types", archive, contentType: type)
                #expect(result.status == .ok, "\(type): \(result.text)")
            }
            let empty = TarBuilder.gzip(TarBuilder.padded([]) + [UInt8](repeating: 0, count: 1024))
            let nothing = try await client.importArchive("types", empty)
            #expect(nothing.importCounts == [0, 0, 0], "\(nothing.text)")
        }
    }
}
