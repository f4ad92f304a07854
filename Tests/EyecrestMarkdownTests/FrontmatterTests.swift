import Testing
@testable import EyecrestMarkdown

@Suite("Frontmatter and line handling")
struct FrontmatterTests {
    @Test func frontmatterIsItsOwnSection() {
        let md = "---\ntitle: \"My Doc\"\ndescription: 'It''s short'\ntags: [a, b]\n---\n\n# Intro\n"
        let doc = TestSupport.chunk(md)
        #expect(doc.title == "My Doc")
        #expect(doc.description == "It's short")
        let fm = doc.sections[0]
        #expect(fm.slug == "" && fm.level == 0 && fm.heading == "" && fm.headingPath == [])
        #expect(fm.weight == 1.3)
        #expect(fm.startLine == 1 && fm.endLine == 5)
        #expect(fm.searchText == "My Doc\nIt's short")
        #expect(doc.sections[1].slug == "intro" && doc.sections[1].startLine == 7)
    }

    @Test func dotsCloseFrontmatterAndTrailingSpacesAreAllowed() {
        let doc = TestSupport.chunk("---  \ntitle: Bare value # comment\n...\nBody\n")
        #expect(doc.title == "Bare value")
        #expect(doc.sections.map(\.slug) == ["", "introduction"])
        #expect(doc.sections[0].endLine == 3)
        #expect(doc.sections[1].startLine == 4)
    }

    @Test func frontmatterOnlyFileYieldsOneSection() {
        let doc = TestSupport.chunk("---\ntitle: Only\n---\n")
        #expect(doc.sections.count == 1)
        #expect(doc.sections[0].text == "---\ntitle: Only\n---")
        #expect(doc.title == "Only")
    }

    @Test func blockScalarsAndEmptyValues() {
        let md = "---\ntitle: ''\ndescription: >\n  folded\n  text\nnested:\n  title: no\n---\n"
        let doc = TestSupport.chunk(md)
        #expect(doc.title == nil)
        #expect(doc.description == "folded text")
        #expect(doc.sections[0].searchText == "folded text")
    }

    @Test func frontmatterMustStartOnLineOne() {
        // Line 2 is a thematic break, and `title: x` + `---` is a setext heading.
        let doc = TestSupport.chunk("\n---\ntitle: x\n---\n")
        #expect(doc.title == nil)
        #expect(doc.sections.map(\.slug) == ["introduction", "title-x"])
    }

    @Test func emptyFileHasNoSections() {
        #expect(TestSupport.chunk("").sections.isEmpty)
        #expect(TestSupport.chunk("\n\n").sections.isEmpty)
    }

    @Test func crlfAndBOM() {
        let md = "\u{FEFF}---\r\ntitle: T\r\n---\r\n# One\r\ntext\r\n\r\n## Two\rlone cr\r"
        let doc = TestSupport.chunk(md)
        #expect(doc.title == "T")
        #expect(doc.sections.map(\.slug) == ["", "one", "two"])
        #expect(doc.sections[1].text == "# One\ntext\n")
        #expect(doc.sections[1].startLine == 4 && doc.sections[1].endLine == 6)
        #expect(doc.sections[2].text == "## Two\nlone cr")
        #expect(doc.sections[2].startLine == 7 && doc.sections[2].endLine == 8)
        #expect(TestSupport.problems(doc, content: md).isEmpty)
    }

    @Test func trailingNewlineDoesNotMatter() {
        let a = TestSupport.chunk("# A\ntext\n# B")
        let b = TestSupport.chunk("# A\ntext\n# B\n")
        #expect(a == b)
    }

    @Test func isMarkdown() {
        #expect(Chunker.isMarkdown("a/b.md") && Chunker.isMarkdown("X.MDX") && Chunker.isMarkdown("r.Markdown"))
        #expect(!Chunker.isMarkdown("a.txt") && !Chunker.isMarkdown("md") && !Chunker.isMarkdown("a.mdown.json"))
    }
}
