import ArgumentParser
import EyecrestEngine
import Foundation

/// `eyecrest bench`: ingest, re-ingest and query a corpus through the engine, in a
/// temporary data directory, and report throughput, latency, disk and memory.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest and search on markdown corpora (folders or .tar.gz).")

    @Option(name: .customLong("corpus"), help: "A folder or a .tar.gz of markdown; repeat for several.")
    var corpora: [String]

    @Option(help: "A JSON array of query strings to run instead of the generated set.")
    var queries: String?

    @Option(help: "Shards of the benchmark dataset.")
    var shards = 1

    @Option(help: "Files per upsert batch.")
    var batchSize = 500

    @Option(help: "Seed of the generated query set.")
    var seed: UInt64 = 42

    @Option(help: "Ingest the corpus this many times, each copy under its own folder (scale runs).")
    var copies = 1

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "After timing, answer every query again by scoring every match, and fail unless the hits and scores are the same.")
    var checkPruning = false

    @Flag(help: "Time searches that score every match instead of skipping blocks by their score bounds (to measure the pruning).")
    var exhaustive = false

    @Flag(help: "Also print each query's latency to standard error, slowest last.")
    var verbose = false

    @Option(help: ArgumentHelp("Keep the benchmark's data directory here instead of a temporary one.", visibility: .hidden))
    var keepData: String?

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        var corpus = try Corpus.load(corpora, scratch: scratch.appendingPathComponent("corpus"))
        if copies > 1 {
            let original = corpus.files
            corpus.files = (0..<copies).flatMap { copy in
                original.map { FileUpload(filename: "copy\(copy)/\($0.filename)", content: $0.content) }
            }
        }
        guard !corpus.files.isEmpty else { throw BenchError("no markdown files found") }
        let querySet = try loadQueries() ?? { var generator = QueryGenerator(seed: seed); return generator.queries(for: corpus) }()

        let dataDirectory = keepData.map { URL(fileURLWithPath: $0) } ?? scratch.appendingPathComponent("data")
        let engine = try Engine(dataDirectory: dataDirectory)
        try await engine.createDataset(org: "bench", id: "bench", shards: shards)

        let ingestSeconds = try await time { try await ingest(corpus, into: engine) }
        let reingestSeconds = try await time { try await ingest(corpus, into: engine) }
        let stats = try await engine.stats(org: "bench", dataset: "bench")

        for query in querySet { _ = try await engine.search(org: "bench", dataset: "bench", SearchRequest(query: query), exhaustive: exhaustive) }
        var latencies: [Double] = []
        var byQuery: [(String, Double)] = []
        var hits = 0
        for query in querySet {
            var response: SearchResponse?
            let seconds = try await time {
                response = try await engine.search(org: "bench", dataset: "bench", SearchRequest(query: query), exhaustive: exhaustive)
            }
            hits += response?.hits.isEmpty == false ? 1 : 0
            latencies.append(seconds * 1000)
            byQuery.append((query, seconds * 1000))
        }
        if verbose {
            for (query, ms) in byQuery.sorted(by: { $0.1 < $1.1 }) {
                FileHandle.standardError.write(Data(String(format: "%9.3f ms  %@\n", ms, query).utf8))
            }
        }
        latencies.sort()
        let indexMemoryBytes = try await engine.indexMemoryBytes(org: "bench", dataset: "bench")
        // Before the reopening below, which holds a second copy of the index.
        let peakRSS = peakRSSMegabytes()
        let pruningChecked = checkPruning ? try await comparePruning(querySet, engine: engine) : nil
        let openSeconds = try await time {
            let reopened = try Engine(dataDirectory: dataDirectory)
            _ = try await reopened.search(org: "bench", dataset: "bench", SearchRequest(query: querySet.first ?? "a"))
        }
        let megabytes = Double(corpus.bytes) / 1_000_000
        let report = BenchReport(
            files: corpus.files.count, sections: stats.sections, markdownMB: megabytes,
            ingestMBps: megabytes / ingestSeconds, reingestSpeedup: ingestSeconds / reingestSeconds,
            indexBytes: stats.diskBytes, searchP50Ms: percentile(latencies, 0.50), searchP95Ms: percentile(latencies, 0.95),
            searchP99Ms: percentile(latencies, 0.99), qps: Double(latencies.count) / (latencies.reduce(0, +) / 1000),
            peakRSSMB: peakRSS, queries: querySet.count, queriesWithHits: hits, openSeconds: openSeconds,
            indexMemoryBytes: indexMemoryBytes, pruningChecked: pruningChecked)
        print(json ? try report.json() : report.table())
    }

    /// Answers each query with and without score bounds (first and second page, one and
    /// five sections per file); returns the requests compared, or throws at the first
    /// difference.
    private func comparePruning(_ querySet: [String], engine: Engine) async throws -> Int {
        var compared = 0
        for query in querySet {
            for (page, maxChunks) in [(0, 5), (1, 1)] {
                let request = SearchRequest(query: query, page: page, perPage: 20, maxChunksPerFile: maxChunks)
                let pruned = try await engine.search(org: "bench", dataset: "bench", request)
                let exhaustive = try await engine.search(org: "bench", dataset: "bench", request, exhaustive: true)
                func answer(_ response: SearchResponse) -> [String] {
                    response.hits.map { "\($0.filename):\($0.startLine):\($0.part):\($0.score)" } + ["\(response.hasNextPage)"]
                }
                guard answer(pruned) == answer(exhaustive) else {
                    throw BenchError("pruning changed the answer to '\(query)' (page \(page), \(maxChunks) per file)")
                }
                compared += 1
            }
        }
        return compared
    }

    private func ingest(_ corpus: Corpus, into engine: Engine) async throws {
        var start = 0
        while start < corpus.files.count {
            let batch = Array(corpus.files[start..<min(start + batchSize, corpus.files.count)])
            _ = try await engine.upsertFiles(org: "bench", dataset: "bench", files: batch)
            start += batchSize
        }
    }

    private func loadQueries() throws -> [String]? {
        guard let queries else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: queries))
        return try JSONDecoder().decode([String].self, from: data)
    }
}

private func time(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try await clock.measure { try await body() }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The nearest-rank percentile of an ascending array (`fraction` from 0 to 1); 0 when empty.
/// Shared by `bench` and `load`.
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// The high-water mark of resident memory, from /proc (Linux).
private func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}
