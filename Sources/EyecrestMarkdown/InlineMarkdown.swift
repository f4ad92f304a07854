/// Removes inline markdown markup from a run of prose, byte by byte.
///
/// One transformer serves three callers with different options: the search text (keeps
/// emphasis markers, which the tokenizer drops anyway), heading display text and
/// snippets (both remove emphasis). Always: code spans lose their backticks but keep
/// their content verbatim, `[text](url)` / `[text][ref]` keep only `text`, `![alt](src)`
/// keeps `alt`, HTML comments `<!-- -->` and MDX comments `{/* */}` vanish, HTML/JSX tags
/// (`<Tag a="x" b={() => 1}>`, `</Tag>`, `<Tag />`, multi-line) vanish while the text
/// between them stays, and backslash escapes are resolved.
///
/// It is deliberately not a full CommonMark inline parser: it never looks further than
/// the current paragraph (8 KB for a tag) so it stays linear on hostile input.
struct InlineMarkdown {
    enum TagReplacement { case nothing, space }

    var stripEmphasis = false
    var tagReplacement = TagReplacement.space
    var pipesToSpace = false

    private struct Delimiter {
        var position: Int, length: Int, char: UInt8, canOpen: Bool, canClose: Bool, paragraph: Int
    }

    /// Bit 0: always special; bit 1: special when stripping emphasis; bit 2: pipe.
    private static let specials: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in "\\`<{![]".utf8 { t[Int(c)] = 1 }
        for c in "*_~".utf8 { t[Int(c)] = 2 }
        t[Int(UInt8(ascii: "|"))] = 4
        return t
    }()

    func transform(_ a: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into out: inout [UInt8]) {
        let mask: UInt8 = 1 | (stripEmphasis ? 2 : 0) | (pipesToSpace ? 4 : 0)
        let specials = Self.specials
        var links: [(close: Int, resume: Int)] = []
        var delimiters: [Delimiter] = []
        var paraEnd = lo          // end of the paragraph containing the cursor (cached)
        var codeFail = [Int](repeating: -1, count: 8)   // run length -> paraEnd with no closer
        var i = lo

        func paragraphEnd(_ at: Int) -> Int {
            if at < paraEnd { return paraEnd }
            var q = at
            while q < hi {
                if a[q] == 10 {
                    var r = q + 1
                    while r < hi && (a[r] == 32 || a[r] == 9 || a[r] == 13) { r += 1 }
                    if r >= hi || a[r] == 10 { paraEnd = q; return q }
                    q = r
                } else {
                    q += 1
                }
            }
            paraEnd = hi
            return hi
        }

        while i < hi {
            if let last = links.last, last.close < i { links.removeLast(); continue }
            // Fast path: copy a run of ordinary bytes.
            var j = i
            while j < hi && specials[Int(a[j])] & mask == 0 { j += 1 }
            if j > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: a[i..<j]))
                i = j
                continue
            }
            let c = a[i]
            switch c {
            case 92:   // backslash escape
                if i + 1 < hi && Bytes.isPunct(a[i + 1]) { out.append(a[i + 1]); i += 2 } else { out.append(c); i += 1 }
            case 96:   // code span
                var q = i
                while q < hi && a[q] == 96 { q += 1 }
                let n = q - i
                let end = paragraphEnd(i)
                if n < 8 && codeFail[n] == end {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: a[i..<q])); i = q; continue
                }
                if let close = Self.findBacktickRun(a, q, end, n) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: a[q..<close]))
                    i = close + n
                } else {
                    if n < 8 { codeFail[n] = end }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: a[i..<q])); i = q
                }
            case 60:   // <
                if Bytes.hasPrefix(a, i, hi, "<!--") {
                    i = Bytes.find(a, i + 4, hi, "-->").map { $0 + 3 } ?? hi
                } else if let end = Self.tagEnd(a, i, hi) {
                    // A tag separates words (`a<br>b`), but never doubles a space.
                    if tagReplacement == .space, let last = out.last, !Bytes.isWhitespace(last),
                       end < hi, !Bytes.isWhitespace(a[end]) {
                        out.append(32)
                    }
                    i = end
                } else {
                    out.append(c); i += 1
                }
            case 123:  // { possibly an MDX comment
                if i + 2 < hi && a[i + 1] == 47 && a[i + 2] == 42, let close = Bytes.find(a, i + 3, hi, "*/") {
                    var q = close + 2
                    while q < hi && Bytes.isSpaceOrTab(a[q]) { q += 1 }
                    if q < hi && a[q] == 125 { q += 1 }
                    i = q
                } else {
                    out.append(c); i += 1
                }
            case 33:   // ! image
                if i + 1 < hi && a[i + 1] == 91, let link = Self.linkEnd(a, i + 1, paragraphEnd(i)) {
                    links.append(link); i += 2
                } else {
                    out.append(c); i += 1
                }
            case 91:   // [
                if let link = Self.linkEnd(a, i, paragraphEnd(i)) { links.append(link) } else { out.append(c) }
                i += 1
            case 93:   // ]
                if let last = links.last, last.close == i { links.removeLast(); i = last.resume } else { out.append(c); i += 1 }
            case 124:  // |
                out.append(32); i += 1
            default:   // * _ ~
                var q = i
                while q < hi && a[q] == c { q += 1 }
                let n = q - i
                if c != 126 || n <= 2 {
                    let prev: UInt8 = i > lo ? a[i - 1] : 32
                    let next: UInt8 = q < hi ? a[q] : 32
                    let prevWS = Bytes.isWhitespace(prev), nextWS = Bytes.isWhitespace(next)
                    let prevP = Bytes.isPunct(prev), nextP = Bytes.isPunct(next)
                    let left = !nextWS && (!nextP || prevWS || prevP)
                    let right = !prevWS && (!prevP || nextWS || nextP)
                    let canOpen = c == 95 ? left && (!right || prevP) : left
                    let canClose = c == 95 ? right && (!left || nextP) : right
                    if canOpen || canClose {
                        delimiters.append(Delimiter(position: out.count, length: n, char: c,
                                                    canOpen: canOpen, canClose: canClose, paragraph: paragraphEnd(i)))
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: a[i..<q]))
                i = q
            }
        }
        if !delimiters.isEmpty { Self.removeMatched(delimiters, from: &out) }
    }

    /// Pairs emphasis delimiter runs (closer with the nearest compatible opener in the
    /// same paragraph) and deletes the matched runs from `out`; unmatched runs stay.
    private static func removeMatched(_ delimiters: [Delimiter], from out: inout [UInt8]) {
        var remove = [Bool](repeating: false, count: delimiters.count)
        var openers: [Int] = []
        for (k, d) in delimiters.enumerated() {
            if let top = openers.last, delimiters[top].paragraph != d.paragraph { openers.removeAll() }
            if d.canClose, let idx = openers.lastIndex(where: {
                delimiters[$0].char == d.char && (d.char != 126 || delimiters[$0].length == d.length)
            }) {
                remove[openers[idx]] = true
                remove[k] = true
                openers.removeSubrange(idx...)
                continue
            }
            if d.canOpen { openers.append(k) }
        }
        guard let first = remove.firstIndex(of: true) else { return }
        var result = Array(out[..<delimiters[first].position])
        result.reserveCapacity(out.count)
        var cursor = delimiters[first].position
        for (k, d) in delimiters.enumerated() where k >= first && remove[k] {
            result.append(contentsOf: out[cursor..<d.position])
            cursor = d.position + d.length
        }
        result.append(contentsOf: out[cursor...])
        out = result
    }

    /// Start of the next run of exactly `n` backticks in `a[from..<end]`.
    static func findBacktickRun(_ a: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ n: Int) -> Int? {
        var q = from
        while q < end {
            if a[q] == 96 {
                var r = q
                while r < end && a[r] == 96 { r += 1 }
                if r - q == n { return q }
                q = r
            } else {
                q += 1
            }
        }
        return nil
    }

    /// For `[` at `i`: the matching `]` and where to resume after the link destination
    /// (`(url "title")` or `[ref]`), or nil when this is not a link.
    static func linkEnd(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (close: Int, resume: Int)? {
        let limit = min(end, i + 4096)
        var depth = 0
        var q = i + 1
        var close = -1
        while q < limit {
            let c = a[q]
            if c == 92 { q += 2; continue }
            if c == 91 { depth += 1 } else if c == 93 {
                if depth == 0 { close = q; break }
                depth -= 1
            }
            q += 1
        }
        guard close >= 0, close + 1 < end else { return nil }
        let opener = a[close + 1]
        if opener == 40 {   // (
            var parens = 0
            var r = close + 2
            let destLimit = min(end, r + 4096)
            while r < destLimit {
                let c = a[r]
                if c == 92 { r += 2; continue }
                if c == 40 { parens += 1 } else if c == 41 {
                    if parens == 0 { return (close, r + 1) }
                    parens -= 1
                }
                r += 1
            }
            return nil
        }
        if opener == 91 {   // [ref]
            var r = close + 2
            let refLimit = min(end, r + 1000)
            while r < refLimit {
                let c = a[r]
                if c == 91 { return nil }
                if c == 93 { return (close, r + 1) }
                r += 1
            }
        }
        return nil
    }

    /// For `<` at `i`: the index after the closing `>` of an HTML/JSX tag, or nil.
    /// Attribute values in quotes and `{...}` expressions (which may contain `>`, `<` and
    /// newlines) are skipped. A bare `<` (`a < b`, `<https://...>`) is not a tag.
    static func tagEnd(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        var q = i + 1
        if q < hi && a[q] == 47 { q += 1 }   // /
        guard q < hi, Bytes.isAlpha(a[q]) else { return nil }
        while q < hi && (Bytes.isAlnum(a[q]) || a[q] == 45 || a[q] == 95 || a[q] == 46) { q += 1 }
        guard q < hi else { return nil }
        let after = a[q]
        guard Bytes.isWhitespace(after) || after == 47 || after == 62 else { return nil }
        let limit = min(hi, i + 8192)
        var depth = 0
        var quote: UInt8 = 0
        while q < limit {
            let c = a[q]
            if quote != 0 {
                if c == quote { quote = 0 } else if c == 92 && depth > 0 { q += 1 } else if c == 10 && depth == 0 { return nil }
            } else if depth > 0 {
                switch c {
                case 123: depth += 1
                case 125: depth -= 1
                case 34, 39, 96: quote = c
                default: break
                }
            } else {
                switch c {
                case 62: return q + 1
                case 123: depth = 1
                case 34, 39: quote = c
                case 60: return nil
                default: break
                }
            }
            q += 1
        }
        return nil
    }
}
