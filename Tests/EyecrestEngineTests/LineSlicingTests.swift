@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// A file read with `start`/`end` and the chunker's line numbers must mean the same lines,
/// whatever the file's line endings: a search hit's `startLine...endLine` read back
/// through ``FileSlice`` is exactly its section.
@Suite("Line slicing agrees with the chunker")
struct LineSlicingTests {
    /// Lines by an independent definition: over Unicode scalars, not the byte table.
    static func referenceLines(_ content: String) -> [String] {
        var scalars = Array(content.unicodeScalars)[...]
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    @Test("CRLF, lone CR and mixed files slice by line, like LF files")
    func crlfFilesSlice() {
        let lines = ["# Title", "", "Intro line.", "", "## Install", "", "Run the installer.", "Then restart.", "", "## Configure"]
        for ending in ["\n", "\r\n", "\r"] {
            for finalNewline in [false, true] {
                let content = lines.joined(separator: ending) + (finalNewline ? ending : "")
                let tag = "\(ending.debugDescription), final newline \(finalNewline)"
                #expect(FileSlice.render(content, start: 7, end: 9) == "Run the installer.\nThen restart.\n", "\(tag)")
                #expect(FileSlice.render(content, start: 7, end: 8, showLineNumbers: true) == "7  Run the installer.\n8  Then restart.", "\(tag)")
                #expect(FileSlice.render(content, start: 10, end: 99) == "## Configure", "\(tag)")
                #expect(FileSlice.render(content, start: 11) == "", "\(tag)")
                #expect(FileSlice.lineCount(content) == 10, "\(tag)")
                #expect(FileSlice.render(content) == lines.joined(separator: "\n"), "\(tag)")
            }
        }
        let mixed = "\u{FEFF}# A\r\nb\rc\n\r\nd"
        #expect(FileSlice.render(mixed, start: 1, end: 2) == "# A\nb", "the BOM is not part of line 1")
        #expect(FileSlice.render(mixed, start: 3, end: 5, showLineNumbers: true) == "3  c\n4  \n5  d")
        #expect(FileSlice.lineCount(mixed) == 5)
        #expect(FileSlice.lineCount("") == 0 && FileSlice.render("", start: 1, end: 1) == "")
    }

    /// Every section's `startLine...endLine`, read through the slicer, is its text; the
    /// byte range the store keeps for it holds the same lines; no section ends past
    /// `lineCount`; and the file reads back as the independent reference's lines.
    static func problems(filename: String, content: String) -> [String] {
        let document = Chunker().chunk(filename: filename, content: content)
        var problems: [String] = []
        let reference = referenceLines(content)
        let lineCount = FileSlice.lineCount(content)
        if lineCount != reference.count { problems.append("\(filename): lineCount \(lineCount), reference \(reference.count)") }
        let bytes = Data(content.utf8)
        let rows = SectionRow.rows(of: document, content: bytes, filename: filename, fileWeight: 1)
        for (section, row) in zip(document.sections, rows) {
            let tag = "\(filename):\(section.startLine)-\(section.endLine)"
            guard section.endLine <= min(lineCount, reference.count) else {
                problems.append("\(tag): ends past line \(lineCount)")
                continue
            }
            let sliced = FileSlice.render(content, start: section.startLine, end: section.endLine)
            if sliced != section.text { problems.append("\(tag): slice differs from the section's text") }
            let expected = reference[(section.startLine - 1)..<section.endLine].joined(separator: "\n")
            if sliced != expected { problems.append("\(tag): slice differs from the reference lines") }
            let stored = String(decoding: bytes[row.startByte..<row.endByte], as: UTF8.self)
            if referenceLines(stored).joined(separator: "\n") != expected { problems.append("\(tag): stored byte range holds other lines") }
        }
        return problems
    }

    @Test("Sections select exactly their lines in the real corpora, as LF, CRLF and CR files",
          arguments: ["rust-book", "astro-docs", "tldr"])
    func corpusSectionsSliceExactly(corpus: String) throws {
        let files = TestSupport.markdownFiles(under: try TestSupport.corpus(corpus), limit: 300)
        #expect(files.count >= 100)
        var problems: [String] = []
        for file in files {
            let content = String(decoding: file.content, as: UTF8.self)
            let lf = content.replacingOccurrences(of: "\r\n", with: "\n")
            for variant in [content, lf.replacingOccurrences(of: "\n", with: "\r\n"), lf.replacingOccurrences(of: "\n", with: "\r")] {
                problems += Self.problems(filename: file.filename, content: variant)
            }
            if problems.count > 10 { break }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("Sections select exactly their lines in random documents with mixed line endings")
    func randomDocumentsSliceExactly() {
        let pieces = ["# ", "## ", "Title", "word", "`", "```", "---", "===", "title: x", "- item", "é", "日本", "😀", " ", "\t",
                      "<!--", "-->", "{#id}", "import x from 'y'"]
        let endings = ["\n", "\r\n", "\r"]
        var random = SplitMix64(seed: 13)
        for iteration in 0..<1_500 {
            var content = random.next(below: 5) == 0 ? "\u{FEFF}" : ""
            for _ in 0..<random.next(below: 30) {
                for _ in 0..<random.next(below: 4) { content += pieces[random.next(below: pieces.count)] }
                content += endings[random.next(below: endings.count)]
            }
            if random.next(below: 2) == 0 { content += pieces[random.next(below: pieces.count)] }
            let filename = iteration % 2 == 0 ? "r.md" : "r.mdx"
            let problems = Self.problems(filename: filename, content: content)
            #expect(problems.isEmpty, "iteration \(iteration): \(problems) in \(content.debugDescription)")
            if !problems.isEmpty { break }
        }
    }
}
