import GRDB

/// Chinese, Japanese and Korean text, which does not put spaces between words: SQLite's
/// unicode61 tokenizer would read a whole run of such characters as one token, so a word
/// inside a sentence could never match. Each CJK character is made a token of its own,
/// in the index (``spaced(_:)``) and in queries, and a query word written in them is
/// searched as its overlapping character pairs (``queryWords(_:)``), as Lucene's CJK
/// analyzer does: `压缩文件` is `压缩 缩文 文件`, each pair a two-token phrase. Matching needs
/// no dictionary, and a section holding only some of the pairs still ranks in the
/// relaxed pass.
enum CJKText {
    /// Han (with its extensions and compatibility ideographs), Hiragana, Katakana and
    /// Hangul (syllables and jamo).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3040...0x30FF, 0x3130...0x318F, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3134F:
            true
        default: false
        }
    }

    /// Whether a UTF-8 byte can start a CJK character: 0xE3–0xED (kana, CJK symbols,
    /// Han, Hangul syllables), 0xE1 (Hangul jamo), 0xEF (compatibility ideographs,
    /// half-width katakana), 0xF0 (Han extensions). Not 0xE2, which starts the curly
    /// quotes, dashes and arrows of English prose.
    @inline(__always)
    static func mayStartCJK(_ byte: UInt8) -> Bool {
        (byte >= 0xE3 && byte <= 0xED) || byte == 0xE1 || byte == 0xEF || byte == 0xF0
    }

    /// Whether the UTF-8 text can hold a CJK character: a byte test that English text,
    /// typographic punctuation included, fails without decoding a character.
    static func mayContainCJK(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where mayStartCJK(byte) { return true }
            return false
        }
    }

    /// `text` with spaces around every CJK character, so each is a token.
    static func spaced(_ text: String) -> String {
        guard mayContainCJK(text), text.unicodeScalars.contains(where: isCJK) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                result.append(" ")
                result.append(scalar)
                result.append(" ")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A query word as the words it is searched as: each run of CJK characters as its
    /// overlapping pairs (a lone character as itself), the rest as written; nil when the
    /// word holds no CJK character.
    static func queryWords(_ word: String) -> [String]? {
        guard mayContainCJK(word), word.unicodeScalars.contains(where: isCJK) else { return nil }
        var words: [String] = []
        var run: [Unicode.Scalar] = []
        var other = String.UnicodeScalarView()
        func flushRun() {
            if run.count == 1 { words.append(String(run[0])) }
            for index in run.indices.dropLast() { words.append(String(run[index]) + String(run[index + 1])) }
            run = []
        }
        func flushOther() {
            if !other.isEmpty { words.append(String(other)) }
            other = String.UnicodeScalarView()
        }
        for scalar in word.unicodeScalars {
            if isCJK(scalar) {
                flushOther()
                run.append(scalar)
            } else {
                flushRun()
                other.append(scalar)
            }
        }
        flushRun()
        flushOther()
        return words
    }
}

extension FTS5Tokenizer {
    /// The index tokens of a query's text (a word, a phrase, a synonym): the tokenizer's,
    /// with CJK characters one token each (``CJKText``).
    func indexTokens(ofQuery text: String) throws -> [String] {
        try tokenize(query: CJKText.spaced(text)).filter { !$0.flags.contains(.colocated) }.map(\.token)
    }
}
