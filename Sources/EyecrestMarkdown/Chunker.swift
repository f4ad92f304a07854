/// Splits a markdown file into sections, one per heading (docs/engine.md, "Lines and sections").
///
/// The rules, in short:
/// - Lines are those of ``LineTable`` (a leading UTF-8 BOM is ignored; LF, CRLF and lone
///   CR are line breaks), so a section's `startLine...endLine` is exactly what a file
///   read with `start` and `end` returns. An empty file has no sections.
/// - YAML frontmatter (`---` on line 1, closed by `---` or `...`) is its own section:
///   slug "", level 0, weight 1.3, searchText = title + "\n" + description.
/// - Headings follow CommonMark where it matters (see `BlockScanner`): ATX and setext,
///   not inside fenced code or HTML comments, not when indented 4+ spaces.
/// - A section runs from its heading line to the line before the next heading of any
///   level. Text before the first heading is the "introduction" section, unless it is
///   only blank lines (or, in MDX, only blank lines and `import`/`export` statements).
/// - Slugs are GitHub's (`Slugger`), de-duplicated per file with `-1`, `-2`, … in file
///   order ("introduction" takes part); `{#id}` / `{/*id*/}` set an explicit slug.
/// - Sections longer than `maxChunkBytes` are split into parts (`SectionSplitter`).
public struct Chunker: Sendable {
    /// Maximum UTF-8 size of a chunk's `text`; longer sections are split.
    public var maxChunkBytes: Int

    public init(maxChunkBytes: Int = 8_000) {
        self.maxChunkBytes = max(1, maxChunkBytes)
    }

    /// Folders that hold tooling, not documentation: `eyecrest push` and the archive
    /// imports skip them (and hidden folders).
    public static let toolingFolders: Set<String> = ["node_modules"]

    /// `.md`, `.mdx` and `.markdown` (case-insensitive) are chunked and indexed; other
    /// files are stored and retrievable but not indexed.
    public static func isMarkdown(_ filename: String) -> Bool {
        let lower = filename.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".mdx") || lower.hasSuffix(".markdown")
    }

    /// Chunks `content`. `filename` only matters for its extension: `.mdx` files get
    /// their top-level `import`/`export` statements excluded from the search text.
    public func chunk(filename: String, content: String) -> ChunkedDocument {
        let mdx = filename.lowercased().hasSuffix(".mdx")
        var native = content
        native.makeContiguousUTF8()
        let source = native
        let run = { (all: UnsafeBufferPointer<UInt8>) -> ChunkedDocument in
            let lines = LineTable(buffer: all)
            var builder = Builder(buf: all, source: source, lines: lines, mdx: mdx, maxBytes: maxChunkBytes)
            return builder.build()
        }
        if let doc = source.utf8.withContiguousStorageIfAvailable(run) { return doc }
        return Array(source.utf8).withUnsafeBufferPointer(run)
    }
}

/// One chunking run over one file's bytes.
private struct Builder {
    let buf: UnsafeBufferPointer<UInt8>
    /// The same bytes as a String: slicing it avoids re-validating UTF-8 for `text`.
    let source: String
    let lines: LineTable
    let mdx: Bool
    let maxBytes: Int
    var sections: [Section] = []

    init(buf: UnsafeBufferPointer<UInt8>, source: String, lines: LineTable, mdx: Bool, maxBytes: Int) {
        self.buf = buf
        self.source = source
        self.lines = lines
        self.mdx = mdx
        self.maxBytes = maxBytes
    }

    mutating func build() -> ChunkedDocument {
        guard lines.count > 0 else { return ChunkedDocument(title: nil, description: nil, sections: []) }
        let frontmatter = Frontmatter.detect(buf, lines)
        let bodyStart = frontmatter.map { $0.closerLine + 1 } ?? 0
        let scanner = BlockScanner(buf, lines, bodyStart: bodyStart, mdx: mdx)

        if let fm = frontmatter {
            let searchText = [fm.title, fm.description].compactMap { $0 }.joined(separator: "\n")
            sections.append(Section(heading: "", headingPath: [], slug: "", level: 0, part: 0,
                                    startLine: 1, endLine: fm.closerLine + 1,
                                    text: text(0...fm.closerLine),
                                    searchText: searchText, weight: 1.3))
        }

        var slugs = SlugRegistry()
        let headings = scanner.headings
        let firstHeading = headings.first?.firstLine ?? lines.count
        if firstHeading > bodyStart && hasContent(bodyStart..<firstHeading, scanner.kinds) {
            let slug = slugs.unique("introduction")
            emit(bodyStart...(firstHeading - 1), heading: "", path: [], slug: slug, level: 0, kinds: scanner.kinds)
        }

        var stack: [(level: Int, text: String)] = []
        for (k, h) in headings.enumerated() {
            let end = k + 1 < headings.count ? headings[k + 1].firstLine - 1 : lines.count - 1
            let (text, explicitID) = HeadingText.parse(h.content)
            let slug = slugs.unique(explicitID ?? Slugger.slug(text))
            while let top = stack.last, top.level >= h.level { stack.removeLast() }
            stack.append((h.level, text))
            emit(h.firstLine...end, heading: text, path: stack.map(\.text), slug: slug, level: h.level, kinds: scanner.kinds)
        }
        return ChunkedDocument(title: frontmatter?.title, description: frontmatter?.description, sections: sections)
    }

    /// Raw text of a line range. Without CRs it is one contiguous slice of the source.
    private func text(_ range: ClosedRange<Int>) -> String {
        guard !lines.hasCR, source.utf8.count == buf.count else { return lines.text(buf, lines: range) }
        let utf8 = source.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: lines.starts[range.lowerBound])
        let to = utf8.index(utf8.startIndex, offsetBy: lines.ends[range.upperBound])
        return String(source[from..<to])
    }

    /// True if the lines hold something besides blank lines and MDX import/export
    /// statements (an introduction of only imports would be an empty search hit).
    private func hasContent(_ range: Range<Int>, _ kinds: [LineKind]) -> Bool {
        for i in range where kinds[i] != .esm && Bytes.indent(buf, lines.starts[i], lines.ends[i]).first < lines.ends[i] {
            return true
        }
        return false
    }

    private mutating func emit(_ range: ClosedRange<Int>, heading: String, path: [String], slug: String, level: Int,
                               kinds: [LineKind]) {
        let parts = SectionSplitter.split(range, lines: lines, kinds: kinds, maxBytes: maxBytes)
        for (part, r) in parts.enumerated() {
            sections.append(Section(heading: heading, headingPath: path, slug: slug, level: level, part: part,
                                    startLine: r.lowerBound + 1, endLine: r.upperBound + 1,
                                    text: text(r),
                                    searchText: SearchText.build(buf, lines, kinds, r), weight: 1.0))
        }
    }
}
