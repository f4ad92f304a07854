import Foundation

/// The figures `eyecrest bench` prints; the JSON keys are part of its interface.
struct BenchReport: Codable, Report {
    var files: Int
    var sections: Int
    var markdownMB: Double
    var ingestMBps: Double
    var reingestSpeedup: Double
    var indexBytes: Int
    var searchP50Ms: Double
    var searchP95Ms: Double
    var searchP99Ms: Double
    var qps: Double
    var peakRSSMB: Double
    var queries: Int
    var queriesWithHits: Int
    /// Seconds from opening the data directory in a new engine to its first answer:
    /// what `eyecrest serve` spends rebuilding the in-memory index of the dataset.
    var openSeconds: Double
    /// Bytes of the in-memory index (segments, postings, positions, section facts).
    var indexMemoryBytes: Int
    /// With `--check-pruning`: the requests answered both with score bounds and by scoring
    /// every match, all with the same hits and scores (the bench fails otherwise).
    var pruningChecked: Int?

    func table() -> String {
        let check = pruningChecked.map { "\npruning check       \($0) requests, same answers as exhaustive scoring" } ?? ""
        return """
            files               \(files)
            sections            \(sections)
            markdown            \(f(markdownMB)) MB
            ingest              \(f(ingestMBps)) MB/s
            re-ingest speedup   \(f(reingestSpeedup, 1))x
            index on disk       \(f(Double(indexBytes) / 1_000_000, 1)) MB
            search p50          \(f(searchP50Ms, 3)) ms
            search p95          \(f(searchP95Ms, 3)) ms
            search p99          \(f(searchP99Ms, 3)) ms
            queries per second  \(f(qps, 0)) (one thread, \(queries) queries, \(queriesWithHits) with hits)
            peak RSS            \(f(peakRSSMB, 0)) MB
            open to first hit   \(f(openSeconds, 2)) s
            index in memory     \(f(Double(indexMemoryBytes) / 1_000_000, 1)) MB
            """ + check
    }
}
