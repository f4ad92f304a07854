import Foundation
@testable import EyecrestMarkdown

/// Shared helpers for the EyecrestMarkdown tests.
enum TestSupport {
    /// `../shared/testdata` relative to the package root (the directory holding
    /// Package.swift, found by walking up from this file).
    static func testdata(_ relative: String, filePath: String = #filePath) -> URL {
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { break }
            dir = dir.deletingLastPathComponent()
        }
        return dir.deletingLastPathComponent().appendingPathComponent("shared/testdata").appendingPathComponent(relative)
    }

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: testdata(relative), encoding: .utf8)
    }

    static func chunk(_ content: String, filename: String = "doc.md", max: Int = 8_000) -> ChunkedDocument {
        Chunker(maxChunkBytes: max).chunk(filename: filename, content: content)
    }

    /// Lines as the chunker counts them: BOM dropped, CRLF / CR / LF breaks, no extra
    /// line after a trailing newline.
    static func lines(of content: String) -> [String] {
        var s = content
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        var lines: [String] = []
        var current: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let c = bytes.popFirst() {
            if c == 10 || c == 13 {
                lines.append(String(decoding: current, as: UTF8.self))
                current = []
                if c == 13 && bytes.first == 10 { bytes.removeFirst() }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    /// Structural problems of a chunking result (empty when sane): ranges inside the
    /// file, in order, non-overlapping, text equal to the lines, slugs unique except for
    /// consecutive parts of one section. With `tiling`, every line that no section covers
    /// must be blank (or, with `mdx`, an import/export line).
    static func problems(_ doc: ChunkedDocument, content: String, tiling: Bool = true, mdx: Bool = false) -> [String] {
        let lines = lines(of: content)
        var issues: [String] = []
        var previousEnd = 0
        var seenSlugs = Set<String>()
        var covered = [Bool](repeating: false, count: lines.count + 1)
        for (n, s) in doc.sections.enumerated() {
            let tag = "section \(n) [\(s.slug)#\(s.part)] \(s.startLine)-\(s.endLine)"
            guard s.startLine >= 1, s.startLine <= s.endLine, s.endLine <= lines.count else {
                issues.append("\(tag): range outside 1...\(lines.count)"); continue
            }
            if s.startLine <= previousEnd { issues.append("\(tag): overlaps or out of order (previous end \(previousEnd))") }
            previousEnd = s.endLine
            let expected = lines[(s.startLine - 1)...(s.endLine - 1)].joined(separator: "\n")
            if s.text != expected { issues.append("\(tag): text differs from its lines") }
            for l in s.startLine...s.endLine { covered[l] = true }
            if s.part == 0 {
                if !seenSlugs.insert(s.slug).inserted { issues.append("\(tag): duplicate slug") }
            } else {
                let prev = doc.sections[n - 1]
                if prev.slug != s.slug || prev.part != s.part - 1 || prev.endLine + 1 != s.startLine {
                    issues.append("\(tag): part does not continue the previous chunk")
                }
            }
        }
        if tiling {
            for l in 1...max(1, lines.count) where l <= lines.count && !covered[l] {
                let line = lines[l - 1]
                if mdx && (line.hasPrefix("import ") || line.hasPrefix("export ")) { continue }
                if !line.allSatisfy({ $0 == " " || $0 == "\t" }) { issues.append("line \(l) not covered: \(lines[l - 1])") }
            }
        }
        return issues
    }
}
