/// A search as the caller asks for it. Defaults follow the original eyecrest API.
public struct SearchRequest: Sendable, Equatable {
    public var query: String
    /// Zero-based page number.
    public var page: Int
    public var perPage: Int
    /// No file contributes more than this many sections to the results.
    public var maxChunksPerFile: Int
    /// About how many characters of section text each hit's snippet holds.
    public var snippetLength: Int
    /// Only files whose name starts with this.
    public var pathPrefix: String?
    /// Whether a rare or absent word also matches its near neighbours (``TypoTolerance``).
    public var typoTolerance: Bool

    public init(
        query: String, page: Int = 0, perPage: Int = 20, maxChunksPerFile: Int = 5, snippetLength: Int = 300,
        pathPrefix: String? = nil, typoTolerance: Bool = true
    ) {
        self.typoTolerance = typoTolerance
        self.query = query
        self.page = page
        self.perPage = perPage
        self.maxChunksPerFile = maxChunksPerFile
        self.snippetLength = snippetLength
        self.pathPrefix = pathPrefix
    }

    /// The ranges the engine accepts; anything else is an ``EngineError/invalidArgument(_:)``
    /// (a longer query is ``EngineError/limitExceeded(_:)``). These are ceilings that keep
    /// one request's cost bounded; a server narrows them with its own configurable limits.
    public static let pageRange = 0...10_000
    public static let perPageRange = 1...1_000
    public static let maxChunksPerFileRange = 1...100
    public static let snippetLengthRange = 20...20_000
    public static let maxQueryLength = 16_384
}

/// A highlighted match inside a snippet: `[start, end)` in UTF-16 code units, the unit
/// JavaScript strings index by.
public struct Highlight: Sendable, Equatable, Codable {
    public var start: Int
    public var end: Int
}

/// One ranked section.
public struct SearchHit: Sendable, Equatable {
    public var filename: String
    /// The file's frontmatter title, if any.
    public var title: String?
    /// The section's slug (GitHub-style anchor; `""` for frontmatter), unique within its file.
    public var sectionSlug: String
    /// 0 unless the section was split into several chunks.
    public var part: Int
    public var heading: String
    public var headingPath: [String]
    public var level: Int
    public var startLine: Int
    public var endLine: Int
    /// Positive, higher is better; comparable within one response.
    public var score: Double
    /// The query words this section matched (all of them unless the response is relaxed).
    public var matchedTerms: [String]
    public var snippet: String
    public var highlights: [Highlight]
    /// The snippet without markdown syntax.
    public var cleanedSnippet: String
    /// The file's metadata as a JSON object text, if any.
    public var metadata: String?
    /// The section's whole markdown, from its heading line to its last line, for readers
    /// that show text rather than highlights (see `SectionExcerpt`).
    public var sectionText: String
}

public struct SearchResponse: Sendable, Equatable {
    public var hits: [SearchHit]
    public var page: Int
    public var perPage: Int
    public var hasNextPage: Bool
    /// True when too few sections matched every word, so sections matching only some of
    /// them are ranked too, by score times the IDF-weighted share of the query they cover.
    public var relaxed: Bool
    /// The query words as eyecrest understood them, one per term group.
    public var terms: [String]
    /// The words typo tolerance corrected, in query order.
    public var corrections: [TypoCorrection] = []
}
