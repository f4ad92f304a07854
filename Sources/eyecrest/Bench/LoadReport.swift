import Foundation

/// The figures `eyecrest load` prints; the JSON keys are part of its interface. Reads are
/// searches; a write is one request of a writer (an upsert of a batch, or a delete).
/// Latencies cover successful requests only, measured by the client: queueing in the
/// server and the client's own decoding included. The RSS figures are the server's, and
/// nil without `--server-pid`.
struct LoadReport: Codable, Report {
    var durationSeconds: Double
    var readers: Int
    var writers: Int
    var files: Int
    var queries: Int
    var fillSeconds: Double

    var reads: Int
    var readsPerSecond: Double
    var readP50Ms: Double
    var readP95Ms: Double
    var readP99Ms: Double
    var writeBatches: Int
    var writeBatchesPerSecond: Double
    var writeFilesPerBatch: Int
    var writeP50Ms: Double
    var writeP99Ms: Double
    var errors: Int
    var errorsByKind: [String: Int]

    /// With replica regions: whether writes waited for them, and the replicas' largest
    /// lag over the samples (every 250 ms), at the 50th and 99th percentiles.
    var waitForReplication: Bool?
    var replicationLagP50Entries: Double?
    var replicationLagP99Entries: Double?
    var replicationLagP99Seconds: Double?

    /// With `--reshard-to`: the resharding, and latencies of requests started before it
    /// and while it ran.
    var reshard: ReshardDuringLoad.Outcome?
    var reshardFilesPerSecond: Double?
    var readP50BeforeMs: Double?
    var readP99BeforeMs: Double?
    var readP50DuringMs: Double?
    var readP99DuringMs: Double?
    var writeP50BeforeMs: Double?
    var writeP99BeforeMs: Double?
    var writeP50DuringMs: Double?
    var writeP99DuringMs: Double?

    var rssStartMB: Double?
    var rssPeakMB: Double?
    var rssEndMB: Double?
    /// End minus the sample nearest the middle of the run: the first half warms caches
    /// and memory-maps the database, so a leak shows as growth in the second half.
    var rssSecondHalfGrowthMB: Double?
    /// The anonymous part (heap, stacks) of the RSS at the start and end, and its growth
    /// over the second half; the rest is file-backed (see ``RSSSample``).
    var rssAnonStartMB: Double?
    var rssAnonEndMB: Double?
    var rssAnonSecondHalfGrowthMB: Double?

    init(tally: LoadTally, seconds: Double, readers: Int, writers: Int, files: Int, queries: Int, fillSeconds: Double, batchSize: Int, rss: [RSSSample],
        replication: (wait: Bool, lag: [ReplicationLagSampler.Sample])? = nil, reshard: ReshardDuringLoad.Outcome? = nil
    ) {
        let reads = tally.sortedLatencies { !$0.isWrite }
        let writes = tally.sortedLatencies { $0.isWrite }
        durationSeconds = seconds
        self.readers = readers
        self.writers = writers
        self.files = files
        self.queries = queries
        self.fillSeconds = fillSeconds
        self.reads = reads.count
        readsPerSecond = Double(reads.count) / seconds
        readP50Ms = percentile(reads, 0.50)
        readP95Ms = percentile(reads, 0.95)
        readP99Ms = percentile(reads, 0.99)
        writeBatches = writes.count
        writeBatchesPerSecond = Double(writes.count) / seconds
        writeFilesPerBatch = batchSize
        writeP50Ms = percentile(writes, 0.50)
        writeP99Ms = percentile(writes, 0.99)
        if let replication {
            waitForReplication = replication.wait
            let entries = replication.lag.map { Double($0.entries) }.sorted()
            let seconds = replication.lag.map(\.seconds).sorted()
            replicationLagP50Entries = percentile(entries, 0.50)
            replicationLagP99Entries = percentile(entries, 0.99)
            replicationLagP99Seconds = percentile(seconds, 0.99)
        }
        if let reshard {
            self.reshard = reshard
            reshardFilesPerSecond = reshard.seconds > 0 ? Double(reshard.files) / reshard.seconds : nil
            let readsBefore = tally.sortedLatencies(in: .before) { !$0.isWrite }
            let readsDuring = tally.sortedLatencies(in: .during) { !$0.isWrite }
            let writesBefore = tally.sortedLatencies(in: .before) { $0.isWrite }
            let writesDuring = tally.sortedLatencies(in: .during) { $0.isWrite }
            (readP50BeforeMs, readP99BeforeMs) = (percentile(readsBefore, 0.50), percentile(readsBefore, 0.99))
            (readP50DuringMs, readP99DuringMs) = (percentile(readsDuring, 0.50), percentile(readsDuring, 0.99))
            (writeP50BeforeMs, writeP99BeforeMs) = (percentile(writesBefore, 0.50), percentile(writesBefore, 0.99))
            (writeP50DuringMs, writeP99DuringMs) = (percentile(writesDuring, 0.50), percentile(writesDuring, 0.99))
        }
        errors = tally.errorCount
        errorsByKind = Dictionary(uniqueKeysWithValues: tally.errors.map { ($0.key.rawValue, $0.value) })
        if let first = rss.first, let last = rss.last {
            rssStartMB = first.megabytes
            rssEndMB = last.megabytes
            rssPeakMB = rss.map(\.megabytes).max()
            let middle = rss.min { abs($0.seconds - seconds / 2) < abs($1.seconds - seconds / 2) } ?? first
            rssSecondHalfGrowthMB = last.megabytes - middle.megabytes
            rssAnonStartMB = first.anonymousMegabytes
            rssAnonEndMB = last.anonymousMegabytes
            rssAnonSecondHalfGrowthMB = last.anonymousMegabytes - middle.anonymousMegabytes
        }
    }

    /// The resharding's lines of ``table()``, empty without `--reshard-to`.
    private var reshardLines: String {
        guard let reshard, let readP50BeforeMs, let readP99BeforeMs, let readP50DuringMs, let readP99DuringMs, let writeP50BeforeMs,
            let writeP99BeforeMs, let writeP50DuringMs, let writeP99DuringMs
        else { return "" }
        let rate = reshardFilesPerSecond.map { ", \(f($0, 0)) files/s" } ?? ""
        return """
            resharding          \(reshard.from) -> \(reshard.to) shards: \(reshard.files) files in \(f(reshard.seconds, 1)) s\(rate)\(reshard.finished ? "" : " (not finished when the load ended)")
            read p50/p99        before \(f(readP50BeforeMs)) / \(f(readP99BeforeMs)) ms, during \(f(readP50DuringMs)) / \(f(readP99DuringMs)) ms
            write p50/p99       before \(f(writeP50BeforeMs)) / \(f(writeP99BeforeMs)) ms, during \(f(writeP50DuringMs)) / \(f(writeP99DuringMs)) ms

            """
    }

    /// The replication figures' line of ``table()``, empty without replicas.
    private var replicationLine: String {
        guard let waitForReplication, let replicationLagP50Entries, let replicationLagP99Entries, let replicationLagP99Seconds else { return "" }
        return "replica lag         p50 \(f(replicationLagP50Entries, 0)) / p99 \(f(replicationLagP99Entries, 0)) entries, p99 \(f(replicationLagP99Seconds, 2)) s (writes \(waitForReplication ? "waited" : "did not wait"))\n"
    }

    func table() -> String {
        var memory = "not sampled (no --server-pid)"
        func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + f(value, 1) }
        if let rssStartMB, let rssPeakMB, let rssEndMB, let rssSecondHalfGrowthMB, let rssAnonStartMB, let rssAnonEndMB,
            let rssAnonSecondHalfGrowthMB
        {
            memory = """
                start \(f(rssStartMB, 0)) MB, peak \(f(rssPeakMB, 0)) MB, end \(f(rssEndMB, 0)) MB (second half \(signed(rssSecondHalfGrowthMB)) MB)
                                    anonymous \(f(rssAnonStartMB, 0)) MB to \(f(rssAnonEndMB, 0)) MB (second half \(signed(rssAnonSecondHalfGrowthMB)) MB)
                """
        }
        let failed = errorsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return """
            duration            \(f(durationSeconds, 1)) s (\(readers) readers, \(writers) writers, \(files) files, filled in \(f(fillSeconds, 1)) s)
            reads               \(reads) (\(f(readsPerSecond, 1))/s, \(queries) queries)
            read p50/p95/p99    \(f(readP50Ms)) / \(f(readP95Ms)) / \(f(readP99Ms)) ms
            write batches       \(writeBatches) (\(f(writeBatchesPerSecond, 1))/s, \(writeFilesPerBatch) files each)
            write p50/p99       \(f(writeP50Ms)) / \(f(writeP99Ms)) ms
            \(replicationLine)\(reshardLines)errors              \(errors)\(failed.isEmpty ? "" : " (\(failed))")
            server RSS          \(memory)
            """
    }
}
