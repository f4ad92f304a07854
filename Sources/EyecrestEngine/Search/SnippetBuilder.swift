import EyecrestMarkdown
import Foundation
import GRDB

/// Picks the window of a section that best shows why it matched, and marks the matches.
///
/// Matching uses the index's own tokenizer (porter + unicode61), so a highlight lands
/// exactly where the index found a match: "configuring" lights up for the query "configure".
/// It runs only for the hits of the page being returned, never for every matching row.
///
/// Stemming a whole long section to place one window was the largest cost of a search
/// (measured on the Rust book, whose sections average 2 KB), so the window is chosen
/// first from a cheap byte scan for each stem's leading letters (a superset of the real
/// matches), and only the window is tokenized to place exact highlights. When the scan
/// finds nothing (a stem that is not a prefix of its word, a folded diacritic), the
/// first ``fallbackScan`` bytes are tokenized instead.
struct SnippetBuilder {
    let tokenizer: any FTS5Tokenizer
    let terms: [(bytes: [UInt8], isPrefix: Bool)]
    /// Lowercase ASCII leading bytes of each stem, searched case-insensitively.
    let probes: [[UInt8]]
    /// `probeStarts[byte]`: whether some probe starts with that (lowercased) byte.
    let probeStarts: [Bool]

    static let matchLimit = 32
    static let fallbackScan = 4_096

    init(tokenizer: any FTS5Tokenizer, terms: [HighlightToken]) {
        self.tokenizer = tokenizer
        // In query order, never a `Set`'s: the order breaks ties between terms (which
        // one a word counts for), and a hashed order changes from one process to the next.
        var seen = Set<HighlightToken>()
        self.terms = terms.filter { seen.insert($0).inserted }.map { (Array($0.token.utf8), $0.isPrefix) }
        // "happi" (happy) and "configur" (configuring) keep their first letters; dropping
        // the last one also covers y→i and e-dropping stems.
        probes = self.terms.map { term in
            let keep = term.bytes.count > 3 ? term.bytes.count - 1 : term.bytes.count
            return Array(term.bytes.prefix(keep))
        }
        var probeStarts = [Bool](repeating: false, count: 256)
        for probe in probes { if let first = probe.first { probeStarts[Int(first)] = true } }
        self.probeStarts = probeStarts
    }

    struct Snippet {
        var text: String
        var highlights: [Highlight]
        var cleaned: String
    }

    func snippet(of text: String, length: Int) -> Snippet {
        let bytes = Array(text.utf8)
        // Bytes per character, so that CJK windows hold about `length` characters too.
        let sample = bytes.prefix(Self.fallbackScan)
        let scalarCount = max(1, sample.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        let window = max(length, length * sample.count / scalarCount)
        var candidates = self.candidates(in: bytes)
        if candidates.isEmpty { candidates = matches(in: bytes, from: 0, to: min(bytes.count, Self.fallbackScan)) }
        var (start, end) = bestWindow(matches: candidates, size: window, total: bytes.count)
        start = Self.backToBoundary(bytes, start)
        end = Self.forwardToBoundary(bytes, end)
        let matches = self.matches(in: bytes, from: start, to: end)
        let snippetText = String(decoding: bytes[start..<end], as: UTF8.self)
        var highlights: [Highlight] = []
        var utf16Offset = 0
        var cursor = start
        for match in matches where match.start >= start && match.end <= end {
            utf16Offset += Self.utf16Count(bytes[cursor..<match.start])
            let width = Self.utf16Count(bytes[match.start..<match.end])
            highlights.append(Highlight(start: utf16Offset, end: utf16Offset + width))
            utf16Offset += width
            cursor = match.end
        }
        return Snippet(text: snippetText, highlights: highlights, cleaned: SnippetCleaner.clean(snippetText))
    }

    /// UTF-16 code units of valid UTF-8 (stored content was validated, and windows and
    /// matches start and end on character boundaries), counted without decoding: one per
    /// character, two for a character of four bytes.
    static func utf16Count(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += byte >= 0xF0 ? 2 : 1 }
        return count
    }

        private struct Match { var start: Int, end: Int, term: Int }

    /// Receives tokens from the C tokenizer; compares them in place, without copying.
    private final class Collector {
        var matches: [Match] = []
        let terms: [(bytes: [UInt8], isPrefix: Bool)]
        init(terms: [(bytes: [UInt8], isPrefix: Bool)]) { self.terms = terms }

        func consider(_ token: UnsafeRawBufferPointer, start: Int, end: Int) {
            // The index reads each CJK character as a token (``CJKText``); the snippet's
            // tokenizer sees a run of them as one, so its characters are compared one by one.
            if token.contains(where: CJKText.mayStartCJK), let text = String(bytes: token, encoding: .utf8),
                text.unicodeScalars.contains(where: CJKText.isCJK)
            {
                var offset = 0
                for scalar in text.unicodeScalars {
                    let width = UTF8.width(scalar)
                    if CJKText.isCJK(scalar) {
                        compare(UnsafeRawBufferPointer(rebasing: token[offset..<(offset + width)]), start: start + offset, end: start + offset + width)
                    }
                    offset += width
                }
                return
            }
            compare(token, start: start, end: end)
        }

        private func compare(_ token: UnsafeRawBufferPointer, start: Int, end: Int) {
            for (index, term) in terms.enumerated() {
                let fits = term.isPrefix ? token.count >= term.bytes.count : token.count == term.bytes.count
                guard fits, term.bytes.withUnsafeBytes({ bytes in
                    guard let a = bytes.baseAddress, let b = token.baseAddress else { return bytes.isEmpty }
                    return memcmp(a, b, bytes.count) == 0
                }) else { continue }
                matches.append(Match(start: start, end: end, term: index))
                return
            }
        }
    }

    /// Exact matches of the query's stems among the tokens of `bytes[from..<to]`.
    private func matches(in bytes: [UInt8], from: Int, to: Int) -> [Match] {
        guard !terms.isEmpty, from < to else { return [] }
        var collector = Collector(terms: terms)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            withUnsafeMutablePointer(to: &collector) { pointer in
                _ = tokenizer.tokenize(
                    context: UnsafeMutableRawPointer(pointer), tokenization: .document,
                    pText: UnsafeRawPointer(base + from).assumingMemoryBound(to: CChar.self), nText: CInt(to - from)
                ) { context, _, token, tokenLength, start, end in
                    guard let context, let token else { return 0 }
                    let collector = context.assumingMemoryBound(to: Collector.self).pointee
                    collector.consider(UnsafeRawBufferPointer(start: token, count: Int(tokenLength)), start: Int(start), end: Int(end))
                    return 0
                }
            }
        }
        return collector.matches.map { Match(start: $0.start + from, end: $0.end + from, term: $0.term) }
    }

    /// Word starts whose letters begin with a probe (ASCII case-insensitive), at most
    /// ``matchLimit``: where the real matches can be, found without stemming. Walks word
    /// by word, and compares probes only at words whose first byte starts one.
    private func candidates(in bytes: [UInt8]) -> [Match] {
        var found: [Match] = []
        // A table lookup per byte: this loop reads whole sections, and four range tests
        // per byte made it the largest part of building a snippet.
        Self.wordBytes.withUnsafeBufferPointer { isWord in
            bytes.withUnsafeBufferPointer { buffer in
                var index = 0
                while index < buffer.count, found.count < Self.matchLimit {
                    while index < buffer.count, !isWord[Int(buffer[index])] { index += 1 }
                    let start = index
                    while index < buffer.count, isWord[Int(buffer[index])] { index += 1 }
                    guard start < index, probeStarts[Int(Self.lowercased(buffer[start]))] else { continue }
                    for (term, probe) in probes.enumerated() where !probe.isEmpty && Self.startsWith(buffer, at: start, probe) {
                        found.append(Match(start: start, end: index, term: term))
                        break
                    }
                }
            }
        }
        return found
    }

    /// ``isWordByte(_:)`` of every byte value.
    private static let wordBytes: [Bool] = (0...255).map { isWordByte(UInt8($0)) }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ probe: [UInt8]) -> Bool {
        guard index + probe.count <= bytes.count else { return false }
        for offset in 0..<probe.count where lowercased(bytes[index + offset]) != probe[offset] { return false }
        return true
    }

    /// Letters, digits and any non-ASCII byte (part of a multi-byte letter).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The window of `size` bytes holding the most distinct terms, then the most
    /// matches, then the earliest; starting a little before its first match.
    private func bestWindow(matches: [Match], size: Int, total: Int) -> (Int, Int) {
        guard !matches.isEmpty else { return (0, min(total, size)) }
        let lead = size / 5
        var best = (distinct: -1, count: -1, start: 0)
        for (index, first) in matches.enumerated() {
            // Terms as bits (a set per window start cost an allocation each); a query of
            // more than 64 highlight terms counts the rest in a set.
            var bits: UInt64 = 0
            var more = Set<Int>()
            var count = 0
            for match in matches[index...] {
                guard match.end <= first.start + size - lead else { break }
                if match.term < 64 { bits |= 1 << UInt64(match.term) } else { more.insert(match.term) }
                count += 1
            }
            let distinct = bits.nonzeroBitCount + more.count
            if distinct > best.distinct || (distinct == best.distinct && count > best.count) {
                best = (distinct, count, max(0, first.start - lead))
            }
        }
        let start = max(0, min(best.start, total - size))
        return (start, min(total, start + size))
    }

    /// Moves back to the start of a word (at most 24 bytes) and onto a UTF-8 boundary.
    private static func backToBoundary(_ bytes: [UInt8], _ index: Int) -> Int {
        var position = index
        var steps = 0
        while position > 0, steps < 24, !isSpace(bytes[position - 1]) {
            position -= 1
            steps += 1
        }
        if steps == 24 { position = index }
        while position > 0, position < bytes.count, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return position
    }

    /// Moves forward to the end of a word (at most 24 bytes) and onto a UTF-8 boundary.
    private static func forwardToBoundary(_ bytes: [UInt8], _ index: Int) -> Int {
        var position = index
        var steps = 0
        while position < bytes.count, steps < 24, !isSpace(bytes[position]) {
            position += 1
            steps += 1
        }
        if steps == 24 { position = index }
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        return position
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}
