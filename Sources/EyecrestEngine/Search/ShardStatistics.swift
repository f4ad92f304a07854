/// The corpus statistics BM25 needs, for one shard or summed over a dataset.
struct ShardStatistics: Sendable, Equatable {
    var rows: Int64
    var columnTotals: [Int64]
    /// Rows matching each phrase of one query, in FTS5's phrase order.
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

    /// `rows|t0,t1,…|df0,df1,…`, the form the ranking function takes as an argument.
    var encoded: String {
        "\(rows)|\(columnTotals.map(String.init).joined(separator: ","))|\(documentFrequencies.map(String.init).joined(separator: ","))"
    }

    init(rows: Int64, columnTotals: [Int64], documentFrequencies: [Int64]) {
        self.rows = rows
        self.columnTotals = columnTotals
        self.documentFrequencies = documentFrequencies
    }

    init?(encoded: String) {
        let parts = encoded.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let rows = Int64(parts[0]) else { return nil }
        func numbers(_ text: Substring) -> [Int64]? {
            if text.isEmpty { return [] }
            let values = text.split(separator: ",").compactMap { Int64($0) }
            return values.count == text.split(separator: ",").count ? values : nil
        }
        guard let totals = numbers(parts[1]), let frequencies = numbers(parts[2]) else { return nil }
        self.init(rows: rows, columnTotals: totals, documentFrequencies: frequencies)
    }
}
