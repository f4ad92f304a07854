import EyecrestMarkdown

/// Line slicing for reading a file (`start`, `end`, `showLineNumbers`; docs/api.md).
///
/// Lines are the chunker's (``LineTable``: LF, CRLF and lone CR end a line, a BOM belongs
/// to no line), so lines `startLine...endLine` of a search hit are exactly its section.
public enum FileSlice {
    /// Lines `start...end` (1-based, inclusive, clamped to the file) of `content`, joined
    /// with `\n` whatever their original line endings, optionally prefixed with their
    /// numbers, right-aligned and followed by two spaces.
    public static func render(_ content: String, start: Int? = nil, end: Int? = nil, showLineNumbers: Bool = false) -> String {
        let lines = LineTable.lines(of: content)
        let first = max(1, start ?? 1)
        let last = min(lines.count, end ?? lines.count)
        guard first <= last else { return "" }
        let width = String(last).count
        return (first...last).map { number in
            let text = lines[number - 1]
            guard showLineNumbers else { return text }
            let label = String(number)
            return String(repeating: " ", count: width - label.count) + label + "  " + text
        }.joined(separator: "\n")
    }

    /// How many lines `content` has (a final newline ends the last line, it starts none).
    public static func lineCount(_ content: String) -> Int { LineTable(content).count }
}
