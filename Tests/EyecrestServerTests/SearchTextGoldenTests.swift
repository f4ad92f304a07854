import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `search.txt` over the whole Rust book, as the server answers it, compared byte for byte
/// with reviewed answers in `Tests/Golden/search-txt/`. A ranking, chunking or rendering
/// change shows up here as a readable diff of what an agent would read. After an intended
/// change, regenerate with `EYECREST_UPDATE_GOLDEN=1 swift test --filter SearchTextGolden`
/// and review the diff.
@Suite("search.txt golden answers on the Rust book", .serialized)
struct SearchTextGoldenTests {
    static let cases: [(name: String, query: String)] = [
        ("borrow-checker", "query=borrow+checker&perPage=5"),
        ("ownership-rules", "query=ownership+rules&perPage=3"),
        ("trait-objects", "query=trait+objects+dyn&perPage=3&snippetLength=500"),
        ("phrase-smart-pointer", "query=%22smart+pointer%22&perPage=3"),
        ("prefix-iterat", "query=iterat*&perPage=3&snippetLength=200"),
        ("page-two-with-prefix", "query=closure&page=1&perPage=2&pathPrefix=src%2Fch13"),
        ("no-results", "query=zzzzqqq"),
    ]

    static let goldenDirectory = packageRoot.appendingPathComponent("Tests/Golden/search-txt")

    /// The server's answers, fetched once per case: each has the documented shape and is
    /// byte for byte its golden file.
    @Test func serverAnswersHaveTheShapeAndMatchTheGoldenFiles() async throws {
        let update = ProcessInfo.processInfo.environment["EYECREST_UPDATE_GOLDEN"] == "1"
        try await withTemporaryDirectory { directory in
            let book = try unpackCorpus("rust-book", into: directory).appendingPathComponent("rust-book")
            let files = try markdownFiles(under: book)
            #expect(files.count > 100)
            try await withTestServer { client in
                try await client.seed("book", files)
                for (name, query) in Self.cases {
                    let result = try await client.call(.get, "/v1/datasets/book/search.txt?\(query)")
                    #expect(result.status == .ok, "\(name): \(result.text)")
                    #expect(result.headers[.contentType] == "text/plain; charset=utf-8", "\(name)")
                    if name != "no-results" { Self.expectDocumentedShape(result.text, name) }
                    let golden = Self.goldenDirectory.appendingPathComponent("\(name).md")
                    if update {
                        try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
                        try Data(result.text.utf8).write(to: golden)
                        continue
                    }
                    let expected = try String(contentsOf: golden, encoding: .utf8)
                    #expect(result.text == expected, "\(name) differs from \(golden.path):\n\(firstDifference(expected, result.text))")
                }
            }
        }
    }

    /// Every hit block: a heading (`#`–`######`) with the heading path, a blank line, a link
    /// `[file:startLine]` to its exact lines; `---` between blank lines separates hits; the
    /// next page is named last.
    static func expectDocumentedShape(_ text: String, _ name: String) {
        let nextPage = text.firstMatch(of: /\n\n\*More results available on page (\d+)\*\n$/)
        let hits = nextPage.map { String(text[..<$0.range.lowerBound]) } ?? text
        let blocks = hits.components(separatedBy: "\n\n---\n\n")
        #expect(!blocks.isEmpty, "\(name)")
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.wholeMatch(of: /#{1,6} \S.*/) != nil, "\(name): \(block)")
            #expect(lines.count > 2 && lines[1].isEmpty, "\(name): \(block)")
            let link = lines.count > 2 ? String(lines[2]) : ""
            let linkPattern = /\[(src\/.+\.md):(\d+)\]\(\/v1\/datasets\/book\/files\/(src\/.+\.md)\?start=(\d+)&end=\d+\)/
            let match = link.wholeMatch(of: linkPattern)
            #expect(match != nil && match?.output.2 == match?.output.4, "\(name): \(link)")
        }
    }

    private func markdownFiles(under root: URL) throws -> [(String, String)] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((name, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    private func firstDifference(_ expected: String, _ actual: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, got.count) where index >= want.count || index >= got.count || want[index] != got[index] {
            return "line \(index + 1):\n- \(index < want.count ? want[index] : "<end>")\n+ \(index < got.count ? got[index] : "<end>")"
        }
        return "(same lines)"
    }
}
