import Testing
@testable import EyecrestMarkdown

@Suite("Random input")
struct PropertyTests {
    private static let pieces: [String] = [
        "#", "# ", "## ", "###### ", "####### ", "`", "```", "~~~", "~", "-", "---", "=", "===", "<", "<!--", "-->",
        "{", "{#id}", "{/*x*/}", "}", "\n", "\r", "\r\n", "\n\n", " ", "    ", "\t", "word", "Title", "getUserData",
        "é", "日本", "🎉", "[a](b)", "![", "](", "*", "_", "> ", "- ", "1. ", "|", "import x from 'y'\n", "export {",
        "<Tag a={() => 1}>", "</Tag>", "\u{FEFF}", "...", "\\",
    ]

    @Test func randomMarkdownNeverBreaksInvariants() {
        var rng = SplitMix64(seed: 2024)
        for iteration in 0..<2_000 {
            let count = Int.random(in: 0...60, using: &rng)
            var md = ""
            for _ in 0..<count { md += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &rng)] }
            let filename = iteration % 3 == 0 ? "r.mdx" : "r.md"
            let max = [8_000, 40, 200][iteration % 3]
            let doc = Chunker(maxChunkBytes: max).chunk(filename: filename, content: md)
            let problems = TestSupport.problems(doc, content: md, tiling: false)
            #expect(problems.isEmpty, "iteration \(iteration): \(problems) for \(md.debugDescription)")
            if !problems.isEmpty { break }
            for s in doc.sections {
                #expect(s.level >= 0 && s.level <= 6)
                #expect(s.slug.isEmpty == (s.weight == 1.3))
            }
            _ = SnippetCleaner.clean(md)
            _ = IdentifierSplitter.parts(of: md)
        }
    }
}
