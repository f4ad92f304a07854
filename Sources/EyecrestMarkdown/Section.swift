/// One chunk of a markdown file: the unit eyecrest indexes, ranks and returns.
///
/// A section runs from its heading line to the line before the next heading of any
/// level. Text before the first heading is the "introduction" section; YAML frontmatter is
/// a section of its own. Long sections are split into several chunks (`part` 0, 1, 2, …)
/// that share heading, path and slug, so a result always links to `file#slug`.
public struct Section: Sendable, Equatable {
    /// Heading text as displayed: inline markdown and `{#id}` removed, trimmed.
    /// "" for frontmatter and the introduction.
    public var heading: String
    /// Ancestor headings plus this one, e.g. `["Guide", "Install", "Linux"]`;
    /// `[]` for frontmatter and the introduction.
    public var headingPath: [String]
    /// GitHub-compatible anchor, unique per file (chunk parts share it). "" for
    /// frontmatter, "introduction" for text before the first heading.
    public var slug: String
    /// 1...6 for headings; 0 for frontmatter and the introduction.
    public var level: Int
    /// 0 unless a long section was split; then 0, 1, 2, … in file order.
    public var part: Int
    /// First line, 1-based, inclusive, counted in the original file.
    public var startLine: Int
    /// Last line, 1-based, inclusive.
    public var endLine: Int
    /// Raw markdown of exactly `startLine...endLine`, joined with "\n" (CR removed).
    public var text: String
    /// What the engine indexes as the body (see `Chunker`): markup, URLs, heading line,
    /// MDX import/export and comments removed; code kept; identifier parts appended.
    public var searchText: String
    /// Ranking weight: 1.3 for frontmatter (title/description describe the whole file),
    /// 1.0 otherwise.
    public var weight: Double

    public init(heading: String, headingPath: [String], slug: String, level: Int, part: Int,
                startLine: Int, endLine: Int, text: String, searchText: String, weight: Double) {
        self.heading = heading
        self.headingPath = headingPath
        self.slug = slug
        self.level = level
        self.part = part
        self.startLine = startLine
        self.endLine = endLine
        self.text = text
        self.searchText = searchText
        self.weight = weight
    }
}

/// The result of chunking one file.
public struct ChunkedDocument: Sendable, Equatable {
    /// Frontmatter `title` if present and non-empty; names the file in results.
    public var title: String?
    /// Frontmatter `description` if present and non-empty.
    public var description: String?
    /// Sections in file order.
    public var sections: [Section]

    public init(title: String?, description: String?, sections: [Section]) {
        self.title = title
        self.description = description
        self.sections = sections
    }
}
