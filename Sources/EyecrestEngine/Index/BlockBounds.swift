/// Upper bounds on the key of every document in a block of one segment (``size``
/// consecutive document numbers), for one query. For each phrase and block, one pass
/// over the phrase's hits keeps the largest "impact" of a hit: its saturated frequency
/// `tf / (tf + norm)` times its section's boost and tiny-section factor, which is the
/// phrase's share of the score before IDF and the heading bonus. A block's bound sums
/// them with IDF, or, when larger, is the bound of a section of the block with a hit in
/// its heading or file name: its own impacts times its exact heading factor and file
/// prior (the few such hits are folded by document). A block whose bound ranks below
/// ``PruningThreshold`` cannot hold an answer, so its documents are not scored
/// (block-max pruning, as in tantivy's and Lucene's block-max WAND, over fixed blocks of
/// documents rather than of postings).
struct BlockBounds {
    static let shift = 6
    static let size = 1 << shift

    /// `impacts[phrase][block]`: the largest impact of the phrase's hits in the block;
    /// 0 when it has none there.
    private let impacts: [[Double]]
    /// `fieldBounds[block]`: the largest sum × heading factor × file prior of a section of
    /// the block with a hit in its heading or file name (0 when none has one).
    private let fieldBounds: [Double]
    private let idf: [Double]
    private let bits: [UInt64]
    private let model: ScoringModel

    init(lists: [PhraseHits], idf: [Double], bits: [UInt64], segment: IndexSegment, model: ScoringModel) {
        let count = (segment.documentCount + Self.size - 1) >> Self.shift
        let documents = segment.documents
        var fieldHits: [FieldHit] = []
        impacts = lists.enumerated().map { phrase, hits in
            var impacts = [Double](repeating: 0, count: count)
            for (document, code) in zip(hits.documents, hits.codes) {
                let row = Int(document)
                let block = row >> Self.shift
                let tf = TermFrequency.weighted(code)
                var impact = tf / (tf + model.norm(tokens: documents.tokens[row])) * documents.boosts[row]
                if documents.isTiny[row] { impact *= RankingModel.tinyFactor }
                impacts[block] = max(impacts[block], impact)
                if TermFrequency.inHeading(code) || TermFrequency.inPath(code) {
                    fieldHits.append(FieldHit(document: document, phrase: phrase, impact: impact, code: code))
                }
            }
            return impacts
        }
        // A section with a hit in its heading or file name is bounded on its own: its own
        // impacts for those phrases (the block's largest for the others) times its exact
        // factors. Every other section's factors are 1. One phrase's hits come in order.
        if lists.count > 1 { fieldHits.sort { $0.document < $1.document } }
        var fieldBounds = [Double](repeating: 0, count: count)
        var index = 0
        while index < fieldHits.count {
            let document = fieldHits[index].document
            let block = Int(document) >> Self.shift
            var headingMask: UInt64 = 0
            var pathMask: UInt64 = 0
            var own: UInt64 = 0
            var sum = 0.0
            while index < fieldHits.count, fieldHits[index].document == document {
                let hit = fieldHits[index]
                if TermFrequency.inHeading(hit.code) { headingMask |= bits[hit.phrase] }
                if TermFrequency.inPath(hit.code) { pathMask |= bits[hit.phrase] }
                own |= 1 << UInt64(hit.phrase)
                sum += idf[hit.phrase] * (RankingModel.k1 + 1) * hit.impact
                index += 1
            }
            for phrase in impacts.indices where own & (1 << UInt64(phrase)) == 0 {
                sum += idf[phrase] * (RankingModel.k1 + 1) * impacts[phrase][block]
            }
            let row = Int(document)
            let factor = model.headingFactor(headingMask: headingMask, headingTokens: documents.headingTokens[row])
                * model.pathFactor(pathMask: pathMask, pathTokens: documents.pathTokens[row])
            fieldBounds[block] = max(fieldBounds[block], sum * factor)
        }
        self.fieldBounds = fieldBounds
        self.idf = idf
        self.bits = bits
        self.model = model
    }

    /// The best key any document of `block` can have. A hair above the exact sum so that
    /// rounding in another order of operations never puts a document above it.
    func bound(_ block: Int) -> RankKey {
        var sum = 0.0
        var mask: UInt64 = 0
        for phrase in impacts.indices {
            let impact = impacts[phrase][block]
            guard impact > 0 else { continue }
            sum += idf[phrase] * (RankingModel.k1 + 1) * impact
            mask |= bits[phrase]
        }
        // Coverage grows with the groups matched, so the block's groups bound each section's.
        return RankKey(score: max(sum, fieldBounds[block]) * model.coverage(mask) * (1 + 1e-9))
    }
}

/// A hit in a section's own heading or its file's name, kept by ``BlockBounds`` to bound
/// that section with its exact heading factor and file prior.
private struct FieldHit {
    var document: UInt32
    var phrase: Int
    var impact: Double
    var code: UInt32
}
