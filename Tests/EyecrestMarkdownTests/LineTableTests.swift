import Testing
@testable import EyecrestMarkdown

@Suite("Line table")
struct LineTableTests {
    func lines(_ content: String) -> [String] {
        let lines = LineTable.lines(of: content)
        #expect(lines.count == LineTable(content).count)
        return lines
    }

    @Test("LF, CRLF and lone CR each end one line; a trailing newline starts none")
    func lineEndings() {
        for ending in ["\n", "\r\n", "\r"] {
            #expect(lines("a\(ending)b\(ending)\(ending)c") == ["a", "b", "", "c"], "\(ending.debugDescription)")
            #expect(lines("a\(ending)b\(ending)") == ["a", "b"], "\(ending.debugDescription)")
            #expect(lines(ending) == [""], "\(ending.debugDescription)")
        }
        #expect(lines("a\r\n\rb\n\r\nc") == ["a", "", "b", "", "c"], "mixed endings")
        #expect(lines("a\n\r") == ["a", ""], "LF then CR is two line ends, not one")
        #expect(lines("").isEmpty)
        #expect(lines("é\r\n日本\r😀") == ["é", "日本", "😀"])
    }

    @Test("A leading BOM belongs to no line")
    func byteOrderMark() {
        #expect(lines("\u{FEFF}# A\r\nb") == ["# A", "b"])
        #expect(lines("\u{FEFF}").isEmpty)
        #expect(LineTable("\u{FEFF}a").startByte(ofLine: 1) == 3)
        #expect(lines("a\u{FEFF}") == ["a\u{FEFF}"], "only a leading BOM is dropped")
    }

    @Test("startByte gives the byte ranges of whole lines, terminators included")
    func startBytes() {
        let content = "\u{FEFF}ab\r\ncd\ref\n"
        let table = LineTable(content)
        #expect(table.byteCount == 13)
        #expect((1...4).map(table.startByte(ofLine:)) == [3, 7, 10, 13])
        #expect(table.startByte(ofLine: 99) == 13)
        #expect(table.startByte(ofLine: 0) == 3, "before the first line is its start")
        #expect(LineTable("").startByte(ofLine: 1) == 0)
        #expect(LineTable("").startByte(ofLine: 0) == 0)
    }

    @Test("The chunker's section lines are the table's lines, whatever the line endings")
    func chunkerAgreesAcrossLineEndings() {
        let lf = "---\ntitle: T\n---\n\nIntro.\n\n# One\n\ntext\n\nTwo\n===\n\n```\n# not a heading\n```\n"
        let reference = TestSupport.chunk(lf).sections
        #expect(reference.count == 4)
        for ending in ["\r\n", "\r"] {
            let other = lf.replacingOccurrences(of: "\n", with: ending)
            let sections = TestSupport.chunk("\u{FEFF}" + other).sections
            #expect(sections.map { [$0.startLine, $0.endLine] } == reference.map { [$0.startLine, $0.endLine] })
            #expect(sections.map(\.text) == reference.map(\.text), "texts are joined with \\n")
            #expect(sections.map(\.slug) == reference.map(\.slug))
            #expect(sections.last?.endLine == LineTable(other).count)
        }
    }
}
