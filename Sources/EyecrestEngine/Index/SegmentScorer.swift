/// Scores the documents of one segment that match a query, any run of them at a time,
/// so that ``IndexSearch`` can score whole segments or single blocks in the order of
/// their bounds. Each document's score is summed phrase by phrase in query order, the
/// ranking model's order of additions, whatever order the runs come in. A class: the
/// search calls it once per block, which must not copy its arrays each time.
final class SegmentScorer {
    let number: Int
    let matched: ArraySlice<UInt32>
    private let documents: DocumentTable
    private let segment: IndexSegment
    private let lists: [PhraseHits]
    private let idf: [Double]
    private let bits: [UInt64]
    private let model: ScoringModel
    private let prefix: [Unicode.Scalar]?

    /// `hits` are the segment's hits of every phrase of `plan`; only phrases that count
    /// toward a group are scored.
    init(
        segment: IndexSegment, number: Int, matched: ArraySlice<UInt32>, hits: [PhraseHits], plan: SearchPlan,
        model: ScoringModel, prefix: [Unicode.Scalar]?
    ) {
        let phrases = plan.phraseGroups.indices.filter { plan.phraseGroups[$0] >= 0 }
        self.number = number
        self.matched = matched
        self.segment = segment
        documents = segment.documents
        lists = phrases.map { hits[$0] }
        idf = phrases.map { model.idf[$0] }
        bits = phrases.map { UInt64(1) << UInt64(plan.phraseGroups[$0]) }
        self.model = model
        self.prefix = prefix
    }

    /// The matched documents cut at block boundaries, each with the bound on its
    /// documents' keys; `scorer` is this scorer's number in the search.
    func blocks(scorer: Int) -> [BlockWork] {
        let bounds = BlockBounds(lists: lists, idf: idf, bits: bits, segment: segment, model: model)
        var result: [BlockWork] = []
        var start = matched.startIndex
        while start < matched.endIndex {
            let block = Int(matched[start]) >> BlockBounds.shift
            let blockEnd = UInt32(block + 1) << BlockBounds.shift
            var end = start + 1
            while end < matched.endIndex, matched[end] < blockEnd { end += 1 }
            result.append(BlockWork(bound: bounds.bound(block), scorer: scorer, documents: start..<end))
            start = end
        }
        return result
    }

    /// Scores `matched[range]` and adds each document that passes the path prefix to the
    /// pool and the threshold.
    func score(
        _ range: Range<Int>, scratch: inout ScoringScratch, threshold: inout PruningThreshold, into pool: inout CandidatePool
    ) {
        let run = matched[range]
        guard let first = run.first else { return }
        scratch.reset(run.count)
        for (index, document) in run.enumerated() {
            scratch.norms[index] = model.norm(tokens: documents.tokens[Int(document)])
        }
        for phrase in lists.indices {
            let list = lists[phrase]
            let bit = bits[phrase]
            let weight = idf[phrase]
            list.documents.withUnsafeBufferPointer { hitDocuments in
                list.codes.withUnsafeBufferPointer { codes in
                    var cursor = PhraseMatcher.lowerBound(hitDocuments, in: 0..<hitDocuments.count, first)
                    for (index, document) in run.enumerated() {
                        while cursor < hitDocuments.count, hitDocuments[cursor] < document { cursor += 1 }
                        guard cursor < hitDocuments.count, hitDocuments[cursor] == document else { continue }
                        let code = codes[cursor]
                        let tf = TermFrequency.weighted(code)
                        scratch.scores[index] += weight * tf * (RankingModel.k1 + 1) / (tf + scratch.norms[index])
                        scratch.masks[index] |= bit
                        if TermFrequency.inHeading(code) { scratch.headingMasks[index] |= bit }
                        if TermFrequency.inPath(code) { scratch.pathMasks[index] |= bit }
                    }
                }
            }
        }
        var lastFile: Int64 = -1
        var lastFileMatches = true
        for (index, document) in run.enumerated() {
            let row = Int(document)
            let file = documents.fileIDs[row]
            if let prefix {
                if file != lastFile {
                    lastFile = file
                    lastFileMatches = documents.filenames[row].unicodeScalars.starts(with: prefix)
                }
                if !lastFileMatches { continue }
            }
            let mask = scratch.masks[index]
            let score = model.finish(
                scratch.scores[index], mask: mask, headingMask: scratch.headingMasks[index],
                headingTokens: documents.headingTokens[row], pathMask: scratch.pathMasks[index], pathTokens: documents.pathTokens[row],
                isTiny: documents.isTiny[row],
                boost: documents.boosts[row])
            pool.add(Scored(segment: number, document: document, score: score, mask: mask))
            threshold.offer(file: file, RankKey(score: score))
        }
    }
}

/// Per-document sums reused from one run of documents to the next.
struct ScoringScratch {
    var scores: [Double] = []
    var masks: [UInt64] = []
    var headingMasks: [UInt64] = []
    var pathMasks: [UInt64] = []
    var norms: [Double] = []

    mutating func reset(_ count: Int) {
        if scores.count < count {
            scores = [Double](repeating: 0, count: count)
            masks = [UInt64](repeating: 0, count: count)
            headingMasks = [UInt64](repeating: 0, count: count)
            pathMasks = [UInt64](repeating: 0, count: count)
            norms = [Double](repeating: 0, count: count)
            return
        }
        for index in 0..<count {
            scores[index] = 0
            masks[index] = 0
            headingMasks[index] = 0
            pathMasks[index] = 0
        }
    }
}

/// A block of one segment's matched documents waiting to be scored: indices of
/// `matched` in scorer number `scorer`, and the bound on their keys.
struct BlockWork {
    var bound: RankKey
    var scorer: Int
    var documents: Range<Int>
}
