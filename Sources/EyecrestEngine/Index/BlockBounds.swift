/// Upper bounds on the key of every document in a block of one segment (``size``
/// consecutive document numbers), for one query. For each phrase and block, one pass
/// over the phrase's hits keeps the largest "impact" of a hit: its saturated frequency
/// `tf / (tf + norm)` times its section's boost and tiny-section factor, which is the
/// phrase's share of the score before IDF and the heading bonus. A block's bound sums
/// them with IDF and multiplies by the largest heading factor × file prior of a document
/// in the block (exact per document: the few hits in headings and file names are folded
/// by document). A block whose bound ranks below ``PruningThreshold`` cannot hold an
/// answer, so its documents are not scored (block-max pruning, as in tantivy's and
/// Lucene's block-max WAND, over fixed blocks of documents rather than of postings).
struct BlockBounds {
    static let shift = 6
    static let size = 1 << shift

    /// `impacts[phrase][block]`: the largest impact of the phrase's hits in the block;
    /// 0 when it has none there.
    private let impacts: [[Double]]
    /// `fieldFactors[block]`: the largest heading factor × file prior of a document in the block.
    private let fieldFactors: [Double]
    private let idf: [Double]
    private let bits: [UInt64]
    private let model: ScoringModel

    init(lists: [PhraseHits], idf: [Double], bits: [UInt64], segment: IndexSegment, model: ScoringModel) {
        let count = (segment.documentCount + Self.size - 1) >> Self.shift
        let documents = segment.documents
        var fieldHits: [(document: UInt32, bit: UInt64, path: Bool)] = []
        impacts = zip(lists, bits).map { hits, bit in
            var impacts = [Double](repeating: 0, count: count)
            for (document, code) in zip(hits.documents, hits.codes) {
                let row = Int(document)
                let block = row >> Self.shift
                let tf = TermFrequency.weighted(code)
                var impact = tf / (tf + model.norm(tokens: documents.tokens[row])) * documents.boosts[row]
                if documents.isTiny[row] { impact *= RankingModel.tinyFactor }
                impacts[block] = max(impacts[block], impact)
                if TermFrequency.inHeading(code) { fieldHits.append((document, bit, false)) }
                if TermFrequency.inPath(code) { fieldHits.append((document, bit, true)) }
            }
            return impacts
        }
        fieldHits.sort { $0.document < $1.document }
        var factors = [Double](repeating: 1, count: count)
        var index = 0
        while index < fieldHits.count {
            let document = fieldHits[index].document
            var mask: UInt64 = 0
            var pathMask: UInt64 = 0
            while index < fieldHits.count, fieldHits[index].document == document {
                if fieldHits[index].path { pathMask |= fieldHits[index].bit } else { mask |= fieldHits[index].bit }
                index += 1
            }
            let row = Int(document)
            let factor = model.headingFactor(headingMask: mask, headingTokens: documents.headingTokens[row])
                * model.pathFactor(pathMask: pathMask, pathTokens: documents.pathTokens[row])
            factors[row >> Self.shift] = max(factors[row >> Self.shift], factor)
        }
        fieldFactors = factors
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
        return RankKey(score: sum * fieldFactors[block] * model.coverage(mask) * (1 + 1e-9))
    }
}
