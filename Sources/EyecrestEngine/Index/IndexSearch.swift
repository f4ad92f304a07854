import Foundation

/// One query over one shard's ``IndexSnapshot``: every phrase matched once per segment
/// (which also gives its document frequency), then either pass — all groups, or any
/// group with scores weighted by coverage — ranked with ``RankingModel``.
struct IndexSearch {
    let snapshot: IndexSnapshot
    let plan: SearchPlan
    /// `hits[segment][phrase]`.
    private let hits: [[PhraseHits]]

    init(_ snapshot: IndexSnapshot, plan: SearchPlan) {
        self.snapshot = snapshot
        self.plan = plan
        hits = zip(snapshot.segments, snapshot.deletions).map { segment, deleted in
            plan.phrases.map { PhraseMatcher.hits(of: $0, in: segment, deleted: deleted) }
        }
    }

    /// This shard's share of the dataset's statistics: live sections, their tokens and
    /// each phrase's document count.
    var statistics: ShardStatistics {
        let frequencies = plan.phrases.indices.map { phrase in
            hits.reduce(Int64(0)) { $0 + Int64($1[phrase].documents.count) }
        }
        return ShardStatistics(rows: snapshot.liveDocuments, tokens: snapshot.liveTokens, documentFrequencies: frequencies)
    }

    /// The best `limit` sections after at most `maxPerFile` per file, in
    /// ``RankedCandidate/precedes(_:_:)`` order, scored with `stats` (the
    /// dataset's, summed over its shards).
    ///
    /// With `pruning`, blocks of matching documents are scored best bound first
    /// (``BlockBounds``), and scoring stops at the first block whose bound ranks below the
    /// ``PruningThreshold``: no document left can reach the answer. The answer is the same
    /// either way; the exhaustive path exists to prove it.
    func rank(
        stats: ShardStatistics, relaxed: Bool, pathPrefix: String?, limit: Int, maxPerFile: Int, shard: Int,
        pruning: Bool = true
    ) -> ShardRanking {
        let model = ScoringModel(plan: plan, stats: stats, relaxed: relaxed)
        let prefix = pathPrefix.flatMap { $0.isEmpty ? nil : Array($0.unicodeScalars) }
        var pool = CandidatePool()
        var threshold = PruningThreshold(limit: limit)
        var scratch = ScoringScratch()
        var matchedCount = 0
        var scorers: [SegmentScorer] = []
        var blocks: [BlockWork] = []
        for number in snapshot.segments.indices {
            let matched = evaluate(relaxed ? plan.anyMatch : plan.allMatch, segment: number)
            guard !matched.isEmpty else { continue }
            matchedCount += matched.count
            let scorer = SegmentScorer(
                segment: snapshot.segments[number], number: number, matched: matched, hits: hits[number], plan: plan,
                model: model, prefix: prefix)
            // Bounds cost a pass over the hits; below a few blocks of matches they cannot pay.
            guard pruning, matched.count > 2 * BlockBounds.size else {
                scorer.score(matched.indices, scratch: &scratch, threshold: &threshold, into: &pool)
                continue
            }
            blocks += scorer.blocks(scorer: scorers.count)
            scorers.append(scorer)
        }
        blocks.sort { $0.bound.isBetter(than: $1.bound) }
        var skipped = 0
        for (index, block) in blocks.enumerated() {
            if threshold.excludes(block.bound) {
                skipped = blocks[index...].reduce(0) { $0 + $1.documents.count }
                break
            }
            scorers[block.scorer].score(block.documents, scratch: &scratch, threshold: &threshold, into: &pool)
        }
        let candidates = pool.best(limit: limit, maxPerFile: maxPerFile) { scored in
            let documents = snapshot.segments[scored.segment].documents
            let row = Int(scored.document)
            return RankedCandidate(
                sectionID: documents.sectionIDs[row], fileID: documents.fileIDs[row], shard: shard,
                filename: documents.filenames[row], startLine: Int(documents.startLines[row]),
                part: Int(documents.parts[row]), score: scored.score, mask: scored.mask)
        }
        return ShardRanking(candidates: candidates, matched: matchedCount, scored: matchedCount - skipped)
    }

    /// The live documents of one segment matching `node`, in order.
    private func evaluate(_ node: MatchNode, segment: Int) -> ArraySlice<UInt32> {
        switch node {
        case .phrase(let index):
            return hits[segment][index].documents
        case .all(let nodes):
            guard var result = nodes.first.map({ evaluate($0, segment: segment) }) else { return [] }
            for node in nodes.dropFirst() where !result.isEmpty {
                result = PhraseMatcher.intersect(result, evaluate(node, segment: segment))[...]
            }
            return result
        case .any(let nodes):
            return nodes.reduce([]) { PhraseMatcher.union($0, evaluate($1, segment: segment))[...] }
        case .excluding(let positive, let negatives):
            var result = evaluate(positive, segment: segment)
            for node in negatives where !result.isEmpty {
                result = PhraseMatcher.subtract(result, evaluate(node, segment: segment))[...]
            }
            return result
        }
    }
}

/// The per-query constants of the ranking model (``RankingModel``).
struct ScoringModel {
    let idf: [Double]
    let averageLength: Double
    let groupCount: Int
    /// In the relaxed pass, each group's weight in coverage: the largest IDF among its
    /// phrases that the dataset holds. Empty in the strict pass, where every section
    /// covers every group.
    let coverageWeights: [Double]
    let totalCoverageWeight: Double
    /// Each group's length in tokens (its longest phrase's), for the share of a heading or
    /// a file name the query's words cover.
    let groupTokens: [Int32]

    init(plan: SearchPlan, stats: ShardStatistics, relaxed: Bool) {
        let rows = Double(stats.rows)
        let frequencies = plan.phraseGroups.indices.map { $0 < stats.documentFrequencies.count ? stats.documentFrequencies[$0] : 0 }
        let idf = plan.phraseGroups.indices.map { index in
            let weight = index < plan.phraseWeights.count ? plan.phraseWeights[index] : 1
            return RankingModel.idf(rows: rows, matching: Double(frequencies[index])) * weight
        }
        self.idf = idf
        averageLength = stats.rows > 0 ? max(1, Double(stats.tokens) / rows) : 1
        let groupCount = (plan.phraseGroups.max() ?? -1) + 1
        self.groupCount = groupCount
        var weights = [Double](repeating: 0, count: relaxed ? groupCount : 0)
        for (phrase, group) in plan.phraseGroups.enumerated() where relaxed && group >= 0 && frequencies[phrase] > 0 {
            weights[group] = max(weights[group], idf[phrase])
        }
        coverageWeights = weights
        totalCoverageWeight = weights.reduce(0, +)
        var lengths = [Int32](repeating: 0, count: groupCount)
        for (phrase, group) in plan.phraseGroups.enumerated() where group >= 0 {
            lengths[group] = max(lengths[group], Int32(clamping: plan.phrases[phrase].tokens.count))
        }
        groupTokens = lengths
    }

    /// The heading factor: `1 + share × (headingBonus + exactHeadingBonus × precision)`,
    /// where share is the part of the query's groups found in the section's own heading and
    /// precision the part of the heading's tokens those groups account for. A heading that
    /// says exactly what was asked ("Cookies" for `cookies`) beats one that mentions it
    /// ("cookies.has()"), and both beat a body.
    @inline(__always)
    func headingFactor(headingMask: UInt64, headingTokens: Int32) -> Double {
        guard groupCount > 0, headingMask != 0 else { return 1 }
        let (share, precision) = fieldMatch(headingMask, tokens: headingTokens)
        return 1 + share * (RankingModel.headingBonus + RankingModel.exactHeadingBonus * precision)
    }

    /// The per-file prior: `1 + share × precision × pathBonus` over the path column (the
    /// file's name without folders or extension), where share is the part of the query's
    /// groups the name holds and precision the part of the name's tokens they account for.
    @inline(__always)
    func pathFactor(pathMask: UInt64, pathTokens: Int32) -> Double {
        guard groupCount > 0, pathMask != 0 else { return 1 }
        let (share, precision) = fieldMatch(pathMask, tokens: pathTokens)
        return 1 + share * precision * RankingModel.pathBonus
    }

    /// For the groups of `mask` found in a field of `tokens` tokens: their share of the
    /// query's groups, and the share of the field's tokens they cover (at most 1).
    @inline(__always)
    func fieldMatch(_ mask: UInt64, tokens: Int32) -> (share: Double, precision: Double) {
        let share = Double(mask.nonzeroBitCount) / Double(groupCount)
        var covered: Int32 = 0
        var rest = mask
        while rest != 0 {
            let group = rest.trailingZeroBitCount
            rest &= rest - 1
            if group < groupTokens.count { covered += groupTokens[group] }
        }
        return (share, tokens > 0 ? min(1, Double(covered) / Double(tokens)) : 0)
    }

    /// The relaxed pass's coverage factor of a section matching the groups of `mask`:
    /// the IDF-weighted share of the query it covers, raised to
    /// ``RankingModel/coverageExponent``; 1 for a section covering every group.
    @inline(__always)
    func coverage(_ mask: UInt64) -> Double {
        guard totalCoverageWeight > 0 else { return 1 }
        var covered = 0.0
        for group in coverageWeights.indices where mask & (1 << UInt64(group)) != 0 { covered += coverageWeights[group] }
        return pow(covered / totalCoverageWeight, RankingModel.coverageExponent)
    }

    @inline(__always)
    func norm(tokens: Int32) -> Double {
        RankingModel.k1 * (1 - RankingModel.b + RankingModel.b * Double(tokens) / averageLength)
    }

    /// Coverage, the heading bonus, the file prior, tiny-section damping and the boost,
    /// applied to a BM25 sum.
    @inline(__always)
    func finish(
        _ sum: Double, mask: UInt64, headingMask: UInt64, headingTokens: Int32, pathMask: UInt64, pathTokens: Int32, isTiny: Bool,
        boost: Double
    ) -> Double {
        var total = sum * coverage(mask) * headingFactor(headingMask: headingMask, headingTokens: headingTokens)
            * pathFactor(pathMask: pathMask, pathTokens: pathTokens)
        if isTiny { total *= RankingModel.tinyFactor }
        return total * boost
    }
}

/// One shard's ranked candidates, with how many documents matched and how many of
/// them were scored (the rest were skipped by their blocks' bounds).
struct ShardRanking: Sendable {
    var candidates: [RankedCandidate]
    var matched: Int
    var scored: Int
}

/// A scored document before it becomes a ``RankedCandidate``.
struct Scored {
    var segment: Int
    var document: UInt32
    var score: Double
    var mask: UInt64
}
