import Foundation

/// A resharding's copy (docs/engine.md, "Resharding"): one job per old shard copies its
/// files into the new shards in resumable batches, and every write made meanwhile is
/// written to the new shards too. Both stamp each change with its version.
extension Engine {
    /// Copies one old shard's files, batch by batch, persisting the cursor after each.
    func runJob(_ job: ReshardJob, key: DatasetKey, config: DatasetConfig, to shards: Int) async throws {
        var job = job
        while true {
            try Task.checkCancellation()
            let handle = try await leaseResharding(key, config: config, to: shards)
            defer { handle.release() }
            let batch = try handle.shards[job.shard].filesToCopy(after: job.cursor, through: job.lastRowID, limit: Self.reshardBatchFiles)
            if let last = batch.last {
                try await copy(batch.map(\.state), into: handle.target)
                job.cursor = last.rowID
                job.filesMoved += batch.count
            } else {
                job.done = true
            }
            let progress = job
            try failures.translating { try catalog.recordProgress(org: key.org, id: key.id, job: progress) }
            if job.done { return }
        }
    }

    /// Applies stored files (and deletions) to the new shards their names hash to, each
    /// stamped with its version. Decoding and chunking happen before any writer is taken.
    func copy(_ files: [FileState], deleted: [String: Int64] = [:], into target: [ShardStore]) async throws {
        var changes: [VersionedChange] = []
        for state in files {
            changes.append(.upsert(try FilePreparation.decoded(state, chunker: chunker), version: state.seq))
            // Chunking is CPU work on the shared concurrency pool: a resharding running
            // for seconds must leave requests their turns between files.
            await Task.yield()
        }
        for (name, version) in deleted { changes.append(.delete(filename: name, version: version)) }
        try await applyToTarget(changes, target: target)
    }

    private func applyToTarget(_ changes: [VersionedChange], target: [ShardStore]) async throws {
        var byShard: [Int: [VersionedChange]] = [:]
        for change in changes {
            byShard[ShardHash.shard(of: change.filename, shardCount: target.count), default: []].append(change)
        }
        let grouped = byShard
        _ = try await Searcher.forEachShard(target) { index, store in
            guard let changes = grouped[index] else { return 0 }
            return try await store.applyVersioned(changes, shard: index)
        }
    }

    /// The second write of a write made during a resharding. A failure is logged, not
    /// thrown: the write is committed in the old shard, which is what reads use, and the
    /// switch replays it from the old shard's log.
    func doubleWrite(_ changes: [VersionedChange], handle: DatasetHandle) async {
        guard !changes.isEmpty else { return }
        do {
            try await applyToTarget(changes, target: handle.target)
        } catch {
            logger.warning(
                "a double write failed; the switch will replay it",
                metadata: ["dataset": "\(handle.config.orgID)/\(handle.config.datasetID)", "error": "\(error)"])
        }
    }
}
