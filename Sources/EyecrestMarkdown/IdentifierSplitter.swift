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

extension IdentifierSplitter {
    /// The punctuation that joins the parts of a code identifier, a path or a flag:
    /// `user_data`, `a.b.c`, `--dry-run`, `@scope/pkg`, `C:\Windows\System32`, `Array<T>`.
    private static let joiners: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "_.-/\\:@<>#$~+".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Starts every joined form, so that it is a token no word of prose can be, nor start:
    /// a prefix query such as `iterat*` must not match `Iterator::next` as `iteratornext`.
    /// A digit then a letter that no hexadecimal number holds.
    public static let joinedMarker = "0i"

    /// The joined form of every compound identifier in `text`: ``joinedMarker``, then its
    /// ASCII letter and digit parts, lowercased and run together (`user_data` →
    /// `0iuserdata`, `--dry-run` → `0idryrun`, `C:\Windows\System32` →
    /// `0icwindowssystem32`), de-duplicated in first-occurrence order.
    ///
    /// Why: the tokenizer splits such identifiers at their punctuation, so `user_data`
    /// is indexed as `user data`, exactly like the prose "user data". Indexing the joined
    /// form too, and searching a query word's joined form beside its parts, ranks the
    /// sections that hold the identifier itself first. A compound is a run of letters,
    /// digits and ``joiners`` between other characters, with at least two parts and at
    /// most 64 bytes; anything else (spaces, quotes, brackets, non-ASCII) ends it.
    public static func joinedForms(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { joinedForms(of: $0) }
    }

    static func joinedForms(of bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        var joined: [UInt8] = []
        var parts = 0
        var inPart = false
        var length = 0
        func finish() {
            if parts >= 2, length <= 64, !joined.isEmpty {
                let form = joinedMarker + String(decoding: joined, as: UTF8.self)
                if seen.insert(form).inserted { result.append(form) }
            }
            joined.removeAll(keepingCapacity: true)
            parts = 0
            inPart = false
            length = 0
        }
        let classes = Self.classes
        let joiners = Self.joiners
        for byte in bytes {
            let kind = classes[Int(byte)]
            if kind == 1 || kind == 2 {
                if !inPart { parts += 1 }
                inPart = true
                joined.append(Bytes.isUpper(byte) ? byte + 32 : byte)
                length += 1
            } else if joiners[Int(byte)] {
                inPart = false
                length += 1
            } else {
                finish()
            }
        }
        finish()
        return result
    }
}
