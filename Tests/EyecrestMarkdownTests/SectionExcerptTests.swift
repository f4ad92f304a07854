import EyecrestMarkdown
import Testing

@Suite("Section excerpts for search.txt")
struct SectionExcerptTests {
    @Test func shortSectionsComeWholeWithoutTheirHeading() {
        let section = "## Install\n\nRun the installer.\n\nThen restart.\n\n"
        #expect(SectionExcerpt.excerpt(of: section, budget: 300) == "Run the installer.\n\nThen restart.")
    }

    /// The section text of a CRLF file keeps its CRLFs (it is a byte range of the file).
    @Test func crlfAndCRSectionsExcerptLikeLF() {
        let lines = ["## Install", "", "Run the installer.", "", "Then restart."] + (1...30).map { "Line \($0) of the notes." }
        let lf = SectionExcerpt.excerpt(of: lines.joined(separator: "\n") + "\n", focus: "Line 20 of", budget: 120)
        #expect(lf.contains("Line 20 of the notes.") && !lf.contains("## Install"))
        for ending in ["\r\n", "\r"] {
            let text = lines.joined(separator: ending) + ending
            #expect(SectionExcerpt.excerpt(of: text, focus: "Line 20 of", budget: 120) == lf)
            // A snippet of a CRLF file spans lines with CRLFs too.
            let focus = ["20 of the notes.", "Line 21 of the notes."].joined(separator: ending)
            #expect(SectionExcerpt.excerpt(of: text, focus: focus, budget: 120) == lf)
        }
        #expect(SectionExcerpt.excerpt(of: "## A\r\n\r\nBody.\r\n", budget: 300) == "Body.")
    }

    @Test func longSectionsKeepWholeLinesAroundTheFocus() {
        let lines = (1...40).map { "Line \($0) says something about topic \($0)." }
        let section = "# Long\n\n" + lines.joined(separator: "\n")
        let excerpt = SectionExcerpt.excerpt(of: section, focus: "about topic 30.", budget: 200)
        #expect(excerpt.hasPrefix("…\n"), "\(excerpt)")
        #expect(excerpt.hasSuffix("\n…"), "\(excerpt)")
        #expect(excerpt.contains("Line 30 says something about topic 30."))
        #expect(excerpt.count <= 200 + 4)
        // Only whole lines of the section, apart from the cut markers.
        for line in excerpt.split(separator: "\n") where line != "…" { #expect(lines.contains(String(line))) }
    }

    @Test func aFocusNearTheTopStartsAtTheTop() {
        let lines = (1...40).map { "Line \($0) is here." }
        let excerpt = SectionExcerpt.excerpt(of: lines.joined(separator: "\n"), focus: "Line 2 is", budget: 100)
        #expect(excerpt.hasPrefix("Line 1 is here."), "\(excerpt)")
        #expect(excerpt.hasSuffix("…"))
    }

    @Test func cutsThroughCodeKeepFencesBalanced() {
        let code = (1...30).map { "    let value\($0) = compute(\($0))" }.joined(separator: "\n")
        let section = "## Code\n\nSome prose.\n\n```rust\n" + code + "\n```\n\nAfter the code."
        let excerpt = SectionExcerpt.excerpt(of: section, focus: "let value20 = compute(20)", budget: 150)
        let fences = excerpt.split(separator: "\n").filter { $0.hasPrefix("```") }
        #expect(fences.count == 2, "\(excerpt)")
        #expect(fences.first == "```rust")
        #expect(excerpt.contains("let value20 = compute(20)"))
    }

    @Test func oneOverlongLineIsCutAtASpace() {
        let line = Array(repeating: "word", count: 200).joined(separator: " ")
        let excerpt = SectionExcerpt.excerpt(of: line, budget: 50)
        #expect(excerpt.count <= 52)
        #expect(excerpt.hasSuffix(" …"))
    }

    @Test func emptyAndHeadingOnlySectionsGiveNothing() {
        #expect(SectionExcerpt.excerpt(of: "", budget: 100) == "")
        #expect(SectionExcerpt.excerpt(of: "## Only a heading\n\n", budget: 100) == "")
    }
}
