/// Extra index terms for words written with a bracketed mnemonic letter.
///
/// Why: tldr pages (and many CLI docs after them) mark the letter an option stands for
/// inside the word: `e[x]ecute`, `[l]ist`, `[a]rchive`. The tokenizer splits on the
/// brackets, indexing `e`, `x` and `ecute`, so a search for "execute" would miss the page.
/// Appending the word without its brackets fixes that.
public enum MnemonicWords {
    /// Lowercased words of ASCII letters with one to three bracketed letters or digits
    /// (`e[x]ecute` → execute, `[d]ry-run` → dry, `[L]ist` → list), de-duplicated in
    /// first-occurrence order. A bracket group must touch at least one letter outside it,
    /// so task-list boxes (`[x] done`) and links (`[text](url)`) yield nothing.
    public static func words(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { words(of: $0) }
    }

    static func words(of bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        var i = 0
        let n = bytes.count
        while i < n {
            guard isLetter(bytes[i]) || bytes[i] == UInt8(ascii: "[") else { i += 1; continue }
            // A run of letters and bracket groups.
            var word: [UInt8] = []
            var groups = 0
            var outside = 0
            var valid = true
            while i < n {
                let byte = bytes[i]
                if isLetter(byte) {
                    word.append(byte | 0x20)
                    outside += 1
                    i += 1
                } else if byte == UInt8(ascii: "[") {
                    var j = i + 1
                    while j < n, j - i <= 3, isLetter(bytes[j]) || isDigit(bytes[j]) { j += 1 }
                    guard j < n, bytes[j] == UInt8(ascii: "]"), j > i + 1 else { valid = false; i += 1; break }
                    for k in (i + 1)..<j { word.append(isLetter(bytes[k]) ? bytes[k] | 0x20 : bytes[k]) }
                    groups += 1
                    i = j + 1
                    // A link's text is followed by its destination: not a mnemonic.
                    if i < n, bytes[i] == UInt8(ascii: "(") { valid = false }
                } else {
                    break
                }
            }
            guard valid, groups > 0, outside > 0 else { continue }
            let text = String(decoding: word, as: UTF8.self)
            if seen.insert(text).inserted { result.append(text) }
        }
        return result
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
