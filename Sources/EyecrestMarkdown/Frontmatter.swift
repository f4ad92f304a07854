/// YAML frontmatter at the very top of a markdown file.
///
/// Rules: line 1 is exactly `---` (trailing spaces allowed) and a later line is `---` or
/// `...`. Without a closer the `---` is an ordinary thematic break and nothing is
/// frontmatter. Only the simple scalars `title` and `description` are read; this is not
/// a YAML parser. Supported value forms: bare, `"double"` (with `\` escapes), `'single'`
/// (with `''`), block scalars `|` / `>`, and bare values continued on more-indented lines.
/// Lists, maps and flow collections are ignored.
struct Frontmatter: Sendable, Equatable {
    /// 0-based index of the closing `---` / `...` line.
    var closerLine: Int
    var title: String?
    var description: String?

    static func detect(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable) -> Frontmatter? {
        guard lines.count >= 2, isMarker(buf, lines, 0, allowDots: false) else { return nil }
        var closer = -1
        for i in 1..<lines.count where isMarker(buf, lines, i, allowDots: true) {
            closer = i
            break
        }
        guard closer > 0 else { return nil }
        var title: String?, description: String?
        for i in 1..<closer {
            let start = lines.starts[i], end = lines.ends[i]
            guard start < end else { continue }
            let first = buf[start]
            if first == 116, title == nil, let v = value(buf, lines, i, closer, key: "title") {          // t
                title = v
            } else if first == 100, description == nil, let v = value(buf, lines, i, closer, key: "description") {   // d
                description = v
            }
        }
        return Frontmatter(
            closerLine: closer,
            title: (title?.isEmpty ?? true) ? nil : title,
            description: (description?.isEmpty ?? true) ? nil : description)
    }

    /// If line `i` is `key: value`, the parsed value (which may continue on following,
    /// more-indented lines before `closer`).
    private static func value(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable, _ i: Int, _ closer: Int,
                              key: StaticString) -> String? {
        let start = lines.starts[i], end = lines.ends[i]
        guard Bytes.hasPrefix(buf, start, end, key) else { return nil }
        var p = Bytes.indent(buf, start + key.utf8CodeUnitCount, end).first
        guard p < end, buf[p] == 58 else { return nil }   // :
        p += 1
        guard p == end || Bytes.isSpaceOrTab(buf[p]) else { return nil }
        let (vs, ve) = Bytes.trim(buf, p, end)
        // Following lines that belong to this value: indented or blank ones.
        var following: [(Int, Int)] = []
        var k = i + 1
        while k < closer {
            let ks = lines.starts[k], ke = lines.ends[k]
            let first = Bytes.indent(buf, ks, ke).first
            if first < ke && first == ks { break }   // next top-level key
            following.append(Bytes.trim(buf, ks, ke))
            k += 1
        }
        while let last = following.last, last.0 == last.1 { following.removeLast() }
        guard let bytes = scalar(buf, vs, ve, following) else { return nil }
        return bytes.withBytes { b in
            let (s, e) = Bytes.trim(b, 0, b.count)
            return String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        }
    }

    private static func scalar(_ buf: UnsafeBufferPointer<UInt8>, _ vs: Int, _ ve: Int, _ following: [(Int, Int)]) -> [UInt8]? {
        guard vs < ve else { return nil }
        let first = buf[vs]
        switch first {
        case 34, 39:   // " '
            // Quoted scalars may continue on following lines; line breaks fold to spaces.
            var joined = Array(UnsafeBufferPointer(rebasing: buf[vs..<ve]))
            for (s, e) in following {
                joined.append(32)
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
            }
            return unquote(joined, quote: first)
        case 124:      // | literal block
            var out: [UInt8] = []
            for (n, (s, e)) in following.enumerated() {
                if n > 0 { out.append(10) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
            }
            return out
        case 62:       // > folded block
            return fold(buf, following)
        case 91, 123, 38, 42, 33:   // [ { & * ! : collections, anchors, tags
            return nil
        default:
            var e = ve
            var q = vs + 1
            while q < ve {   // ` #` starts a comment
                if buf[q] == 35 && Bytes.isSpaceOrTab(buf[q - 1]) { e = q; break }
                q += 1
            }
            return fold(buf, [(vs, e)] + following)
        }
    }

    /// YAML folding: single line breaks become spaces, blank lines become newlines.
    private static func fold(_ buf: UnsafeBufferPointer<UInt8>, _ lines: [(Int, Int)]) -> [UInt8] {
        var out: [UInt8] = []
        var pendingBreak = false
        for (s, e) in lines {
            if s == e { pendingBreak = true; continue }
            if !out.isEmpty { out.append(pendingBreak ? 10 : 32) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
            pendingBreak = false
        }
        return out
    }

    /// Content of a quoted scalar starting at `text[0]`, or nil if it never closes.
    /// Double quotes support `\` escapes (`\n`, `\t`, `\"`, …); single quotes use `''`.
    private static func unquote(_ text: [UInt8], quote: UInt8) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 1
        while i < text.count {
            let c = text[i]
            if c == quote {
                if quote == 39 && i + 1 < text.count && text[i + 1] == 39 { out.append(39); i += 2; continue }
                return out
            }
            if quote == 34 && c == 92 && i + 1 < text.count {
                let escaped = text[i + 1]
                out.append(escaped == 110 ? 10 : escaped == 116 ? 9 : escaped)
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        return nil
    }

    private static func isMarker(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable, _ i: Int, allowDots: Bool) -> Bool {
        let s = lines.starts[i], e = lines.ends[i]
        guard e - s >= 3 else { return false }
        let c = buf[s]
        guard c == 45 || (allowDots && c == 46), buf[s + 1] == c, buf[s + 2] == c else { return false }
        var p = s + 3
        while p < e && Bytes.isSpaceOrTab(buf[p]) { p += 1 }
        return p == e
    }
}
