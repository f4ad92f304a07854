/// The corpus statistics BM25 needs, for one shard or summed over a dataset.
struct ShardStatistics: Sendable, Equatable {
    /// Live sections, and their tokens over all four fields.
    var rows: Int64
    var tokens: Int64
    /// Sections matching each phrase of one query, in the plan's phrase order.
    var documentFrequencies: [Int64]

    static func sum(_ parts: [ShardStatistics]) -> ShardStatistics {
        var result = ShardStatistics(rows: 0, tokens: 0, documentFrequencies: [])
        for part in parts {
            result.rows += part.rows
            result.tokens += part.tokens
            let (a, b) = (result.documentFrequencies, part.documentFrequencies)
            result.documentFrequencies = (0..<max(a.count, b.count)).map { ($0 < a.count ? a[$0] : 0) + ($0 < b.count ? b[$0] : 0) }
        }
        return result
    }
}
