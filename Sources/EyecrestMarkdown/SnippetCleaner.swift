/// Markdown → readable plain text, for result snippets (`cleanedSnippet`).
public enum SnippetCleaner {
    /// Removes markdown syntax but keeps every word a reader would see:
    /// heading markers, emphasis (`*`, `**`, `_`, `__`, `~~`; underscores inside
    /// identifiers like `snake_case` stay), inline-code backticks (code stays), link and
    /// image syntax (text / alt text stays), reference definitions, HTML comments and
    /// tags (text between tags stays), blockquote `>` and list markers, table pipes and
    /// `|---|` separator rows, fence marker lines (code stays). Whitespace runs collapse
    /// to one space and the result is trimmed.
    public static func clean(_ markdown: String) -> String {
        var markdown = markdown
        return markdown.withUTF8 { buf in
            let lines = LineTable(buffer: buf)
            let inline = InlineMarkdown(stripEmphasis: true, tagReplacement: .space, pipesToSpace: true)
            var prose: [UInt8] = []
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var fenceChar: UInt8 = 0, fenceLen = 0, inFence = false

            func flush() {
                guard !prose.isEmpty else { return }
                prose.withBytes { inline.transform($0, 0, $0.count, into: &out) }
                out.append(32)
                prose.removeAll(keepingCapacity: true)
            }

            for i in 0..<lines.count {
                let s = lines.starts[i], e = lines.ends[i]
                var (col, p) = Bytes.indent(buf, s, e)
                if inFence {
                    if col <= 3 && p < e && BlockScanner.closesFence(buf, p, e, fenceChar, fenceLen) {
                        inFence = false
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
                        out.append(32)
                    }
                    continue
                }
                if p == e { prose.append(10); continue }
                let c = buf[p]
                if col <= 3 && (c == 96 || c == 126) {
                    var q = p
                    while q < e && buf[q] == c { q += 1 }
                    if q - p >= 3 && !(c == 96 && Bytes.find(buf, q, e, "`") != nil) {
                        flush()
                        inFence = true; fenceChar = c; fenceLen = q - p
                        continue
                    }
                }
                p = stripBlockMarkers(buf, p, e)
                (col, p) = Bytes.indent(buf, p, e)
                if p == e || isRuleLike(buf, p, e) || (buf[p] == 91 && BlockScanner.isReferenceDefinition(buf, p, e)) {
                    prose.append(10)
                    continue
                }
                prose.append(contentsOf: UnsafeBufferPointer(rebasing: buf[p..<e]))
                prose.append(10)
            }
            flush()
            return collapseWhitespace(out)
        }
    }

    /// Skips blockquote markers, an ATX heading marker (and its closing `#`s are left for
    /// `isRuleLike`/inline text), list markers and task-list boxes at the line start.
    private static func stripBlockMarkers(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ e: Int) -> Int {
        var p = start
        while p < e && buf[p] == 62 {   // >
            p += 1
            p = Bytes.indent(buf, p, e).first
        }
        if p < e && buf[p] == 35, let level = BlockScanner.atxLevel(buf, p, e) {
            return Bytes.indent(buf, p + level, e).first
        }
        if p + 1 < e, buf[p] == 45 || buf[p] == 42 || buf[p] == 43, Bytes.isSpaceOrTab(buf[p + 1]) {
            p = Bytes.indent(buf, p + 1, e).first
        } else if p < e && Bytes.isDigit(buf[p]) {
            var q = p
            while q < e && Bytes.isDigit(buf[q]) { q += 1 }
            if q + 1 < e, buf[q] == 46 || buf[q] == 41, Bytes.isSpaceOrTab(buf[q + 1]) {
                p = Bytes.indent(buf, q + 1, e).first
            }
        }
        if p + 3 < e, buf[p] == 91, buf[p + 2] == 93, Bytes.isSpaceOrTab(buf[p + 3]),
           buf[p + 1] == 32 || buf[p + 1] == 120 || buf[p + 1] == 88 {   // [ ] [x] [X]
            p = Bytes.indent(buf, p + 3, e).first
        }
        return p
    }

    /// Table separator rows, thematic breaks and setext underlines carry no words.
    private static func isRuleLike(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
        var sawRule = false
        for q in p..<e {
            switch buf[q] {
            case 45, 61, 42, 95: sawRule = true
            case 124, 58, 32, 9: break
            default: return false
            }
        }
        return sawRule
    }

    private static func collapseWhitespace(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for c in bytes {
            if Bytes.isWhitespace(c) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(32); pendingSpace = false }
                result.append(c)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
