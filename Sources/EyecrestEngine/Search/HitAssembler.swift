import GRDB

/// Turns ranked rows of one shard into hits: stored fields, matched words and snippets.
enum HitAssembler {
    static func hits(
        _ db: Database, tokenizer: any FTS5Tokenizer, plan: SearchPlan, candidates: [RankedCandidate], snippetLength: Int
    ) throws -> [SearchHit] {
        let builder = SnippetBuilder(tokenizer: tokenizer, terms: plan.highlightTokens)
        let statement = try db.cachedStatement(sql: """
            SELECT s.filename, s.slug, s.part, s.heading, s.heading_path, s.level, s.start_line, s.end_line, s.text,
                   f.title, f.metadata
            FROM sections s JOIN files f ON f.id = s.file_id WHERE s.id = ?
            """)
        return try candidates.compactMap { candidate in
            guard let row = try Row.fetchOne(statement, arguments: [candidate.sectionID]) else { return nil }
            let text: String = row[8]
            let snippet = builder.snippet(of: text, length: snippetLength)
            let path: String = row[4]
            return SearchHit(
                filename: row[0], title: row[9], slug: row[1], part: row[2], heading: row[3],
                headingPath: path.isEmpty ? [] : path.components(separatedBy: SectionFields.pathSeparator),
                level: row[5], startLine: row[6], endLine: row[7], score: candidate.score,
                matchedTerms: plan.groupLabels.indices.filter { candidate.mask & (1 << UInt64($0)) != 0 }.map { plan.groupLabels[$0] },
                snippet: snippet.text, highlights: snippet.highlights, cleanedSnippet: snippet.cleaned, metadata: row[10])
        }
    }
}
