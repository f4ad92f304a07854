import Testing
@testable import EyecrestMarkdown

@Suite("Slugs")
struct SlugTests {
    private func slugs(_ md: String, filename: String = "doc.md") -> [String] {
        TestSupport.chunk(md, filename: filename).sections.map(\.slug)
    }

    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("Hello  World", "hello--world"),
        ("What's new?", "whats-new"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("🎉 Party 🎉", "-party-"),
        ("日本語の見出し", "日本語の見出し"),
        ("Café Crème", "café-crème"),
        ("ÜBER Straße", "über-straße"),
        ("C++ & C#", "c--c"),
        ("v1.2.3 (beta)", "v123-beta"),
        ("", ""),
    ])
    func githubSlug(_ input: String, _ expected: String) {
        #expect(Slugger.slug(input) == expected)
    }

    @Test func slugsUseDisplayedTextWithoutInlineMarkdown() {
        let md = "# The `fetch()` API\n## [Link text](https://example.com) here\n## **Bold** and _em_\n## Emoji 🚀 rocket\n## 🚀\n"
        #expect(slugs(md) == ["the-fetch-api", "link-text-here", "bold-and-em", "emoji--rocket", "section"])
    }

    @Test func duplicatesGetNumberedSuffixesInFileOrder() {
        let md = "# Setup\n## Usage\n## Setup\n## Usage\n## Setup\n## Setup 1\n"
        #expect(slugs(md) == ["setup", "usage", "setup-1", "usage-1", "setup-2", "setup-1-1"])
    }

    @Test func introductionTakesPartInDeduplication() {
        #expect(slugs("Some intro.\n\n# Introduction\n## Introduction\n") == ["introduction", "introduction-1", "introduction-2"])
        #expect(slugs("# Introduction\n") == ["introduction"])
    }

    @Test func explicitIDsWin() {
        let md = "## Title {#custom-id}\n## Other {/* mdx-id */}\n## Again {#custom-id}\n## Not an id {#has space}\n"
        let doc = TestSupport.chunk(md, filename: "x.mdx")
        #expect(doc.sections.map(\.slug) == ["custom-id", "mdx-id", "custom-id-1", "not-an-id-has-space"])
        #expect(doc.sections.map(\.heading) == ["Title", "Other", "Again", "Not an id {#has space}"])
    }

    @Test func chunkPartsShareTheSlug() {
        let para = String(repeating: "word ", count: 30)
        let md = "# Long\n\n" + Array(repeating: para, count: 10).joined(separator: "\n\n") + "\n"
        let doc = TestSupport.chunk(md, max: 400)
        #expect(doc.sections.count > 2)
        #expect(Set(doc.sections.map(\.slug)) == ["long"])
        #expect(doc.sections.map(\.part) == Array(0..<doc.sections.count))
    }
}
