/// The corpus statistics BM25 needs, for one shard or summed over a dataset.
struct ShardStatistics: Sendable, Equatable {
    var rows: Int64
    var columnTotals: [Int64]
    /// Sections matching each phrase of one query, in the plan's phrase order.
    var documentFrequencies: [Int64]

    static func sum(_ parts: [ShardStatistics]) -> ShardStatistics {
        var result = ShardStatistics(rows: 0, columnTotals: [], documentFrequencies: [])
        for part in parts {
            result.rows += part.rows
            result.columnTotals = add(result.columnTotals, part.columnTotals)
            result.documentFrequencies = add(result.documentFrequencies, part.documentFrequencies)
        }
        return result
    }

    private static func add(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        (0..<max(a.count, b.count)).map { (($0 < a.count) ? a[$0] : 0) + (($0 < b.count) ? b[$0] : 0) }
    }
}
