import Testing
@testable import EyecrestMarkdown

@Suite("Long sections")
struct SplitTests {
    /// Deterministic ~200 KB section of paragraphs and fenced code blocks.
    private func bigSection() -> String {
        var rng = SplitMix64(seed: 7)
        var md = "# Big section\n\nIntro paragraph.\n"
        while md.utf8.count < 200_000 {
            md += "\n"
            let sentences = Int.random(in: 1...8, using: &rng)
            for _ in 0..<sentences {
                md += "Sentence \(Int.random(in: 0...9999, using: &rng)) about chunking and searching markdown. "
                if Bool.random(using: &rng) { md += "\n" }
            }
            md += "\n"
            if Int.random(in: 0..<4, using: &rng) == 0 {
                md += "\n```swift\n"
                for n in 0..<Int.random(in: 1...60, using: &rng) {
                    md += n % 7 == 3 ? "\n" : "let value\(n) = compute(\(n)) // # not a heading\n"
                }
                md += "```\n"
            }
        }
        return md
    }

    /// 1-based line numbers that are fence content or a closing fence line.
    private func insideFence(_ lines: [String]) -> Set<Int> {
        var inside = Set<Int>()
        var open = false
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if open { inside.insert(i + 1) }
                open.toggle()
            } else if open {
                inside.insert(i + 1)
            }
        }
        return inside
    }

    @Test func twoHundredKilobyteSectionSplitsAtParagraphBoundaries() {
        let md = bigSection()
        let lines = TestSupport.lines(of: md)
        let doc = TestSupport.chunk(md)
        #expect(doc.sections.count > 25)
        #expect(TestSupport.problems(doc, content: md).isEmpty)
        #expect(doc.sections.first?.startLine == 1)
        #expect(doc.sections.last?.endLine == lines.count)
        let fence = insideFence(lines)
        for (n, s) in doc.sections.enumerated() {
            #expect(s.part == n && s.slug == "big-section" && s.heading == "Big section" && s.level == 1)
            #expect(s.text.utf8.count <= 8_000)
            #expect(s.text.hasPrefix("# Big section") == (n == 0))
            if n > 0 {
                #expect(doc.sections[n - 1].endLine + 1 == s.startLine, "chunks must tile")
                #expect(lines[s.startLine - 2].isEmpty, "cut after a blank line")
                #expect(!fence.contains(s.startLine), "no cut inside a fence")
            }
        }
    }

    @Test func oversizedFenceIsSplitAtLineBoundaries() {
        let code = (0..<100).map { "line \($0) of a very long code block" }.joined(separator: "\n")
        let md = "# Code\n\nText.\n\n```\n" + code + "\n```\n\nAfter.\n"
        let doc = TestSupport.chunk(md, max: 500)
        #expect(TestSupport.problems(doc, content: md).isEmpty)
        #expect(doc.sections.count > 5)
        #expect(doc.sections.allSatisfy { $0.text.utf8.count <= 500 })
        #expect(doc.sections[0].text == "# Code\n\nText.\n")   // cut before the fence first
    }

    @Test func singleHugeLineStaysWhole() {
        let huge = String(repeating: "x", count: 3_000)
        let md = "# H\n\nshort\n\n\(huge)\n\ntail\n"
        let doc = TestSupport.chunk(md, max: 1_000)
        #expect(TestSupport.problems(doc, content: md).isEmpty)
        #expect(doc.sections.contains { $0.text.contains(huge) && $0.text.utf8.count >= 3_000 })
        #expect(doc.sections.map(\.startLine).first == 1 && doc.sections.last?.endLine == 7)
    }

    @Test func smallSectionIsNotSplit() {
        let doc = TestSupport.chunk("# A\n\npara\n\npara\n", max: 100)
        #expect(doc.sections.count == 1 && doc.sections[0].part == 0)
    }
}

