import Foundation

/// One query over one shard's ``IndexSnapshot``: every phrase matched once per segment
/// (which also gives its document frequency), then either pass — all groups, or any
/// group ranked by coverage — ranked with ``RankingModel``.
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
    /// ``RankedCandidate/precedes(_:_:relaxed:)`` order, scored with `stats` (the
    /// dataset's, summed over its shards).
    func rank(
        stats: ShardStatistics, relaxed: Bool, pathPrefix: String?, limit: Int, maxPerFile: Int, shard: Int
    ) -> [RankedCandidate] {
        let model = ScoringModel(plan: plan, stats: stats)
        let prefix = pathPrefix.flatMap { $0.isEmpty ? nil : Array($0.unicodeScalars) }
        var pool = CandidatePool(relaxed: relaxed)
        for number in snapshot.segments.indices {
            let matched = evaluate(relaxed ? plan.anyMatch : plan.allMatch, segment: number)
            if !matched.isEmpty { score(segment: number, matched: matched, model: model, prefix: prefix, into: &pool) }
        }
        return pool.best(limit: limit, maxPerFile: maxPerFile) { scored in
            let documents = snapshot.segments[scored.segment].documents
            let row = Int(scored.document)
            return RankedCandidate(
                sectionID: documents.sectionIDs[row], fileID: documents.fileIDs[row], shard: shard,
                filename: documents.filenames[row], startLine: Int(documents.startLines[row]),
                part: Int(documents.parts[row]), score: scored.score, mask: scored.mask)
        }
    }

    /// Scores one segment's matching documents, phrase by phrase in query order (the
    /// model's order of additions), and adds each to the pool.
    private func score(
        segment number: Int, matched: ArraySlice<UInt32>, model: ScoringModel, prefix: [Unicode.Scalar]?, into pool: inout CandidatePool
    ) {
        let documents = snapshot.segments[number].documents
        var scores = [Double](repeating: 0, count: matched.count)
        var masks = [UInt64](repeating: 0, count: matched.count)
        var headingMasks = [UInt64](repeating: 0, count: matched.count)
        let norms = matched.map { model.norm(tokens: documents.tokens[Int($0)]) }
        matched.withUnsafeBufferPointer { matched in
            for (phrase, group) in plan.phraseGroups.enumerated() where group >= 0 {
                let phraseHits = hits[number][phrase]
                let idf = model.idf[phrase]
                let bit: UInt64 = 1 << UInt64(group)
                phraseHits.documents.withUnsafeBufferPointer { hitDocuments in
                    phraseHits.codes.withUnsafeBufferPointer { codes in
                        var cursor = 0
                        for (index, document) in matched.enumerated() {
                            while cursor < hitDocuments.count, hitDocuments[cursor] < document { cursor += 1 }
                            guard cursor < hitDocuments.count, hitDocuments[cursor] == document else { continue }
                            let code = codes[cursor]
                            let tf = TermFrequency.weighted(code)
                            scores[index] += idf * tf * (RankingModel.k1 + 1) / (tf + norms[index])
                            masks[index] |= bit
                            if TermFrequency.inHeading(code) { headingMasks[index] |= bit }
                        }
                    }
                }
            }
            var lastFile: Int64 = -1
            var lastFileMatches = true
            for (index, document) in matched.enumerated() {
                let row = Int(document)
                if let prefix {
                    if documents.fileIDs[row] != lastFile {
                        lastFile = documents.fileIDs[row]
                        lastFileMatches = documents.filenames[row].unicodeScalars.starts(with: prefix)
                    }
                    if !lastFileMatches { continue }
                }
                let score = model.finish(
                    scores[index], headingMask: headingMasks[index], bodyTokens: documents.bodyTokens[row], boost: documents.boosts[row])
                pool.add(Scored(segment: number, document: document, score: score, mask: masks[index]))
            }
        }
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

    init(plan: SearchPlan, stats: ShardStatistics) {
        let rows = Double(stats.rows)
        idf = plan.phraseGroups.indices.map { index in
            let matching = index < stats.documentFrequencies.count ? Double(stats.documentFrequencies[index]) : 0
            return RankingModel.idf(rows: rows, matching: matching)
        }
        averageLength = stats.rows > 0 ? max(1, Double(stats.tokens) / rows) : 1
        groupCount = (plan.phraseGroups.max() ?? -1) + 1
    }

    @inline(__always)
    func norm(tokens: Int32) -> Double {
        RankingModel.k1 * (1 - RankingModel.b + RankingModel.b * Double(tokens) / averageLength)
    }

    /// The heading bonus, tiny-section damping and boost, applied to a BM25 sum.
    @inline(__always)
    func finish(_ sum: Double, headingMask: UInt64, bodyTokens: Int32, boost: Double) -> Double {
        var total = sum
        if groupCount > 0 {
            total *= 1 + RankingModel.headingBonus * Double(headingMask.nonzeroBitCount) / Double(groupCount)
        }
        if bodyTokens < RankingModel.tinyBodyTokens { total *= RankingModel.tinyFactor }
        return total * boost
    }
}

/// A scored document before it becomes a ``RankedCandidate``.
struct Scored {
    var segment: Int
    var document: UInt32
    var score: Double
    var mask: UInt64
}
