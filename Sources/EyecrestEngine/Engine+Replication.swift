import Foundation

/// The engine's side of replication: each shard's operation log read after a position
/// (on a primary), applied in order (on a replica), and whole-shard snapshots for a copy
/// that is new or fell behind the log. Which node plays which part is decided above the
/// engine.
extension Engine {
    /// Each shard's position, in shard order.
    public func logPositions(org: String, dataset id: String) async throws -> [LogPosition] {
        try await withDataset(org: org, id: id) { handle in
            try await Searcher.forEachShard(handle.shards) { _, store in try store.position() }
        }
    }

    /// The entries of `shard`'s log after `position` (at most `limit`, and about 8 MB of
    /// content), with the current state of the files they name.
    public func readLog(org: String, dataset id: String, shard: Int, after position: LogPosition, limit: Int = 1_000) async throws -> LogBatch {
        try await withShard(org: org, id: id, shard: shard) { store in try store.readLog(after: position, limit: limit) }
    }

    /// Applies a primary's batch to this copy of `shard`; returns the new position.
    /// Throws ``ReplicationError`` when the batch does not follow this copy's history.
    public func applyLog(org: String, dataset id: String, shard: Int, _ batch: LogBatch) async throws -> LogPosition {
        let position = try await withShard(org: org, id: id, shard: shard) { store in try await store.applyLog(batch, shard: shard) }
        commits.signal(DatasetKey(org: org, id: id))
        return position
    }

    /// When `shard`'s first entry after `seq` was written, in seconds since 1970; nil when
    /// a copy at `seq` is current.
    public func timeOfEntry(org: String, dataset id: String, shard: Int, after seq: Int64) async throws -> Double? {
        try await withShard(org: org, id: id, shard: shard) { store in try store.timeOfEntry(after: seq) }
    }

    /// Writes a consistent copy of `shard` to `destination` (a new file); returns its position.
    public func snapshot(org: String, dataset id: String, shard: Int, to destination: URL) async throws -> LogPosition {
        try await withShard(org: org, id: id, shard: shard) { store in try store.snapshot(to: destination.path) }
    }

    /// Replaces this copy of `shard` with the snapshot at `source` (moved into place) and
    /// returns its position. Operations on the dataset wait while it happens; the snapshot
    /// is opened (and migrated) before anything is replaced, so a bad file changes nothing.
    public func installSnapshot(org: String, dataset id: String, shard: Int, from source: URL) async throws -> LogPosition {
        let config = try await dataset(org: org, id: id)
        guard (0..<config.shardCount).contains(shard) else { throw EngineError.invalidArgument("No shard \(shard).") }
        let failures = self.failures
        let chunker = self.chunker
        let target = Self.shardPath(
            Self.datasetsFolder(dataDirectory).appendingPathComponent(config.storageID), shard, generation: config.generation)
        try await exclusive(org: org, id: id) {
            try failures.translating {
                // Opened to migrate and read its position only: no index is built.
                let check = try ShardStore(path: source.path, chunker: chunker, failures: failures, indexed: false)
                _ = try check.position()
                try check.close()
                let fileManager = FileManager.default
                // The old WAL goes first: frames of the old database must never be
                // replayed onto the new one. A crash in between leaves the old database
                // at its last checkpoint, an older but consistent copy that catches up.
                for suffix in ["-wal", "-shm"] where fileManager.fileExists(atPath: target + suffix) {
                    try fileManager.removeItem(atPath: target + suffix)
                }
                for suffix in ["-wal", "-shm"] where fileManager.fileExists(atPath: source.path + suffix) {
                    try fileManager.removeItem(atPath: source.path + suffix)
                }
                guard rename(source.path, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
        }
        commits.signal(DatasetKey(org: org, id: id))
        return try await logPositions(org: org, dataset: id)[shard]
    }

    /// Every dataset on this node, of every org (the cluster reconciles them with the
    /// placements it knows).
    public func allDatasets() throws -> [DatasetConfig] {
        try failures.translating { try catalog.allDatasets() }
    }

    /// Records where a dataset lives. The open handle is retired so the next operation
    /// sees the new placement (and writes under its epoch).
    public func setPlacement(org: String, id: String, _ placement: DatasetPlacement) async throws {
        try Validation.validateDatasetID(id)
        let catalog = self.catalog
        let failures = self.failures
        try await exclusive(org: org, id: id) {
            guard try failures.translating({ try catalog.setPlacement(org: org, id: id, placement) }) else {
                throw EngineError.datasetNotFound(id)
            }
        }
    }

    private func withShard<T>(org: String, id: String, shard: Int, _ body: (ShardStore) async throws -> T) async throws -> T {
        try await withDataset(org: org, id: id) { handle in
            guard handle.shards.indices.contains(shard) else { throw EngineError.invalidArgument("No shard \(shard).") }
            return try await body(handle.shards[shard])
        }
    }
}
