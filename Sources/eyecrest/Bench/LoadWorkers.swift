import EyecrestClient
import EyecrestMarkdown

/// The loops `eyecrest load` runs side by side until the deadline: readers searching and
/// writers changing files, each against the same dataset through one client (whose
/// connection pool holds a connection per worker). A loop checks the deadline before each
/// request, so a request in flight at the deadline still completes and is counted.
struct LoadWorkers: Sendable {
    var client: EyecrestClient
    var dataset: String
    /// The corpus, as pushed before the load started.
    var files: [FileInput]
    var queries: [String]
    var deadline: ContinuousClock.Instant
    /// Files per upsert (and per delete).
    var batchSize: Int
    /// Every this many batches a writer deletes its files and adds them back.
    var deleteEvery: Int
    var seed: UInt64
    var failures: LoadFailureLog
    /// Sent with every write.
    var waitForReplication: Bool
    /// With `--reshard-to`: tells which window a request started in.
    var reshard: ReshardDuringLoad? = nil

    /// Searches the query set in order, reader `index` starting at its own offset so the
    /// readers spread over the query kinds (rare, common, AND, phrase, prefix) at any time.
    func read(_ index: Int, of readers: Int) async -> LoadTally {
        var tally = LoadTally()
        guard !queries.isEmpty else { return tally }
        var next = index * queries.count / max(readers, 1)
        while ContinuousClock.now < deadline {
            let query = queries[next % queries.count]
            next += 1
            await timed(.search, &tally) { _ = try await client.search(dataset, query: query) }
        }
        return tally
    }

    /// Upserts batches of random corpus files with a line appended that differs every
    /// time, so each upsert really re-chunks and re-indexes (an unchanged file would be
    /// skipped by its SHA). Every `deleteEvery` batches it deletes the batch's files
    /// instead and adds them back as they were, which exercises removing sections from
    /// the index while readers search it.
    func write(_ index: Int) async -> LoadTally {
        var tally = LoadTally()
        var random = SplitMix64(seed: seed &+ 0x5EED &* UInt64(index + 1))
        var batchNumber = 0
        while ContinuousClock.now < deadline {
            batchNumber += 1
            let batch = pickBatch(&random)
            if batchNumber % deleteEvery == 0 {
                await timed(.delete, &tally) { _ = try await client.deleteFiles(dataset, filenames: batch.map(\.filename), waitForReplication: waitForReplication) }
                // Added back even past the deadline, so the dataset ends complete.
                await timed(.upsert, &tally) { _ = try await client.upsertFiles(dataset, files: batch, waitForReplication: waitForReplication) }
            } else {
                let changed = batch.map { file in
                    var file = file
                    file.content += "\n\nLoad revision \(index).\(batchNumber).\n"
                    return file
                }
                await timed(.upsert, &tally) { _ = try await client.upsertFiles(dataset, files: changed, waitForReplication: waitForReplication) }
            }
        }
        return tally
    }

    /// Distinct files: a batch naming one file twice would be refused by the server.
    private func pickBatch(_ random: inout SplitMix64) -> [FileInput] {
        let count = min(batchSize, files.count)
        var picked = Set<Int>()
        while picked.count < count { picked.insert(random.next(below: files.count)) }
        return picked.sorted().map { files[$0] }
    }

    /// Runs one request, recording its latency when it succeeds. Any thrown error counts:
    /// the client throws for every non-2xx answer and for transport failures alike.
    private func timed(_ kind: LoadRequestKind, _ tally: inout LoadTally, _ request: () async throws -> Void) async {
        let started = ContinuousClock.now
        let window = reshard?.window
        do {
            try await request()
            tally.succeeded(kind, milliseconds: (ContinuousClock.now - started).seconds * 1000, window: window)
        } catch {
            tally.failed(kind)
            await failures.report(kind, error)
        }
    }
}
