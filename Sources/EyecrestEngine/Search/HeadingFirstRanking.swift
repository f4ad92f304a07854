import GRDB

/// Exact top-k for broad queries without scoring every match.
///
/// FTS5 scores every matching row before it sorts, so a common word costs time in
/// proportion to its matches. But a row whose own heading holds no query phrase earns no
/// heading bonus, and BM25's `tf/(tf+norm)` stays below 1, so its score is below
/// `Σ idf·(k1+1) × max boost`, a bound the ranking function reports (mode 4). The
/// heading-first pass ranks only the rows whose heading matches (the column filter runs
/// inside FTS5, in C); when the `needed`-th best of those, after grouping, scores above
/// the bound, no other row can enter the page and the pass's answer is the exact answer.
/// Otherwise the caller runs the full ranking. Scores are the same either way: the
/// filter's phrases are numbered after the query's and are not scored.
///
/// Grouping stays exact: every row above the bound is in the pass, so per-file counts
/// among those rows are the same as in the full ranking.
enum HeadingFirstRanking {
    struct Attempt: Sendable {
        var candidates: [RankedCandidate]
        /// Above this, no row outside the pass can score (boost included).
        var bound: Double
    }

    /// The pass on one shard. `stats` as for ``ShardStore/rank``: the filter phrases
    /// need no statistics (missing frequencies count as zero and are never used).
    static func attempt(
        _ db: Database, plan: SearchPlan, stats: String?, pathPrefix: String?, limit: Int, maxPerFile: Int, shard: Int
    ) throws -> Attempt {
        let pass = plan.headingFirst
        let candidates = try ShardStore.rank(
            db, plan: plan, expression: pass.expression, groups: pass.groups, relaxed: false, stats: stats,
            pathPrefix: pathPrefix, limit: limit, maxPerFile: maxPerFile, shard: shard)
        let maxBoost = try Double.fetchOne(db.cachedStatement(sql: "SELECT max(boost) FROM sections")) ?? 1
        return Attempt(candidates: candidates, bound: candidates.first.map { $0.bound * max(1, maxBoost) } ?? .infinity)
    }

    /// True when the first `needed` of `ranked` (merged, in order) are provably the
    /// first `needed` of the full ranking.
    static func isExact(_ ranked: [RankedCandidate], bound: Double, needed: Int) -> Bool {
        ranked.count >= needed && ranked[needed - 1].score > bound
    }
}
