import EyecrestEngine
import Foundation

struct SearchHitBody: Codable {
    var filename: String
    var title: String?
    var sectionSlug: String
    var part: Int
    var heading: String
    var headingPath: [String]
    var level: Int
    var startLine: Int
    var endLine: Int
    var score: Double
    var matchedTerms: [String]
    var snippet: String
    var highlights: [Highlight]
    var cleanedSnippet: String
    var metadata: JSONValue?

    init(_ hit: SearchHit) {
        filename = hit.filename
        title = hit.title
        sectionSlug = hit.sectionSlug
        part = hit.part
        heading = hit.heading
        headingPath = hit.headingPath
        level = hit.level
        startLine = hit.startLine
        endLine = hit.endLine
        score = hit.score
        matchedTerms = hit.matchedTerms
        snippet = hit.snippet
        highlights = hit.highlights
        cleanedSnippet = hit.cleanedSnippet
        metadata = JSONValue.parse(hit.metadata)
    }
}

struct SearchBody: Codable {
    var results: [SearchHitBody]
    var page: Int
    var perPage: Int
    var hasNextPage: Bool
    var relaxed: Bool
    var terms: [String]
    /// The region of the node that answered.
    var region: String

    init(_ response: SearchResponse, region: String) {
        results = response.hits.map(SearchHitBody.init)
        page = response.page
        perPage = response.perPage
        hasNextPage = response.hasNextPage
        relaxed = response.relaxed
        terms = response.terms
        self.region = region
    }
}
