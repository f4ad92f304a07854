/// GitHub-compatible heading anchors (the `github-slugger` algorithm), so that
/// `file.md#slug` links written for GitHub or most docs sites resolve in eyecrest.
public enum Slugger {
    /// Slug of one heading's *displayed* text (inline markdown already removed), without
    /// de-duplication: Unicode-lowercased; every character that is not a letter, mark,
    /// number, connector punctuation (`_`), `-` or an ASCII space is dropped (so emoji,
    /// backticks and punctuation vanish, CJK and accented letters stay); each space
    /// becomes `-` (two spaces give `--`, as on GitHub). May return "".
    public static func slug(_ headingText: String) -> String {
        var text = headingText
        if let ascii = text.withUTF8({ asciiSlug($0) }) { return ascii }
        var out = String.UnicodeScalarView()
        for scalar in headingText.lowercased().unicodeScalars {
            if scalar.isASCII {
                if let kept = keptASCII(UInt8(truncatingIfNeeded: scalar.value)) { out.append(Unicode.Scalar(kept)) }
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                out.append(scalar)
            default:
                break
            }
        }
        return String(out)
    }

    /// Fast path for all-ASCII headings (the common case); nil if there is non-ASCII text.
    private static func asciiSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for c in bytes {
            if c >= 0x80 { return nil }
            if let kept = keptASCII(c) { out.append(kept) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What an ASCII character becomes in a slug: lowercased letter, digit, `-`, `_`,
    /// space → `-`, anything else dropped (nil).
    @inline(__always)
    private static func keptASCII(_ c: UInt8) -> UInt8? {
        if Bytes.isLower(c) || Bytes.isDigit(c) || c == 45 || c == 95 { return c }
        if Bytes.isUpper(c) { return c + 32 }
        if c == 32 { return 45 }
        return nil
    }
}

/// Per-file de-duplication in file order, exactly like `github-slugger`: the second
/// `foo` becomes `foo-1`, the third `foo-2`, and a generated `foo-1` never collides with
/// a heading literally named "Foo 1".
struct SlugRegistry {
    private var occurrences: [String: Int] = [:]

    mutating func unique(_ slug: String) -> String {
        let base = slug.isEmpty ? "section" : slug
        var result = base
        while occurrences[result] != nil {
            let n = (occurrences[base] ?? 0) + 1
            occurrences[base] = n
            result = base + "-" + String(n)
        }
        occurrences[result] = 0
        return result
    }
}
