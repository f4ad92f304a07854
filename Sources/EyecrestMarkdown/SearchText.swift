/// Builds the text the engine indexes as a section's body.
///
/// Dropped: heading lines (indexed in their own column), fence marker lines, MDX
/// `import`/`export` statements, reference definitions, HTML and MDX comments, HTML/JSX
/// tag markup and link/image destinations (see `InlineMarkdown`). Kept: prose, link and
/// alt texts, text between tags, and code — fenced code verbatim, inline code without
/// its backticks — because code is what people search for. A final line lists the
/// `IdentifierSplitter` parts and joined forms and the `MnemonicWords` of the kept text.
enum SearchText {
    static func build(_ buf: UnsafeBufferPointer<UInt8>, _ lines: LineTable, _ kinds: [LineKind],
                      _ range: ClosedRange<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(lines.ends[range.upperBound] - lines.starts[range.lowerBound] + 64)
        var scratch: [UInt8] = []
        let inline = InlineMarkdown()
        var runStart = -1

        func flush(_ runEnd: Int) {
            guard runStart >= 0 else { return }
            if lines.hasCR {
                scratch.removeAll(keepingCapacity: true)
                lines.appendJoined(buf, lines: runStart...runEnd, to: &scratch)
                scratch.withBytes { inline.transform($0, 0, $0.count, into: &out) }
            } else {
                inline.transform(buf, lines.starts[runStart], lines.ends[runEnd], into: &out)
            }
            out.append(10)
            runStart = -1
        }

        for i in range {
            switch kinds[i] {
            case .text, .blank:
                if runStart < 0 { runStart = i }
            case .fenceContent:
                flush(i - 1)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[lines.starts[i]..<lines.ends[i]]))
                out.append(10)
            default:
                flush(i - 1)
            }
        }
        flush(range.upperBound)

        return out.withBytes { o -> String in
            let (s, e) = Bytes.trim(o, 0, o.count)
            let kept = UnsafeBufferPointer(rebasing: o[s..<e])
            var text = String(decoding: kept, as: UTF8.self)
            let parts = IdentifierSplitter.parts(of: kept) + IdentifierSplitter.joinedForms(of: kept) + MnemonicWords.words(of: kept)
            if !parts.isEmpty {
                if !text.isEmpty { text += "\n" }
                text += parts.joined(separator: " ")
            }
            return text
        }
    }
}
