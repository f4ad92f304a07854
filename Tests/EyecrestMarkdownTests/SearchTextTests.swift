import Testing
@testable import EyecrestMarkdown

@Suite("Search text and MDX")
struct SearchTextTests {
    @Test func jsxComponentsFixture() throws {
        let md = try TestSupport.read("eyecrest-original/parser/jsx-components.mdx")
        let doc = TestSupport.chunk(md, filename: "jsx-components.mdx")
        #expect(TestSupport.problems(doc, content: md, mdx: true).isEmpty)
        #expect(doc.title == "Advanced MDX Example")
        #expect(doc.sections.map(\.slug) == ["", "mdx-with-jsx-components", "code-examples", "inline-jsx", "mixed-content", "conclusion"])
        // Lines 4-7 hold only imports and blank lines: no introduction section.
        #expect(doc.sections.map(\.startLine) == [1, 8, 25, 42, 46, 67])
        #expect(doc.sections.map(\.endLine) == [3, 24, 41, 45, 66, 69])
        let main = doc.sections[1].searchText
        #expect(main.contains("This MDX file demonstrates"))
        #expect(main.contains("Interactive Card"))
        #expect(main.contains("Content inside JSX components with newlines."))
        #expect(main.contains("Click Me"))
        for markup in ["<Card", "className", "onClick", "console.log", "variant", "</Button>", "<h2>"] {
            #expect(!main.contains(markup), "\(markup) should be removed")
        }
        let chart = doc.sections[2].searchText
        #expect(chart.contains("Here's a React component within MDX:"))
        #expect(!chart.contains("showGrid") && !chart.contains("Sample Chart") && !chart.contains("CustomChart"))
        #expect(doc.sections[3].searchText.contains("You can also use inline JSX: Inline within text."))
        // Code is kept verbatim, fence markers are not.
        let mixed = doc.sections[4].searchText
        #expect(mixed.contains("// Code block example\nfunction Component() {"))
        #expect(mixed.contains("      <h1>Hello</h1>"))
        #expect(!mixed.contains("```"))
        #expect(mixed.contains("Another JSX block after code"))
        #expect(!mixed.contains("<Card>"))
    }

    @Test func mdxImportsBeforeFirstHeadingAreNotIndexed() throws {
        let md = "import { A,\n  B } from './x'\nexport const meta = {\n  a: 1\n}\n\nHello intro\n\n# H\n"
        let mdx = TestSupport.chunk(md, filename: "a.mdx")
        #expect(mdx.sections[0].slug == "introduction")
        #expect(mdx.sections[0].searchText == "Hello intro")
        let plain = TestSupport.chunk(md, filename: "a.md")
        #expect(plain.sections[0].searchText.contains("import"))
    }

    @Test func importLinesInsideFencesAreKeptInMDX() {
        let md = "# H\n\n```js\nimport x from 'y'\n```\n"
        #expect(TestSupport.chunk(md, filename: "a.mdx").sections[0].searchText == "import x from 'y'")
    }

    @Test func linksCommentsAndReferenceDefinitions() {
        let md = """
        # Links
        See [the docs](https://example.com/docs "Title") and ![a cat](cat.png).
        Also [ref link][1] and <!-- hidden
        comment --> visible {/* mdx comment */} end.
        [1]: https://example.com/ref
        """
        let text = TestSupport.chunk(md).sections[0].searchText
        #expect(text == "See the docs and a cat.\nAlso ref link and  visible  end.")
    }

    @Test func inlineCodeIsKeptAndIdentifiersAreSplit() {
        let md = "# API\nCall `getUserData()` on the HTTPServer, not snake_case.\n"
        let text = TestSupport.chunk(md).sections[0].searchText
        // camelCase parts, then the joined forms of compounds (`snake_case` → `0isnakecase`).
        #expect(text == "Call getUserData() on the HTTPServer, not snake_case.\nget user data http server 0isnakecase")
    }

    @Test func headingLineIsNotInSearchText() {
        let doc = TestSupport.chunk("# Title here\nbody\n")
        #expect(doc.sections[0].searchText == "body")
    }
}
