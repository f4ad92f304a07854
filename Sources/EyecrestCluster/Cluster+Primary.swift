import EyecrestEngine
import Foundation

/// What a write's answer says about replication.
public struct ReplicationOutcome: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Every replica applied the write before the answer.
        case replicated
        /// The wait ended before every replica applied it.
        case lagging
        /// The caller did not wait (`waitForReplication: false`).
        case notWaited = "not_waited"
        /// The dataset has no replicas.
        case noReplicas = "no_replicas"
    }

    /// The dataset's position after the write.
    public var position: WritePosition
    /// Whether the answer waited for replicas (`waitForReplication`).
    public var waited: Bool
    /// Replica regions that have applied the write.
    public var replicated: [String]
    /// Replica regions that had not applied it when the wait ended.
    public var lagging: [String]

    public var state: State {
        if !waited { return hasReplicas ? .notWaited : .noReplicas }
        return lagging.isEmpty ? .replicated : .lagging
    }

    /// Whether the dataset had replicas when the write was answered.
    public var hasReplicas: Bool

    /// A single node's write: its position, nothing to wait for.
    public init(position: WritePosition) {
        self.init(position: position, waited: false, replicated: [], lagging: [], hasReplicas: false)
    }

    init(position: WritePosition, waited: Bool, replicated: [String], lagging: [String], hasReplicas: Bool) {
        self.position = position
        self.waited = waited
        self.replicated = replicated
        self.lagging = lagging
        self.hasReplicas = hasReplicas
    }
}

/// One replica of a dataset, as its primary sees it.
public struct ReplicaState: Sendable, Equatable {
    public var region: String
    /// What it has applied; nil before its first contact.
    public var applied: WritePosition?
    public var lagEntries: Int64
    public var lagSeconds: Double
    public var lastContact: Date?
}

extension Cluster {
    // MARK: Serving replicas

    /// The entries of a shard's log after a replica's position, waiting up to
    /// `query.wait` seconds for one to arrive. Nil when this node is not the primary of
    /// that dataset (or of that creation of it).
    public func serveLog(_ query: InternalRoutes.ShardQuery) async throws -> LogBatch? {
        let key = DatasetKey(org: query.org, id: query.dataset)
        guard let epoch = try await primaryEpoch(of: key, query) else { return nil }
        let after = query.after ?? .start
        let deadline = ContinuousClock.now + .seconds(query.wait)
        var acknowledged = false
        while true {
            let generation = engine.commits.generation(key)
            var batch = try await engine.readLog(org: key.org, dataset: key.id, shard: query.shard, after: after)
            // A new copy starts from a snapshot, then follows the log.
            if after.seq == 0, batch.last.seq > 0 { batch = LogBatch(entries: [], states: [], last: batch.last, snapshotRequired: true) }
            if !acknowledged, !batch.snapshotRequired {
                acknowledged = true
                progress.record(key, region: query.region, shard: query.shard, applied: after.seq, epoch: epoch)
            }
            let now = ContinuousClock.now
            if !batch.entries.isEmpty || batch.snapshotRequired || now >= deadline || Task.isCancelled { return batch }
            await engine.commits.wait(key, after: generation, timeout: deadline - now)
        }
    }

    /// Writes a snapshot of one shard to `file`; nil when this node is not its primary.
    public func serveSnapshot(_ query: InternalRoutes.ShardQuery, to file: URL) async throws -> LogPosition? {
        let key = DatasetKey(org: query.org, id: query.dataset)
        guard try await primaryEpoch(of: key, query) != nil else { return nil }
        return try await engine.snapshot(org: key.org, dataset: key.id, shard: query.shard, to: file)
    }

    /// The dataset's epoch when this node is the primary of the copy `query` follows (the
    /// same creation of the dataset and, when the replica says, the same shard count);
    /// nil otherwise.
    private func primaryEpoch(of key: DatasetKey, _ query: InternalRoutes.ShardQuery) async throws -> Int? {
        guard let config = try? await engine.dataset(org: key.org, id: key.id), config.placement.uid == query.uid,
            config.placement.primaryRegion == region, query.shards.map({ $0 == config.shardCount }) ?? true
        else { return nil }
        return config.placement.epoch
    }

    // MARK: Writes

    /// After a write on the primary: the dataset's position and, with `wait`, the replicas
    /// that applied it within ``ClusterSettings/replicationTimeout``.
    public func afterWrite(_ key: DatasetKey, wait: Bool) async throws -> ReplicationOutcome {
        let config = try await engine.dataset(org: key.org, id: key.id)
        let position = WritePosition(epoch: config.placement.epoch, try await engine.logPositions(org: key.org, dataset: key.id))
        let replicas = (try? await knownPlacement(key))??.replicaRegions ?? config.placement.replicaRegions
        guard wait, !replicas.isEmpty else {
            return ReplicationOutcome(position: position, waited: false, replicated: [], lagging: [], hasReplicas: !replicas.isEmpty)
        }
        let lagging = await progress.wait(for: key, regions: replicas, target: position, timeout: settings.replicationTimeout)
        return ReplicationOutcome(
            position: position, waited: true, replicated: replicas.filter { !lagging.contains($0) }, lagging: lagging, hasReplicas: true)
    }

    // MARK: Visible state

    /// Each replica's progress, as this node (the primary) knows it; empty elsewhere.
    public func replicaStates(_ key: DatasetKey) async throws -> [ReplicaState] {
        let config = try await engine.dataset(org: key.org, id: key.id)
        guard config.placement.primaryRegion == region else { return [] }
        let positions = try await engine.logPositions(org: key.org, dataset: key.id)
        let known = progress.replicas(of: key)
        let now = Date().timeIntervalSince1970
        var states: [ReplicaState] = []
        for replica in config.placement.replicaRegions {
            // Reports of another epoch (before a resharding's switch) count as nothing applied.
            guard let progress = known[replica], progress.epoch == config.placement.epoch else {
                states.append(ReplicaState(
                    region: replica, applied: nil, lagEntries: positions.reduce(0) { $0 + $1.seq }, lagSeconds: 0, lastContact: nil))
                continue
            }
            var entries: Int64 = 0
            var seconds = 0.0
            for (shard, position) in positions.enumerated() {
                let applied = progress.applied[shard] ?? 0
                guard applied < position.seq else { continue }
                entries += position.seq - applied
                if let at = try await engine.timeOfEntry(org: key.org, dataset: key.id, shard: shard, after: applied) {
                    seconds = max(seconds, now - at)
                }
            }
            let applied = WritePosition(epoch: config.placement.epoch, sequences: positions.indices.map { progress.applied[$0] ?? 0 })
            states.append(ReplicaState(region: replica, applied: applied, lagEntries: entries, lagSeconds: seconds, lastContact: progress.lastContact))
        }
        return states
    }

    /// The largest lag of each replica region over the datasets this node is primary of.
    public func lagByRegion() async -> [String: (entries: Int64, seconds: Double)] {
        var result: [String: (entries: Int64, seconds: Double)] = [:]
        // Datasets without replicas are skipped before they are opened: a scrape must not
        // open every dataset on the node.
        for config in (try? engine.allDatasets()) ?? []
        where config.placement.primaryRegion == region && !config.placement.replicaRegions.isEmpty {
            let key = DatasetKey(org: config.orgID, id: config.datasetID)
            for state in (try? await replicaStates(key)) ?? [] {
                let current = result[state.region] ?? (0, 0)
                result[state.region] = (max(current.entries, state.lagEntries), max(current.seconds, state.lagSeconds))
            }
        }
        return result
    }

    /// The live members, from this node's copy of the metadata.
    public var members: [String: String] { directory.members }

    /// Every placement this node knows (refreshed each sync).
    public func placements() async throws -> [Placement] {
        do { return try await directory.reload().placements } catch { throw ClusterError.metadataUnavailable }
    }
}
