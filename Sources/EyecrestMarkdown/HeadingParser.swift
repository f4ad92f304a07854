/// What a line is, as far as chunking and search text care.
enum LineKind: UInt8, Sendable {
    case text, blank, fenceOpen, fenceContent, fenceClose, heading, frontmatter, esm, referenceDefinition
}

/// A heading found by the block scanner: its first line (setext headings start at their
/// paragraph), its last line (the underline for setext) and its raw inline content.
struct RawHeading: Sendable {
    var firstLine: Int
    var lastLine: Int
    var level: Int
    var content: [UInt8]
}

/// Block-level scan that finds headings the way CommonMark does, where it matters:
///
/// - ATX: 0-3 spaces, 1-6 `#`, then space/tab/end of line. 4+ spaces is indented code.
/// - Setext: a line of only `=` (level 1) or `-` (level 2) directly under a plain
///   paragraph. A paragraph starting with a list marker, `>`, `|` or `<` is not plain,
///   so a `---` under it stays a thematic break (a deliberate simplification).
/// - Fenced code (``` / ~~~, 0-3 spaces) and HTML comment blocks hide headings; an
///   unclosed fence runs to the end of the file.
/// - For MDX, top-level `import`/`export` statements (multi-line while brackets are
///   open) are classified as `.esm` so they neither form headings nor get indexed.
struct BlockScanner {
    var kinds: [LineKind]
    var headings: [RawHeading] = []

    init(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable, bodyStart: Int, mdx: Bool) {
        kinds = [LineKind](repeating: .text, count: lines.count)
        for i in 0..<min(bodyStart, lines.count) { kinds[i] = .frontmatter }

        var fenceChar: UInt8 = 0, fenceLen = 0, inFence = false
        var inComment = false
        var esmDepth = 0
        var paraStart = -1           // first line of the open paragraph, -1 if none
        var paraPlain = false        // may the open paragraph become a setext heading?

        var i = bodyStart
        while i < lines.count {
            defer { i += 1 }
            let s = lines.starts[i], e = lines.ends[i]
            let (col, p) = Bytes.indent(buf, s, e)
            let blank = p == e

            if inFence {
                if !blank && col <= 3 && Self.closesFence(buf, p, e, fenceChar, fenceLen) {
                    kinds[i] = .fenceClose; inFence = false
                } else {
                    kinds[i] = .fenceContent
                }
                continue
            }
            if inComment {
                if Bytes.find(buf, s, e, "-->") != nil { inComment = false }
                continue
            }
            if esmDepth > 0 {
                kinds[i] = .esm
                esmDepth += Self.bracketBalance(buf, s, e)
                continue
            }
            if blank { kinds[i] = .blank; paraStart = -1; continue }
            if col >= 4 { continue }   // paragraph continuation or indented code

            let c = buf[p]
            if c == 96 || c == 126 {   // ` or ~
                var q = p
                while q < e && buf[q] == c { q += 1 }
                let n = q - p
                if n >= 3 && !(c == 96 && Bytes.find(buf, q, e, "`") != nil) {
                    inFence = true; fenceChar = c; fenceLen = n
                    kinds[i] = .fenceOpen; paraStart = -1
                    continue
                }
            }
            if c == 35, let level = Self.atxLevel(buf, p, e) {   // #
                kinds[i] = .heading; paraStart = -1
                headings.append(RawHeading(firstLine: i, lastLine: i, level: level, content: Self.atxContent(buf, p + level, e)))
                continue
            }
            if c == 60 && Bytes.hasPrefix(buf, p, e, "<!--") {   // <
                if Bytes.find(buf, p + 4, e, "-->") == nil { inComment = true }
                paraStart = -1
                continue
            }
            if (c == 61 || c == 45) && paraStart >= 0 && paraPlain && Self.isUnderline(buf, p, e, c) {
                for k in paraStart...i { kinds[k] = .heading }
                headings.append(RawHeading(firstLine: paraStart, lastLine: i, level: c == 61 ? 1 : 2,
                                           content: Self.paragraphText(buf, lines, paraStart, i - 1)))
                paraStart = -1
                continue
            }
            if (c == 45 || c == 42 || c == 95) && Self.isThematicBreak(buf, p, e) {   // - * _
                paraStart = -1
                continue
            }
            if mdx && paraStart < 0 && col == 0 && Self.startsESM(buf, p, e) {
                kinds[i] = .esm
                esmDepth = max(0, Self.bracketBalance(buf, s, e))
                continue
            }
            if c == 91 && Self.isReferenceDefinition(buf, p, e) {   // [
                kinds[i] = .referenceDefinition
                continue
            }
            let plain = Self.isPlainParagraphLine(buf, p, e)
            if paraStart < 0 || !plain {
                paraStart = i
                paraPlain = plain
            }
        }
    }

    // MARK: - Line predicates

    static func closesFence(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int, _ ch: UInt8, _ len: Int) -> Bool {
        var q = p
        while q < e && buf[q] == ch { q += 1 }
        guard q - p >= len else { return false }
        while q < e && Bytes.isSpaceOrTab(buf[q]) { q += 1 }
        return q == e
    }

    /// Level of an ATX heading starting at `p` (which holds `#`), or nil.
    static func atxLevel(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Int? {
        var q = p
        while q < e && buf[q] == 35 { q += 1 }
        let n = q - p
        guard n >= 1 && n <= 6 else { return nil }
        guard q == e || Bytes.isSpaceOrTab(buf[q]) else { return nil }
        return n
    }

    /// Content of an ATX heading after its opening `#`s: trimmed, with an optional
    /// closing sequence of `#`s (preceded by a space, or making up the whole content)
    /// removed.
    static func atxContent(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ e: Int) -> [UInt8] {
        var (s, t) = Bytes.trim(buf, from, e)
        var q = t
        while q > s && buf[q - 1] == 35 { q -= 1 }
        if q < t && (q == s || Bytes.isSpaceOrTab(buf[q - 1])) {
            t = q
            while t > s && Bytes.isSpaceOrTab(buf[t - 1]) { t -= 1 }
        }
        if s > t { s = t }
        return Array(UnsafeBufferPointer(rebasing: buf[s..<t]))
    }

    static func isUnderline(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int, _ c: UInt8) -> Bool {
        var q = p
        while q < e && buf[q] == c { q += 1 }
        while q < e && Bytes.isSpaceOrTab(buf[q]) { q += 1 }
        return q == e
    }

    /// Three or more `-`, `*` or `_` (the same one), optionally separated by spaces.
    static func isThematicBreak(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
        let c = buf[p]
        var n = 0
        for q in p..<e {
            let b = buf[q]
            if b == c { n += 1 } else if !Bytes.isSpaceOrTab(b) { return false }
        }
        return n >= 3
    }

    /// True for lines that can be (part of) a setext heading's text: not a list item,
    /// blockquote, table row or HTML/JSX line.
    static func isPlainParagraphLine(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
        let c = buf[p]
        switch c {
        case 62, 124, 60: return false                        // > | <
        case 45, 42, 43:                                       // - * +
            return !(p + 1 == e || Bytes.isSpaceOrTab(buf[p + 1]))
        default:
            guard Bytes.isDigit(c) else { return true }
            var q = p
            while q < e && Bytes.isDigit(buf[q]) && q - p < 9 { q += 1 }
            guard q < e, buf[q] == 46 || buf[q] == 41 else { return true }   // . )
            return !(q + 1 == e || Bytes.isSpaceOrTab(buf[q + 1]))
        }
    }

    /// `[label]: destination` (not a footnote `[^1]:`, whose text is content).
    static func isReferenceDefinition(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
        guard p + 1 < e, buf[p + 1] != 94 else { return false }   // ^
        var q = p + 1
        while q < e && buf[q] != 93 {                                // ]
            if buf[q] == 91 { return false }
            if buf[q] == 92 { q += 1 }                               // backslash escape
            q += 1
        }
        guard q + 1 < e, q > p + 1, buf[q + 1] == 58 else { return false }   // :
        var r = q + 2
        while r < e && Bytes.isSpaceOrTab(buf[r]) { r += 1 }
        return r < e
    }

    static func startsESM(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
        guard Bytes.hasPrefix(buf, p, e, "import") || Bytes.hasPrefix(buf, p, e, "export") else { return false }
        guard p + 6 < e else { return false }
        let next = buf[p + 6]
        return Bytes.isSpaceOrTab(next) || next == 123 || next == 42 || next == 34 || next == 39   // { * " '
    }

    /// Opening minus closing brackets outside string literals, for multi-line ESM.
    static func bracketBalance(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var depth = 0
        var quote: UInt8 = 0
        var q = s
        while q < e {
            let c = buf[q]
            if quote != 0 {
                if c == 92 { q += 1 } else if c == quote { quote = 0 }
            } else {
                switch c {
                case 34, 39, 96: quote = c
                case 123, 40, 91: depth += 1
                case 125, 41, 93: depth -= 1
                case 47 where q + 1 < e && buf[q + 1] == 47: return depth   // // comment
                default: break
                }
            }
            q += 1
        }
        return depth
    }

    /// Lines `from...to`, each trimmed, joined by a space.
    static func paragraphText(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable, _ from: Int, _ to: Int) -> [UInt8] {
        var out: [UInt8] = []
        guard from <= to else { return out }
        for k in from...to {
            let (s, e) = Bytes.trim(buf, lines.starts[k], lines.ends[k])
            if s == e { continue }
            if !out.isEmpty { out.append(32) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
        }
        return out
    }
}
