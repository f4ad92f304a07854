import Foundation
import Synchronization

/// Online resharding (docs/engine.md, "Resharding"): a dataset's shard count changes while
/// it serves reads and writes, and a crash at any moment resumes where it was.
///
/// 1. **Start** (alone on the dataset, a few milliseconds): each old shard's largest row
///    id and log position are recorded in the catalog with one job per old shard, and the
///    next generation's shards are created. Old shards keep their log from then on.
/// 2. **Copy**: each job copies its shard's files, in row-id order up to the recorded row
///    id, in batches, into the new shard each name hashes to, persisting its cursor after
///    every batch. Meanwhile every write goes to the old shard and then to the new one
///    (double writes). Copies and double writes carry the old shard's log number as the
///    file's version, and the new shard keeps the last version it applied to each name
///    (deletions included): a late copy never overwrites a newer file or brings back a
///    deleted one.
/// 3. **Switch**: the new shards replay every old-shard log entry since the start (by
///    version, so what the double writes brought is skipped; what a crash between the two
///    writes missed is not), first while serving, then alone on the dataset for the last
///    entries. File counts are compared, and one catalog transaction makes the new
///    generation current. The old shards' files are then deleted.
///
/// Reads use the old shards until the switch and the new ones after it: a complete set
/// either way, so no file is counted twice and scores are those of the same files on
/// one shard.
extension Engine {
    /// Files one copy batch takes at most (and about 8 MB of content).
    static let reshardBatchFiles = 256

    /// Changes a dataset's shard count to `shards`, online. Returns the resharding that
    /// runs (`started` when this call began it), or nil when the dataset already has that
    /// many shards and none runs. Asking for the count being resharded to returns the
    /// current state; asking for another throws ``EngineError/reshardingInProgress(_:)``.
    public func reshard(org: String, id: String, to shards: Int) async throws -> (state: Resharding, started: Bool)? {
        guard (1...Self.maxShards).contains(shards) else {
            throw EngineError.invalidArgument("shards must be between 1 and \(Self.maxShards).")
        }
        let config = try await dataset(org: org, id: id)
        let key = DatasetKey(org: org, id: id)
        let catalog = self.catalog
        let failures = self.failures
        if let running = try failures.translating({ try catalog.resharding(org: org, id: id) }) {
            guard running.to == shards else {
                throw EngineError.reshardingInProgress(
                    "Dataset '\(id)' is being resharded from \(running.from) to \(running.to) shards; wait until it is done.")
            }
            startResharding(key)
            return (running, false)
        }
        guard config.shardCount != shards else { return nil }
        let begun = Mutex<(state: Resharding, started: Bool)?>(nil)
        let chunker = self.chunker
        let folder = Self.datasetsFolder(dataDirectory)
        try await exclusive(org: org, id: id) {
            try failures.translating {
                guard let config = try catalog.dataset(org: org, id: id) else { throw EngineError.datasetNotFound(id) }
                if let existing = try catalog.resharding(org: org, id: id) {
                    begun.withLock { $0 = (existing, false) }
                    return
                }
                guard config.shardCount != shards else { return }
                let datasetFolder = folder.appendingPathComponent(config.storageID)
                let jobs = try (0..<config.shardCount).map { index in
                    let store = try ShardStore(
                        path: Self.shardPath(datasetFolder, index, generation: config.generation), chunker: chunker, failures: failures)
                    defer { try? store.close() }
                    let start = try store.reshardingStart()
                    return ReshardJob(
                        shard: index, lastRowID: start.lastRowID, startSeq: start.seq, cursor: 0, filesMoved: 0,
                        filesToMove: start.files, done: false)
                }
                // Leftovers of a generation that never started (a crash before the
                // catalog recorded it) must not be mistaken for copies.
                Self.removeShardFiles(in: datasetFolder) { $0.generation == config.generation + 1 }
                if let state = try catalog.beginResharding(org: org, id: id, to: shards, jobs: jobs, at: Date()) {
                    begun.withLock { $0 = (state, true) }
                }
            }
        }
        guard let outcome = begun.withLock({ $0 }) else { return nil }
        guard outcome.state.to == shards else {
            throw EngineError.reshardingInProgress(
                "Dataset '\(id)' is being resharded from \(outcome.state.from) to \(outcome.state.to) shards; wait until it is done.")
        }
        startResharding(key)
        return outcome
    }

    /// The resharding running on a dataset, with its jobs' progress; nil when none runs.
    public func resharding(org: String, id: String) async throws -> Resharding? {
        _ = try await dataset(org: org, id: id)
        return try failures.translating { try catalog.resharding(org: org, id: id) }
    }

    /// Every resharding in progress on this node, for metrics.
    public func reshardings() throws -> [(key: DatasetKey, state: Resharding)] {
        try failures.translating {
            try catalog.reshardingDatasets().compactMap { key in
                try catalog.resharding(org: key.org, id: key.id).map { (key, $0) }
            }
        }
    }

    /// Resumes every resharding a stop or crash interrupted. Servers call it at start.
    public func resumeResharding() {
        for key in (try? catalog.reshardingDatasets()) ?? [] { startResharding(key) }
    }

    /// Returns when the dataset's resharding task has ended (finished, or stopped because
    /// the dataset was deleted or the engine is stopping).
    public func waitForResharding(org: String, id: String) async {
        await resharder.wait(DatasetKey(org: org, id: id))
    }

    /// Stops the resharding tasks after their current batch; their state is kept and
    /// ``resumeResharding()`` continues them.
    public func stopResharding() {
        resharder.cancelAll()
    }

    /// Starts the task that carries `key`'s resharding to its end, retrying after
    /// failures (a full disk, the dataset busy being replaced) until it is done, the
    /// dataset is gone or the task is cancelled. The task holds the engine only while a
    /// step runs: an engine nobody else holds ends it.
    private func startResharding(_ key: DatasetKey) {
        resharder.start(key) { [weak self] in
            var delay = Duration.milliseconds(100)
            while !Task.isCancelled {
                let failure: (any Error)?
                do {
                    guard let engine = self else { return }
                    failure = await engine.attemptResharding(key)
                }
                guard let failure else { return }
                self?.logger.warning("resharding failed; retrying", metadata: ["dataset": "\(key.org)/\(key.id)", "error": "\(failure)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    /// One attempt at finishing a resharding; the error to retry after, or nil when
    /// there is nothing more to do (done, dataset gone, cancelled).
    private func attemptResharding(_ key: DatasetKey) async -> (any Error)? {
        do {
            try await reshardOnce(key)
            return nil
        } catch EngineError.datasetNotFound {
            return nil
        } catch is CancellationError {
            return nil
        } catch {
            return error
        }
    }

    private func reshardOnce(_ key: DatasetKey) async throws {
        guard let state = try failures.translating({ try catalog.resharding(org: key.org, id: key.id) }) else { return }
        let config = try await dataset(org: key.org, id: key.id)
        if state.phase == .copying {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for job in state.jobs where !job.done {
                    group.addTask { try await self.runJob(job, key: key, config: config, to: state.to) }
                }
                try await group.waitForAll()
            }
            try failures.translating { try catalog.setReshardingPhase(org: key.org, id: key.id, .switching) }
        }
        try await switchGeneration(key, config: config, state: state)
    }

    /// Leases the dataset for one step of its resharding, making sure it is still the
    /// same dataset (not deleted, or deleted and created again) and still resharding.
    func leaseResharding(_ key: DatasetKey, config: DatasetConfig, to shards: Int) async throws -> DatasetHandle {
        let handle = try await lease(org: key.org, id: key.id)
        guard handle.config.storageID == config.storageID, handle.target.count == shards else {
            handle.release()
            throw EngineError.datasetNotFound(key.id)
        }
        return handle
    }
}
