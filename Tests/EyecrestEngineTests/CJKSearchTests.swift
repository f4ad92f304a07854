@testable import EyecrestEngine
import Foundation
import Testing

extension RelevanceFeatures {
    /// Chinese, Japanese and Korean (docs/engine.md, "CJK text"): every CJK character is a
    /// token and a query word in CJK script is searched as its character pairs, so a word
    /// inside an unspaced sentence is found. Checked on the tldr pages written in them.
    @Suite("CJK search")
    struct CJKSearchTests {
        @Test("Query words become overlapping character pairs; indexed text gets a token per character")
        func segmentation() {
            #expect(CJKText.queryWords("压缩文件") == ["压缩", "缩文", "文件"])
            #expect(CJKText.queryWords("字") == ["字"])
            #expect(CJKText.queryWords("tar压缩") == ["tar", "压缩"])
            #expect(CJKText.queryWords("정규표현식") == ["정규", "규표", "표현", "현식"])
            #expect(CJKText.queryWords("アーカイブ") == ["アー", "ーカ", "カイ", "イブ"])
            #expect(CJKText.queryWords("hello") == nil)
            #expect(CJKText.queryWords("café") == nil)
            #expect(CJKText.spaced("中文 text") == " 中  文  text")
            #expect(CJKText.spaced("plain – text’s") == "plain – text’s", "other non-ASCII text is left alone")
        }

        @Test("tldr pages in Chinese, Japanese and Korean are found by words inside their sentences")
        func tldrPages() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            let root = try TestSupport.corpus("tldr").appendingPathComponent("tldr")
            var files: [FileUpload] = []
            // The first 300 pages of each language (in name order), and grep's and tar's.
            for language in ["zh", "ja", "ko"] {
                let pages = TestSupport.markdownFiles(under: root.appendingPathComponent("pages.\(language)/common"))
                files += pages.enumerated().filter { $0.offset < 300 || ["grep.md", "tar.md"].contains($0.element.filename) }
                    .map { FileUpload(filename: "\(language)/\($0.element.filename)", content: $0.element.content) }
            }
            try await TestSupport.load(files, into: engine, dataset: "tldr", shards: 2)
            func search(_ query: String, perPage: Int = 10) async throws -> SearchResponse {
                try await engine.search(org: "test", dataset: "tldr", SearchRequest(query: query, perPage: perPage))
            }
            // grep's zh summary is "使用 `regex` 式查找文件中的模式。"; its first example "在文件中查找模式".
            let chinese = try await search("文件中查找模式")
            #expect(chinese.terms == ["文件", "件中", "中查", "查找", "找模", "模式"])
            #expect(chinese.hits.first?.filename == "zh/grep.md", "\(chinese.hits.map(\.filename))")
            #expect(chinese.hits.first?.matchedTerms == chinese.terms, "the page holding every pair comes first")
            #expect(chinese.hits.first?.highlights.isEmpty == false, "CJK characters are highlighted")
            let archives = try await search("压缩", perPage: 100)
            #expect(archives.hits.contains { $0.filename == "zh/tar.md" }, "\(archives.hits.map(\.filename))")
            #expect(archives.hits.allSatisfy { $0.filename.hasPrefix("zh/") }, "Chinese characters find Chinese pages")

            let japanese = try await search("正規表現", perPage: 20)
            #expect(japanese.hits.contains { $0.filename == "ja/grep.md" }, "\(japanese.hits.map(\.filename))")
            // Korean attaches particles to words: `정규표현식으로` still holds `정규표현식`.
            let korean = try await search("정규표현식", perPage: 20)
            #expect(korean.hits.contains { $0.filename == "ko/grep.md" }, "\(korean.hits.map(\.filename))")
            // A phrase in quotes is matched as written, character by character.
            let quoted = try await search("\"查找模式\"")
            #expect(quoted.hits.contains { $0.filename == "zh/grep.md" }, "\(quoted.hits.map(\.filename))")
            // Mixed with a Latin word: the command name and a Chinese word.
            let mixed = try await search("tar 压缩")
            #expect(mixed.hits.first?.filename == "zh/tar.md", "\(mixed.hits.map(\.filename))")
        }
    }
}
