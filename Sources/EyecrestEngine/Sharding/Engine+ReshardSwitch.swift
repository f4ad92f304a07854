import Foundation

/// A resharding's switch (docs/engine.md, "Resharding"): the new shards catch up with
/// the old shards' logs, then one catalog transaction makes them current and the old
/// databases are deleted.
extension Engine {
    /// Brings the new shards up to date with every entry of `source`'s log after `seq`;
    /// returns the last entry replayed.
    private func catchUp(_ source: ShardStore, after seq: Int64, into target: [ShardStore]) async throws -> Int64 {
        var seq = seq
        while true {
            let page = try source.changes(after: seq, limit: 1_000)
            guard let last = page.last else { return seq }
            try await copy(Array(page.files.values), deleted: page.deleted, into: target)
            seq = last
        }
    }

    /// Catches the new shards up, then makes them current in one catalog transaction
    /// and deletes the old ones.
    func switchGeneration(_ key: DatasetKey, config: DatasetConfig, state: Resharding) async throws {
        // While serving: most of what happened since the start.
        var replayed = state.jobs.map(\.startSeq)
        do {
            let handle = try await leaseResharding(key, config: config, to: state.to)
            defer { handle.release() }
            for (index, source) in handle.shards.enumerated() {
                replayed[index] = try await catchUp(source, after: replayed[index], into: handle.target)
            }
        }
        // Alone on the dataset: the last entries, the check, the switch.
        let from = replayed
        let folder = Self.datasetsFolder(dataDirectory).appendingPathComponent(config.storageID)
        let (catalog, failures, chunker, retention) = (self.catalog, self.failures, self.chunker, self.logRetention)
        try await exclusive(org: key.org, id: key.id) {
            guard let current = try failures.translating({ try catalog.dataset(org: key.org, id: key.id) }),
                current.storageID == config.storageID,
                try failures.translating({ try catalog.resharding(org: key.org, id: key.id) }) != nil
            else { throw EngineError.datasetNotFound(key.id) }
            let stores = try failures.translating {
                let open = { (index: Int, generation: Int) in
                    // The dataset's epoch and retention, as its handle's stores have them.
                    try ShardStore(
                        path: Self.shardPath(folder, index, generation: generation), chunker: chunker, failures: failures,
                        epoch: config.placement.epoch, logRetention: retention)
                }
                return (old: try (0..<state.from).map { try open($0, config.generation) },
                        new: try (0..<state.to).map { try open($0, config.generation + 1) })
            }
            defer { for store in stores.old + stores.new { try? store.close() } }
            for (index, source) in stores.old.enumerated() {
                _ = try await self.catchUp(source, after: from[index], into: stores.new)
            }
            let before = try stores.old.reduce(0) { $0 + (try $1.counts().files) }
            let after = try stores.new.reduce(0) { $0 + (try $1.counts().files) }
            guard before == after else {
                throw EngineError.storage("resharding: \(after) files in the new shards, \(before) in the old ones")
            }
            try failures.translating {
                try catalog.finishResharding(org: key.org, id: key.id, shards: state.to, generation: config.generation + 1)
            }
            // Versions order nothing any more; a crash before this leaves rows that
            // nothing reads.
            for store in stores.new { try? await store.forgetReshardVersions() }
            Self.removeShardFiles(in: folder) { $0.generation == config.generation }
        }
        commits.signal(key)
        logger.info(
            "resharding done", metadata: ["dataset": "\(key.org)/\(key.id)", "from": "\(state.from)", "to": "\(state.to)"])
    }

    /// Deletes the shard databases in `folder` (with their WAL and shared-memory files)
    /// whose names `matching` accepts.
    static func removeShardFiles(in folder: URL, matching: ((index: Int, generation: Int)) -> Bool) {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let shard = parseShardFileName(name), matching(shard) else { continue }
            try? fileManager.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// (index, generation) of `shard-N.sqlite` or `shard-N.gG.sqlite`, with any
    /// `-wal`/`-shm`/`-journal` suffix.
    static func parseShardFileName(_ name: String) -> (index: Int, generation: Int)? {
        var base = Substring(name)
        for suffix in ["-wal", "-shm", "-journal"] where base.hasSuffix(suffix) { base = base.dropLast(suffix.count) }
        guard base.hasPrefix("shard-"), base.hasSuffix(".sqlite") else { return nil }
        let parts = base.dropFirst("shard-".count).dropLast(".sqlite".count).split(separator: ".")
        guard let index = parts.first.flatMap({ Int($0) }) else { return nil }
        if parts.count == 1 { return (index, 0) }
        guard parts.count == 2, parts[1].hasPrefix("g"), let generation = Int(parts[1].dropFirst()) else { return nil }
        return (index, generation)
    }
}
