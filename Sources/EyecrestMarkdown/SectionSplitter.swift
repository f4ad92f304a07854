/// Splits one long section's line range into consecutive chunks of at most
/// `maxBytes` UTF-8 bytes of text (lines joined by `\n`).
///
/// Where a chunk is cut, in order of preference: after a blank line (a paragraph
/// boundary); at any line boundary outside a fenced code block; at a line boundary
/// inside a fence (only reached when one fence alone exceeds the limit). A single line
/// longer than the limit is never cut, so that chunk exceeds the limit. The chunks tile
/// the range exactly: no gaps, no overlaps.
enum SectionSplitter {
    static func split(_ range: ClosedRange<Int>, lines: LineTable, kinds: [LineKind], maxBytes: Int) -> [ClosedRange<Int>] {
        let first = range.lowerBound, last = range.upperBound
        let total = lines.ends[last] - lines.starts[first]
        if !lines.hasCR && total <= maxBytes { return [range] }

        // prefix[k] = bytes of lines first..<first+k (without separators)
        var prefix = [Int](repeating: 0, count: range.count + 1)
        for (k, i) in range.enumerated() { prefix[k + 1] = prefix[k] + lines.length(i) }
        func size(_ a: Int, _ b: Int) -> Int {   // lines a..<b joined with "\n"
            b <= a ? 0 : prefix[b - first] - prefix[a - first] + (b - a - 1)
        }
        if size(first, last + 1) <= maxBytes { return [range] }

        var chunks: [ClosedRange<Int>] = []
        var start = first
        var blankCut = -1      // latest "cut before line k" after a blank line
        var outsideCut = -1    // latest cut not inside a fence
        for i in range {
            while i > start && size(start, i + 1) > maxBytes {
                let cut = blankCut > start ? blankCut : (outsideCut > start ? outsideCut : i)
                chunks.append(start...(cut - 1))
                start = cut
            }
            if kinds[i] == .blank { blankCut = i + 1 }
            if i < last {
                let next = kinds[i + 1]
                if next != .fenceContent && next != .fenceClose { outsideCut = i + 1 }
            }
        }
        chunks.append(start...last)
        return chunks
    }
}
