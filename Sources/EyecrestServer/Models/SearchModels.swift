import EyecrestAPI
import EyecrestEngine

extension EyecrestAPI.SearchHit {
    init(_ hit: EyecrestEngine.SearchHit) {
        self.init(
            filename: hit.filename, title: hit.title, sectionSlug: hit.sectionSlug, part: hit.part, heading: hit.heading,
            headingPath: hit.headingPath, level: hit.level, startLine: hit.startLine, endLine: hit.endLine, score: hit.score,
            matchedTerms: hit.matchedTerms, snippet: hit.snippet,
            highlights: hit.highlights.map { EyecrestAPI.Highlight(start: $0.start, end: $0.end) }, cleanedSnippet: hit.cleanedSnippet,
            metadata: JSONValue.parseObject(hit.metadata))
    }
}

extension SearchResults {
    init(_ response: SearchResponse, region: String) {
        self.init(
            results: response.hits.map(EyecrestAPI.SearchHit.init), page: response.page, perPage: response.perPage,
            hasNextPage: response.hasNextPage, relaxed: response.relaxed, terms: response.terms, region: region,
            corrections: response.corrections.isEmpty
                ? nil : response.corrections.map { EyecrestAPI.TypoCorrection(word: $0.word, terms: $0.terms) })
    }
}
