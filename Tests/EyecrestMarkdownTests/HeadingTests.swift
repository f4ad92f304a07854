import Testing
@testable import EyecrestMarkdown

@Suite("Headings")
struct HeadingTests {
    private func headings(_ md: String) -> [String] {
        TestSupport.chunk(md).sections.filter { $0.level > 0 }.map(\.heading)
    }

    @Test func hashLinesInsideBacktickAndTildeFencesAreNotHeadings() {
        let md = "# Real\n\n```bash\n# comment\n## also\n```\n\n~~~\n# tilde\n~~~\n\n## Next\n"
        let doc = TestSupport.chunk(md)
        #expect(doc.sections.map(\.heading) == ["Real", "Next"])
        #expect(doc.sections[0].startLine == 1 && doc.sections[0].endLine == 11)
        #expect(doc.sections[1].startLine == 12 && doc.sections[1].endLine == 12)
    }

    @Test func fenceClosesOnlyWithSameCharAndEnoughLength() {
        let md = "````\n```\n# inside\n~~~~\n# still inside\n````\n# after"
        #expect(headings(md) == ["after"])
    }

    @Test func unclosedFenceRunsToEndOfFile() {
        let md = "# Top\n\n```js\n# not a heading\n## nope\n"
        let doc = TestSupport.chunk(md)
        #expect(doc.sections.count == 1)
        #expect(doc.sections[0].endLine == 5)
    }

    @Test func htmlCommentsHideHeadings() {
        let md = "# A\n<!--\n# hidden\n-->\n<!-- # inline --> \n## B"
        #expect(headings(md) == ["A", "B"])
    }

    @Test func atxClosingHashesAreStripped() {
        #expect(headings("# Title ##\n## Other #####   \n### C#\n#### ###\n") == ["Title", "Other", "C#", ""])
    }

    @Test func atxNeedsSpaceAndAtMostSixHashes() {
        #expect(headings("#hashtag\n####### seven\n###### six\n#\n") == ["six", ""])
    }

    @Test func upToThreeLeadingSpacesMakeAHeadingFourMakeCode() {
        let doc = TestSupport.chunk(" # one\n  ## two\n   ### three\n    #### code\n")
        #expect(doc.sections.map(\.heading) == ["one", "two", "three"])
        #expect(doc.sections[2].endLine == 4)
    }

    @Test func setextHeadings() {
        let md = "Title\n=====\n\nSub title\nspanning lines\n---\ntext\n"
        let doc = TestSupport.chunk(md)
        #expect(doc.sections.map(\.heading) == ["Title", "Sub title spanning lines"])
        #expect(doc.sections.map(\.level) == [1, 2])
        #expect(doc.sections[1].startLine == 4)
        #expect(doc.sections[0].endLine == 3)
        #expect(doc.sections[1].searchText == "text")
    }

    @Test func thematicBreaksAreNotSetextHeadings() {
        // After a blank line, after a heading, after a fence, under a list item,
        // blockquote, table row or HTML line.
        let md = """
        Intro text

        ---
        # H
        ---
        ```
        code
        ```
        ---
        - item
        ---
        > quote
        ---
        | a | b |
        ---
        <div>x</div>
        ---
        """
        let doc = TestSupport.chunk(md)
        #expect(doc.sections.map(\.slug) == ["introduction", "h"])
        #expect(doc.sections[0].startLine == 1 && doc.sections[0].endLine == 3)
        #expect(doc.sections[1].startLine == 4 && doc.sections[1].endLine == 17)
    }

    @Test func dashesOnLineOneWithoutCloserAreContent() {
        let doc = TestSupport.chunk("---\ntitle: not frontmatter\n# Real\n")
        #expect(doc.title == nil)
        #expect(doc.sections.map(\.slug) == ["introduction", "real"])
        #expect(doc.sections[0].startLine == 1 && doc.sections[0].endLine == 2)
        #expect(doc.sections[0].weight == 1.0)
    }

    @Test func headingOnLastLineWithoutNewline() {
        let doc = TestSupport.chunk("text\n\n## Last")
        #expect(doc.sections.count == 2)
        #expect(doc.sections[1].heading == "Last")
        #expect(doc.sections[1].startLine == 3 && doc.sections[1].endLine == 3)
        #expect(doc.sections[1].text == "## Last")
        #expect(doc.sections[1].searchText == "")
    }

    @Test func headingPathIsAStackByLevel() {
        let md = "# Guide\n### Deep\n## Install\n### Linux\n## Usage\n# Other\n"
        let paths = TestSupport.chunk(md).sections.map { $0.headingPath.joined(separator: " > ") }
        #expect(paths == ["Guide", "Guide > Deep", "Guide > Install", "Guide > Install > Linux", "Guide > Usage", "Other"])
    }

    @Test func headingTextHasInlineMarkdownRemoved() {
        let hs = headings("# Use `fetch()` with **care**\n## [Docs](https://x.y) and _more_\n## snake_case <Badge>new</Badge>\n")
        #expect(hs == ["Use fetch() with care", "Docs and more", "snake_case new"])
    }

    @Test func sectionsRunToLineBeforeNextHeading() {
        let doc = TestSupport.chunk("Intro\n\n# A\n\ntext\n\n## B\n\n")
        #expect(doc.sections.map { [$0.startLine, $0.endLine] } == [[1, 2], [3, 6], [7, 8]])
    }

    @Test func blankOnlyGapBeforeFirstHeadingIsNoIntroduction() {
        let doc = TestSupport.chunk("\n  \n# A\n")
        #expect(doc.sections.map(\.slug) == ["a"])
    }
}
