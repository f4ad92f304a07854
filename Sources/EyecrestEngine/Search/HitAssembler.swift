import Foundation
import GRDB

/// Turns ranked rows of one shard into hits: stored fields, matched words and snippets.
enum HitAssembler {
    /// The hits of `candidates` by section id. A candidate whose section is gone (its file
    /// deleted or replaced since it was ranked) has none.
    static func hits(
        _ db: Database, tokenizer: any FTS5Tokenizer, plan: SearchPlan, candidates: [RankedCandidate], snippetLength: Int
    ) throws -> [Int64: SearchHit] {
        let builder = SnippetBuilder(tokenizer: tokenizer, terms: plan.highlightTokens)
        guard !candidates.isEmpty else { return [:] }
        // One statement for the page (not one per hit), rows matched back by id.
        let placeholders = Array(repeating: "?", count: candidates.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.id, s.filename, s.slug, s.part, s.heading, s.heading_path, s.level, s.start_line, s.end_line,
                       substr(f.content, s.start_byte + 1, s.end_byte - s.start_byte), f.title, f.metadata
                FROM sections s JOIN files f ON f.id = s.file_id WHERE s.id IN (\(placeholders))
                """),
            arguments: StatementArguments(candidates.map(\.sectionID)))
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row[0]] = row }
        var hits: [Int64: SearchHit] = [:]
        for candidate in candidates {
            guard let row = byID[candidate.sectionID] else { continue }
            let text = (Data.fromDatabaseValue(row[9])).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let snippet = builder.snippet(of: text, length: snippetLength)
            let path: String = row[5]
            hits[candidate.sectionID] = SearchHit(
                filename: row[1], title: row[10], sectionSlug: row[2], part: row[3], heading: row[4],
                headingPath: path.isEmpty ? [] : path.split(separator: Character(SectionFields.pathSeparator), omittingEmptySubsequences: false).map(String.init),
                level: row[6], startLine: row[7], endLine: row[8], score: candidate.score,
                matchedTerms: plan.groupLabels.indices.filter { candidate.mask & (1 << UInt64($0)) != 0 }.map { plan.groupLabels[$0] },
                snippet: snippet.text, highlights: snippet.highlights, cleanedSnippet: snippet.cleaned, metadata: row[11],
                sectionText: text)
        }
        return hits
    }
}
