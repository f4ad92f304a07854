import Foundation

/// The ranking model: BM25 over a weighted term frequency (heading ×4, context ×1.5,
/// body ×1, path ×2), with dataset-wide statistics so that scores do not depend on how
/// a dataset is sharded, multiplied by a heading bonus (the share of query groups found
/// in the section's own heading, more when they make up the whole heading; a match in
/// the context column earns none, see ``headingColumns``), by a per-file prior when the
/// query's words make up the file's name (``pathBonus``), and damped for tiny sections
/// (a body under ``tinyBodyTokens`` tokens, or frontmatter, which holds only a title and
/// a description), so that a one-line or frontmatter section does not outrank a
/// substantive one. ``ScoringModel`` applies it to one query.
enum RankingModel {
    static let columnWeights: [Double] = [4.0, 1.5, 1.0, 2.0]
    /// Only column 0, the section's own heading, earns the heading bonus: an ancestor
    /// heading in the context column is weighed, but must not lift every subsection.
    static let headingColumns = 1
    static let bodyColumn: Int32 = 2
    static let pathColumn: Int32 = 3
    /// The per-file prior: a section's score grows by up to this share when the query's
    /// words make up its file's name (``ScoringModel/pathFactor(pathMask:pathTokens:)``),
    /// so that `sessions` prefers the page `sessions.mdx` to the `## Sessions` sections of
    /// other pages. Tuned on the judged set's tuning half (docs/relevance.md): 0, 0.25,
    /// 0.5, 0.75 and 1 give nDCG@10 0.710, 0.716, 0.717, 0.716 and 0.715.
    static let pathBonus = 0.5
    static let k1 = 1.2
    static let b = 0.75
    static let headingBonus = 0.5
    /// The heading bonus's extra share for a heading made only of the query's words
    /// (``ScoringModel/headingFactor(headingMask:headingTokens:)``). Tuned on the judged
    /// set's tuning half (docs/relevance.md), with introductions headed by their title:
    /// 0.5, 0.75, 1 and 1.5 give nDCG@10 0.702, 0.707, 0.710 and 0.705.
    static let exactHeadingBonus = 1.0
    static let tinyBodyTokens: Int32 = 8
    static let tinyFactor = 0.75
    /// How steeply the relaxed pass's score falls with the share of the query a section
    /// misses (``ScoringModel/coverage(_:)``). Tuned on the judged set's tuning half
    /// (docs/relevance.md): 0 (plain BM25 over any word), 0.25, 0.5, 1, 2 and 3 give
    /// nDCG@10 0.680, 0.683, 0.678, 0.670, 0.668 and 0.666; ranking by the number of
    /// words matched first, as before, gave 0.671.
    static let coverageExponent = 0.25
    /// At most this many query groups (top-level words, phrases or parenthesized
    /// expressions) are ranked: the search plan ignores the rest. The groups a section
    /// matches are tracked in a 64-bit mask, so it must not exceed 64; the engine
    /// documents 32 (docs/engine.md, "Limits of the engine").
    static let maxGroups = 32

    static func idf(rows: Double, matching: Double) -> Double {
        log(1 + (rows - matching + 0.5) / (matching + 0.5))
    }
}
