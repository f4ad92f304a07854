import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest load`: concurrent readers and writers against a running server, through the
/// HTTP API and the Swift SDK, for a fixed time. It reports throughput, latency
/// percentiles, errors and (with `--server-pid`) the server's memory over the run, and
/// exits non-zero when any request failed.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load-test a running server with concurrent searches and writes.",
        discussion: """
            Fills a dataset with the corpus first (in batches, like push), then runs the \
            readers and writers side by side for --duration seconds. Readers search the \
            seeded query set of 'eyecrest bench'; writers upsert small batches of corpus \
            files with changed content, and now and then delete a batch and add it back. \
            A dataset named with --dataset is kept; the fresh default one is deleted at the end.
            """)

    @OptionGroup var options: ClientOptions

    @Option(name: .customLong("corpus"), help: "A folder or a .tar.gz of markdown; repeat for several.")
    var corpora: [String]

    @Option(help: "The dataset to fill and load. [default: a fresh name, deleted at the end]")
    var dataset: String?

    @Option(help: "Shards of the dataset, if it is created. [default: the server's]")
    var shards: Int?

    @Option(help: "Concurrent searching connections.")
    var readers = 32

    @Option(help: "Concurrent writing connections.")
    var writers = 4

    @Option(help: "Seconds to run the load.")
    var duration = 60

    @Option(help: "The primary region of the dataset, if it is created (a cluster's region).")
    var primaryRegion: String?

    @Option(name: .customLong("replica-region"), help: "A replica region of the dataset, if it is created; repeat for several. Replica lag is then sampled and reported.")
    var replicaRegions: [String] = []

    @Flag(inversion: .prefixedNo, help: "Whether writes wait for the replicas (waitForReplication).")
    var waitForReplication = true

    @Option(help: "Files per write batch.")
    var batchSize = 5

    @Option(help: "The server's process id: its VmRSS is sampled from /proc once a second.")
    var serverPid: Int32?

    @Option(help: ArgumentHelp(
        "Reshard the dataset to this many shards a third of the way into the load, and report latencies before and during the move.",
        valueName: "shards"))
    var reshardTo: Int?

    @Option(help: "Seed of the query set and the writers' choices.")
    var seed: UInt64 = 42

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    /// Files per request while filling the dataset, under the server's default batch limit.
    static let fillBatchFiles = 500

    func validate() throws {
        guard readers >= 0, writers >= 0, readers + writers > 0 else { throw ValidationError("--readers and --writers must not both be 0.") }
        guard duration >= 1 else { throw ValidationError("--duration must be at least 1 second.") }
        guard (1...1_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 1000.") }
        if let reshardTo, !(1...256).contains(reshardTo) { throw ValidationError("--reshard-to must be from 1 to 256.") }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let corpus = try Corpus.load(corpora, scratch: scratch.appendingPathComponent("corpus"))
        guard !corpus.files.isEmpty else { throw BenchError("no markdown files found") }
        var generator = QueryGenerator(seed: seed)
        let queries = generator.queries(for: corpus)
        let files = corpus.files.map { FileInput(filename: $0.filename, content: String(decoding: $0.content, as: UTF8.self)) }
        let datasetName = dataset ?? "load-\(UUID().uuidString.prefix(8).lowercased())"

        // One connection per worker, so no request waits for a free connection in the
        // client: waits measured are the server's.
        let report = try await options.client().withConnectionPool(maxConnections: readers + writers + 1) { client in
            let fillSeconds = try await fill(client, datasetName, files)
            let failures = LoadFailureLog()
            let reshard = reshardTo.map(ReshardDuringLoad.init)
            let workers = LoadWorkers(
                client: client, dataset: datasetName, files: files, queries: queries, deadline: .now + .seconds(duration),
                batchSize: batchSize, deleteEvery: 10, seed: seed, failures: failures, waitForReplication: waitForReplication, reshard: reshard)
            status("load: \(duration) s on \(datasetName) with readers: \(readers), writers: \(writers)")
            async let lag = replicaRegions.isEmpty
                ? [] : ReplicationLagSampler.sample(client, dataset: datasetName, until: workers.deadline)
            let reshardDelay = Duration.seconds(Double(duration) / 3)
            async let moved: ReshardDuringLoad.Outcome? = {
                guard let reshard else { return nil }
                return try await reshard.run(client, dataset: datasetName, after: reshardDelay, until: workers.deadline)
            }()
            let (tally, seconds, rss) = await runLoad(workers)
            let lagSamples = await lag
            let reshardOutcome = try await moved
            if dataset == nil { await deleteFresh(client, datasetName, after: tally) }
            return LoadReport(
                tally: tally, seconds: seconds, readers: readers, writers: writers, files: files.count, queries: queries.count,
                fillSeconds: fillSeconds, batchSize: batchSize, rss: rss,
                replication: replicaRegions.isEmpty ? nil : (waitForReplication, lagSamples), reshard: reshardOutcome)
        }
        print(json ? try report.json() : report.table())
        if report.errors > 0 { throw ExitCode.failure }
    }

    /// Creates the dataset and pushes the corpus in batches of ``fillBatchFiles`` files and
    /// at most ``PushCommand/maxBatchBytes``; returns the seconds it took. A failure here
    /// ends the command: it is not part of the load.
    private func fill(_ client: EyecrestClient, _ name: String, _ files: [FileInput]) async throws -> Double {
        let started = ContinuousClock.now
        try await client.createDataset(name, shards: shards, primaryRegion: primaryRegion, replicaRegions: replicaRegions.isEmpty ? nil : replicaRegions)
        var batch: [FileInput] = []
        var batchBytes = 0
        for file in files {
            let bytes = file.content.utf8.count
            if !batch.isEmpty, batch.count >= Self.fillBatchFiles || batchBytes + bytes > PushCommand.maxBatchBytes {
                _ = try await client.upsertFiles(name, files: batch)
                batch = []
                batchBytes = 0
            }
            batch.append(file)
            batchBytes += bytes
        }
        if !batch.isEmpty { _ = try await client.upsertFiles(name, files: batch) }
        let seconds = (ContinuousClock.now - started).seconds
        status("load: filled \(name) with \(files.count) files in \(String(format: "%.1f", seconds)) s")
        return seconds
    }

    /// Runs every reader and writer until the deadline while sampling the server's memory;
    /// returns the merged tally, the seconds until the last worker stopped, and the RSS
    /// samples with a final one taken after the load.
    private func runLoad(_ workers: LoadWorkers) async -> (LoadTally, Double, [RSSSample]) {
        let started = ContinuousClock.now
        async let sampled = ServerMemory.sample(pid: serverPid, from: started, until: workers.deadline)
        let tally = await withTaskGroup(of: LoadTally.self) { group in
            for index in 0..<readers { group.addTask { await workers.read(index, of: readers) } }
            for index in 0..<writers { group.addTask { await workers.write(index) } }
            var merged = LoadTally()
            for await tally in group { merged.merge(tally) }
            return merged
        }
        let seconds = (ContinuousClock.now - started).seconds
        var rss = await sampled
        if let serverPid, let last = ServerMemory.sample(pid: serverPid, since: started) { rss.append(last) }
        return (tally, seconds, rss)
    }

    /// Deletes the fresh dataset after a clean run. After failures it is kept for a look,
    /// and not asked for: a hung server would only make the command wait out one more
    /// timeout. A failure to delete is only reported, so it cannot hide the load's report.
    private func deleteFresh(_ client: EyecrestClient, _ name: String, after tally: LoadTally) async {
        guard tally.errorCount == 0 else { return status("load: kept \(name) after the failures") }
        do { try await client.deleteDataset(name) } catch { status("load: could not delete \(name): \(error)") }
    }

    private func status(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
