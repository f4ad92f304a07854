/// Extra index terms for camelCase and PascalCase identifiers.
///
/// Why: the SQLite tokenizer splits `snake_case`, `kebab-case` and `dot.paths` on
/// punctuation by itself, but keeps `getUserData` as one token, so a search for "user"
/// would miss it. Appending the parts to the search text fixes that.
public enum IdentifierSplitter {
    /// Lowercase parts of every camelCase/PascalCase token (ASCII letters and digits) with
    /// at least two parts, de-duplicated across the whole text in first-occurrence order.
    ///
    /// Boundaries: lower/digit → upper (`getUser` → get|user, `utf8Decoder` → utf8|decoder)
    /// and the last capital of an acronym before a lowercase letter (`HTTPServer` →
    /// http|server). Digits stay with the part before them (`parseJSON2` → parse|json2).
    /// Plain words (`hello`, `Hello`, `HELLO`) and tokens containing non-ASCII letters
    /// yield nothing.
    public static func parts(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { parts(of: $0) }
    }

    /// Bit flags: 0 separator, 1 lowercase letter or digit, 2 uppercase letter, 4 non-ASCII byte.
    private static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = 2 }
        for c in 0x80...0xFF { t[c] = 4 }
        return t
    }()

    static func parts(of a: UnsafeBufferPointer<UInt8>) -> [String] {
        let classes = Self.classes
        var result: [String] = []
        var seen = Set<String>()
        var bounds: [Int] = []
        let n = a.count
        var i = 0
        while i < n {
            // Skip to the start of a token.
            while i < n && classes[Int(a[i])] == 0 { i += 1 }
            guard i < n else { break }
            let start = i
            i += 1
            var flags: UInt8 = classes[Int(a[start])] & 4   // upper after start / non-ASCII anywhere
            while i < n {
                let k = classes[Int(a[i])]
                if k == 0 { break }
                flags |= k
                i += 1
            }
            guard flags & 2 != 0 && flags & 4 == 0 else { continue }
            bounds.removeAll(keepingCapacity: true)
            bounds.append(start)
            for k in (start + 1)..<i {
                let c = a[k], prev = a[k - 1]
                guard Bytes.isUpper(c) else { continue }
                if !Bytes.isUpper(prev) {
                    bounds.append(k)                     // lower/digit → upper
                } else if k + 1 < i && Bytes.isLower(a[k + 1]) {
                    bounds.append(k)                     // ACRONYMWord: split before last capital
                }
            }
            guard bounds.count >= 2 else { continue }
            bounds.append(i)
            for b in 0..<(bounds.count - 1) {
                var bytes = [UInt8](UnsafeBufferPointer(rebasing: a[bounds[b]..<bounds[b + 1]]))
                for k in bytes.indices where Bytes.isUpper(bytes[k]) { bytes[k] += 32 }
                let part = String(decoding: bytes, as: UTF8.self)
                if seen.insert(part).inserted { result.append(part) }
            }
        }
        return result
    }
}
