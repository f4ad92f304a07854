import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// Files with CRLF or lone-CR line endings read back by line like LF files, and a search
/// hit's `startLine`/`endLine` select its section in them.
@Suite("CRLF files")
struct CRLFFileTests {
    static let lines = [
        "# Title", "", "Intro line.", "", "## Install", "", "Run the installer.", "Then restart.", "", "## Configure", "",
        "Edit the settings file.",
    ]

    @Test("GET …/files/x.md?start=&end= slices CRLF, CR and LF files alike", arguments: ["\r\n", "\r", "\n"])
    func slicesByLine(ending: String) async throws {
        let content = Self.lines.joined(separator: ending) + ending
        try await withTestServer { client in
            try await client.seed("d", [("x.md", content)])
            let slice = try await client.call(.get, "/v1/datasets/d/files/x.md?start=7&end=9")
            #expect(slice.status == .ok, "\(slice.text)")
            #expect(slice["content"] as? String == "Run the installer.\nThen restart.\n")
            let numbered = try await client.call(.get, "/v1/datasets/d/files/x.md?start=7&end=8&showLineNumbers=true")
            #expect(numbered["content"] as? String == "7  Run the installer.\n8  Then restart.")
            let tail = try await client.call(.get, "/v1/datasets/d/files/x.md?start=12&end=50")
            #expect(tail["content"] as? String == "Edit the settings file.")
            let whole = try await client.call(.get, "/v1/datasets/d/files/x.md")
            #expect(whole["content"] as? String == content, "without start/end the stored bytes come back unchanged")
        }
    }

    @Test("A search hit's line range reads back as its section in a CRLF file")
    func hitLinesSelectTheSection() async throws {
        let content = Self.lines.joined(separator: "\r\n") + "\r\n"
        try await withTestServer { client in
            try await client.seed("d", [("crlf.md", content), ("lf.md", Self.lines.joined(separator: "\n") + "\n")])
            let search = try await client.call(.get, "/v1/datasets/d/search?query=installer")
            let hits = search["results"] as? [[String: Any]] ?? []
            #expect(hits.count == 2, "\(search.text)")
            for hit in hits {
                let filename = try #require(hit["filename"] as? String)
                #expect(hit["startLine"] as? Int == 5 && hit["endLine"] as? Int == 9, "\(filename): \(hit)")
                let start = try #require(hit["startLine"] as? Int), end = try #require(hit["endLine"] as? Int)
                let section = try await client.call(.get, "/v1/datasets/d/files/\(filename)?start=\(start)&end=\(end)")
                #expect(section["content"] as? String == "## Install\n\nRun the installer.\nThen restart.\n", "\(filename)")
            }
        }
    }

    @Test("search.txt shows a CRLF file's section by line, without carriage returns")
    func searchTextExcerpt() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("crlf.md", Self.lines.joined(separator: "\r\n") + "\r\n")])
            let answer = try await client.call(.get, "/v1/datasets/d/search.txt?query=installer")
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Run the installer.\nThen restart."), "\(answer.text.debugDescription)")
            #expect(!answer.text.contains("\r"), "\(answer.text.debugDescription)")
            #expect(!answer.text.split(separator: "\n").contains("## Install"), "the excerpt drops the section's own heading line")
        }
    }
}
