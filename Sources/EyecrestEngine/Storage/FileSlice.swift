/// Line slicing for reading a file (DESIGN.md §7: `start`, `end`, `showLineNumbers`).
public enum FileSlice {
    /// Lines `start...end` (1-based, inclusive, clamped to the file) of `content`,
    /// optionally prefixed with their numbers, right-aligned and followed by two spaces.
    public static func render(_ content: String, start: Int? = nil, end: Int? = nil, showLineNumbers: Bool = false) -> String {
        let lines = Self.lines(content)
        let first = max(1, start ?? 1)
        let last = min(lines.count, end ?? lines.count)
        guard first <= last else { return "" }
        let width = String(last).count
        return lines[(first - 1)..<last].enumerated().map { offset, line in
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            guard showLineNumbers else { return String(text) }
            let number = String(first + offset)
            return String(repeating: " ", count: width - number.count) + number + "  " + text
        }.joined(separator: "\n")
    }

    /// How many lines `content` has (a final newline ends the last line, it starts none).
    public static func lineCount(_ content: String) -> Int { lines(content).count }

    private static func lines(_ content: String) -> [Substring] {
        var lines = content.split(separator: "\n", omittingEmptySubsequences: false)
        if content.hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}
