/// `[start, end)` of a match in a snippet, in UTF-16 code units.
public struct Highlight: Codable, Equatable, Sendable, WireSchema {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public static let schemaDescription: String? = "`[start, end)` in UTF-16 code units of `snippet`."
}

/// One ranked section.
public struct SearchHit: Codable, Equatable, Sendable, WireSchema {
    public var filename: String
    /// The file's title (frontmatter or first heading).
    public var title: String?
    /// The section's slug (its heading's anchor): "" for a file's frontmatter,
    /// `introduction` for the text before its first heading.
    public var sectionSlug: String
    /// Which part of a section too long to be one (0 for the first).
    public var part: Int
    public var heading: String
    public var headingPath: [String]
    public var level: Int
    /// 1-based line of the section's heading (its first line).
    public var startLine: Int
    /// 1-based, inclusive.
    public var endLine: Int
    /// Positive; higher is better.
    public var score: Double
    public var matchedTerms: [String]
    public var snippet: String
    public var highlights: [Highlight]
    /// The snippet without markdown syntax.
    public var cleanedSnippet: String
    /// The file's metadata, when it has some.
    public var metadata: [String: JSONValue]?

    public init(
        filename: String, title: String?, sectionSlug: String, part: Int, heading: String, headingPath: [String], level: Int,
        startLine: Int, endLine: Int, score: Double, matchedTerms: [String], snippet: String, highlights: [Highlight],
        cleanedSnippet: String, metadata: [String: JSONValue]?
    ) {
        self.filename = filename
        self.title = title
        self.sectionSlug = sectionSlug
        self.part = part
        self.heading = heading
        self.headingPath = headingPath
        self.level = level
        self.startLine = startLine
        self.endLine = endLine
        self.score = score
        self.matchedTerms = matchedTerms
        self.snippet = snippet
        self.highlights = highlights
        self.cleanedSnippet = cleanedSnippet
        self.metadata = metadata
    }

    public static let fieldNotes: [String: FieldNote] = [
        "sectionSlug": FieldNote("The section's slug (its heading's anchor): empty for a file's frontmatter, `introduction` for the text before its first heading."),
        "startLine": FieldNote("1-based line of the section's heading."),
        "score": FieldNote("Positive; higher is better."),
        "cleanedSnippet": FieldNote("The snippet without markdown syntax."),
        "metadata": FieldNote("The file's metadata, when it has some."),
    ]
}

/// `GET /v1/datasets/{datasetId}/search`: one page of hits.
public struct SearchResults: Codable, Equatable, Sendable, WireSchema {
    public var results: [SearchHit]
    /// 0-based.
    public var page: Int
    public var perPage: Int
    public var hasNextPage: Bool
    /// True when some hits match only some of the `terms`.
    public var relaxed: Bool
    public var terms: [String]
    /// The region of the node that answered.
    public var region: String
    /// The query words typo tolerance corrected; absent when none was.
    public var corrections: [TypoCorrection]?

    public init(
        results: [SearchHit], page: Int, perPage: Int, hasNextPage: Bool, relaxed: Bool, terms: [String], region: String,
        corrections: [TypoCorrection]? = nil
    ) {
        self.corrections = corrections
        self.results = results
        self.page = page
        self.perPage = perPage
        self.hasNextPage = hasNextPage
        self.relaxed = relaxed
        self.terms = terms
        self.region = region
    }

    public static let schemaName = "SearchResponse"
    public static let fieldNotes: [String: FieldNote] = [
        "relaxed": FieldNote("True when some hits match only some of the terms."),
        "region": FieldNote("The region of the node that answered."),
        "corrections": FieldNote(
            "The query words that were absent or rare in the dataset and also matched their near neighbours (typo tolerance); absent when none was."),
    ]
}

/// A query word typo tolerance corrected.
public struct TypoCorrection: Codable, Equatable, Sendable, WireSchema {
    /// The word as typed, lowercased.
    public var word: String
    /// The index terms it also matched: Porter stems, as the index holds them
    /// (`middlewar` for `middleware`).
    public var terms: [String]

    public init(word: String, terms: [String]) {
        self.word = word
        self.terms = terms
    }

    public static let schemaDescription: String? = "A query word that also matched the index terms one or two edits away."
}
