import EyecrestMarkdown
import Foundation
import GRDB

/// Picks the window of a section that best shows why it matched, and marks the matches.
///
/// Matching uses the index's own tokenizer (porter + unicode61), so a highlight lands
/// exactly where FTS5 found a match: "configuring" lights up for the query "configure".
/// It runs only for the hits of the page being returned, never for every matching row.
struct SnippetBuilder {
    let tokenizer: any FTS5Tokenizer
    let terms: [(bytes: [UInt8], isPrefix: Bool)]

    /// Sections longer than this are scanned only this far, and the scan stops after
    /// ``matchLimit`` matches: enough to choose a window, and it bounds the work per hit.
    static let scanLimit = 8_192
    static let matchLimit = 32

    init(tokenizer: any FTS5Tokenizer, terms: [HighlightToken]) {
        self.tokenizer = tokenizer
        self.terms = Array(Set(terms)).map { (Array($0.token.utf8), $0.isPrefix) }
    }

    struct Snippet {
        var text: String
        var highlights: [Highlight]
        var cleaned: String
    }

    func snippet(of text: String, length: Int) -> Snippet {
        let bytes = Array(text.utf8.prefix(Self.scanLimit))
        let matches = self.matches(in: bytes)
        let scalarCount = max(1, String(decoding: bytes, as: UTF8.self).unicodeScalars.count)
        let window = max(length, length * bytes.count / scalarCount)
        var (start, end) = bestWindow(matches: matches, size: window, total: bytes.count)
        start = Self.backToBoundary(bytes, start)
        end = Self.forwardToBoundary(bytes, end)
        let snippetText = String(decoding: bytes[start..<end], as: UTF8.self)
        var highlights: [Highlight] = []
        var utf16Offset = 0
        var cursor = start
        for match in matches where match.start >= start && match.end <= end {
            utf16Offset += String(decoding: bytes[cursor..<match.start], as: UTF8.self).utf16.count
            let width = String(decoding: bytes[match.start..<match.end], as: UTF8.self).utf16.count
            highlights.append(Highlight(start: utf16Offset, end: utf16Offset + width))
            utf16Offset += width
            cursor = match.end
        }
        return Snippet(text: snippetText, highlights: highlights, cleaned: SnippetCleaner.clean(snippetText))
    }

    private struct Match { var start: Int, end: Int, term: Int }

    /// Receives tokens from the C tokenizer; compares them in place, without copying.
    private final class Collector {
        var matches: [Match] = []
        let terms: [(bytes: [UInt8], isPrefix: Bool)]
        init(terms: [(bytes: [UInt8], isPrefix: Bool)]) { self.terms = terms }

        func consider(_ token: UnsafeRawBufferPointer, start: Int, end: Int) {
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

    private func matches(in bytes: [UInt8]) -> [Match] {
        guard !terms.isEmpty, !bytes.isEmpty else { return [] }
        var collector = Collector(terms: terms)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            withUnsafeMutablePointer(to: &collector) { pointer in
                _ = tokenizer.tokenize(
                    context: UnsafeMutableRawPointer(pointer), tokenization: .document,
                    pText: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), nText: CInt(buffer.count)
                ) { context, _, token, tokenLength, start, end in
                    guard let context, let token else { return 0 }
                    let collector = context.assumingMemoryBound(to: Collector.self).pointee
                    collector.consider(UnsafeRawBufferPointer(start: token, count: Int(tokenLength)), start: Int(start), end: Int(end))
                    return collector.matches.count >= SnippetBuilder.matchLimit ? 1 : 0
                }
            }
        }
        return collector.matches
    }

    /// The window of `size` bytes holding the most distinct terms, then the most
    /// matches, then the earliest; starting a little before its first match.
    private func bestWindow(matches: [Match], size: Int, total: Int) -> (Int, Int) {
        guard !matches.isEmpty else { return (0, min(total, size)) }
        let lead = size / 5
        var best = (distinct: -1, count: -1, start: 0)
        for (index, first) in matches.enumerated() {
            var terms = Set<Int>()
            var count = 0
            for match in matches[index...] {
                guard match.end <= first.start + size - lead else { break }
                terms.insert(match.term)
                count += 1
            }
            if terms.count > best.distinct || (terms.count == best.distinct && count > best.count) {
                best = (terms.count, count, max(0, first.start - lead))
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
