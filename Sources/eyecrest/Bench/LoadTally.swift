/// The requests `eyecrest load` sends. Searches are reads; upserts and deletes are writes.
enum LoadRequestKind: String, CaseIterable, Codable, Sendable {
    case search, upsert, delete

    var isWrite: Bool { self != .search }
}

/// What one load worker measured: each successful request's latency in milliseconds and
/// the number of failed requests, per kind. Every worker fills its own tally and hands it
/// back when it stops, so nothing is shared while the load runs; the tallies are merged
/// at the end. A sorted array gives exact percentiles, and at a few thousand requests a
/// second for a minute it stays a few megabytes.
struct LoadTally: Sendable {
    private(set) var latencies: [LoadRequestKind: [Double]] = [:]
    private(set) var errors: [LoadRequestKind: Int] = [:]
    /// With `--reshard-to`: the same latencies by when the request started.
    private(set) var byWindow: [ReshardDuringLoad.Window: [LoadRequestKind: [Double]]] = [:]

    mutating func succeeded(_ kind: LoadRequestKind, milliseconds: Double, window: ReshardDuringLoad.Window? = nil) {
        latencies[kind, default: []].append(milliseconds)
        if let window { byWindow[window, default: [:]][kind, default: []].append(milliseconds) }
    }

    mutating func failed(_ kind: LoadRequestKind) {
        errors[kind, default: 0] += 1
    }

    mutating func merge(_ other: LoadTally) {
        latencies.merge(other.latencies, uniquingKeysWith: +)
        errors.merge(other.errors, uniquingKeysWith: +)
        byWindow.merge(other.byWindow) { mine, theirs in mine.merging(theirs, uniquingKeysWith: +) }
    }

    /// The latencies of the kinds that match (started in `window`, when given),
    /// ascending, ready for ``percentile(_:_:)``.
    func sortedLatencies(in window: ReshardDuringLoad.Window? = nil, where matches: (LoadRequestKind) -> Bool) -> [Double] {
        let source = window.map { byWindow[$0] ?? [:] } ?? latencies
        return source.filter { matches($0.key) }.values.flatMap { $0 }.sorted()
    }

    var errorCount: Int { errors.values.reduce(0, +) }
}
