import EyecrestEngine
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// This node's part in a cluster of regions: where each dataset lives (etcd, cached),
/// which node answers a request, the primary's side of replication (serving its log and
/// snapshots, waiting for replicas) and the replica's (following its primaries).
///
/// As a `Service` it keeps the node's datasets in line with the placements in etcd: it
/// creates the copies this region should hold and starts following them, and removes the
/// copies it should no longer hold.
public final class Cluster: Service, Sendable {
    public let settings: ClusterSettings
    public let progress = ReplicaProgress()
    let engine: Engine
    let directory: PlacementDirectory
    /// Node-to-node HTTP, with the cluster key.
    public let peers: PeerClient
    let logger: Logger
    private let following = Mutex<[DatasetKey: Following]>([:])
    private let syncRequests = ChangeSignal<Int>()
    private let etcdWasDown = Atomic<Bool>(false)

    private struct Following: Sendable {
        var uid: String
        var shards: [ShardFollower]
        var task: Task<Void, Never>
    }

    public init(settings: ClusterSettings, metadata: any ClusterMetadata, engine: Engine, logger: Logger) {
        self.settings = settings
        self.engine = engine
        self.directory = PlacementDirectory(metadata: metadata)
        self.peers = PeerClient(key: settings.clusterKey)
        self.logger = logger
    }

    public var region: String { settings.region }

    // MARK: Service

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastRoundTrips = ContinuousClock.now - .seconds(60)
            while !Task.isCancelled {
                let generation = self.syncRequests.generation(0)
                await self.sync()
                if ContinuousClock.now - lastRoundTrips > .seconds(10) {
                    lastRoundTrips = .now
                    await self.measureRoundTrips()
                }
                await self.syncRequests.wait(0, after: generation, timeout: self.settings.syncInterval)
            }
        }
        let running = following.withLock { state in
            defer { state.removeAll() }
            return state.values.map(\.task)
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
        try? await peers.shutdown()
    }

    /// Asks this node to re-read placements now rather than at the next interval.
    public func requestSync() {
        syncRequests.signal(0)
    }

    /// Tells every node (this one included) that a placement changed.
    func announcePlacementChange() {
        requestSync()
        let peers = self.peers
        for (region, url) in directory.members where region != self.region {
            Task { _ = try? await peers.send(.POST, url + InternalRoutes.sync, timeout: .seconds(2)) }
        }
    }

    /// One reconciliation of this node's datasets with the placements in etcd.
    func sync() async {
        let placements: [Placement]
        do {
            placements = try await directory.reload().placements
            if etcdWasDown.exchange(false, ordering: .relaxed) { logger.notice("etcd is reachable again") }
        } catch {
            if !etcdWasDown.exchange(true, ordering: .relaxed) {
                logger.warning("etcd cannot be reached; serving the placements already known", metadata: ["error": "\(error)"])
            }
            return
        }
        let byKey = Dictionary(placements.map { (DatasetKey(org: $0.org, id: $0.dataset), $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = byKey.filter { $0.value.replicaRegions.contains(region) && $0.value.primaryRegion != region }
        let local: [DatasetConfig]
        do { local = try engine.allDatasets() } catch { return }
        var present = Set<DatasetKey>()
        for config in local {
            let key = DatasetKey(org: config.orgID, id: config.datasetID)
            guard let primary = config.placement.primaryRegion, primary != region else {
                // This node's own dataset (or one from before the cluster): keep its record current.
                if let placement = byKey[key], placement.primaryRegion == region, placement.uid == config.placement.uid {
                    if placement.shards != config.shardCount {
                        await publishResharding(placement, config)
                    } else if config.placement != placement.datasetPlacement {
                        try? await engine.setPlacement(org: key.org, id: key.id, placement.datasetPlacement)
                    }
                    // Synonyms set while etcd was out of reach are published now.
                    if placement.synonymRules != config.synonyms { await publishSynonyms(key, config.synonyms) }
                }
                continue
            }
            // A copy of another shard count (its primary resharded) is replaced by a new one.
            if let placement = wanted[key], placement.uid == config.placement.uid, placement.shards == config.shardCount {
                present.insert(key)
                if config.placement != placement.datasetPlacement {
                    try? await engine.setPlacement(org: key.org, id: key.id, placement.datasetPlacement)
                }
                if placement.synonymRules != config.synonyms {
                    try? await engine.setSynonyms(org: key.org, id: key.id, placement.synonymRules)
                }
                continue
            }
            // Deleted, moved off this region, or re-created under another uid.
            await stopFollowing(key)
            do {
                try await engine.deleteDataset(org: key.org, id: key.id)
                logger.info("removed a replica this region no longer holds", metadata: ["org": "\(key.org)", "dataset": "\(key.id)"])
            } catch {
                logger.warning("could not remove a stale replica", metadata: ["dataset": "\(key.id)", "error": "\(error)"])
            }
        }
        for (key, placement) in wanted {
            if !present.contains(key) {
                do {
                    try await engine.createDataset(org: key.org, id: key.id, shards: placement.shards, placement: placement.datasetPlacement)
                    if !placement.synonymRules.isEmpty { try await engine.setSynonyms(org: key.org, id: key.id, placement.synonymRules) }
                } catch {
                    logger.warning("could not create a replica", metadata: ["dataset": "\(key.id)", "error": "\(error)"])
                    continue
                }
            }
            startFollowing(key, placement)
        }
        let stale = following.withLock { state in state.keys.filter { wanted[$0] == nil } }
        for key in stale { await stopFollowing(key) }
    }

    private func startFollowing(_ key: DatasetKey, _ placement: Placement) {
        let directory = self.directory
        let primary = placement.primaryRegion
        let replaced = following.withLock { state -> Task<Void, Never>? in
            if let current = state[key], current.uid == placement.uid, current.shards.count == placement.shards { return nil }
            let shards = (0..<placement.shards).map { shard in
                ShardFollower(
                    key: key, uid: placement.uid, shard: shard, region: region, primaryURL: { directory.url(of: primary) }, engine: engine,
                    peers: peers, logger: logger)
            }
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    for follower in shards { group.addTask { await follower.run() } }
                }
            }
            let previous = state[key]?.task
            state[key] = Following(uid: placement.uid, shards: shards, task: task)
            return previous
        }
        replaced?.cancel()
    }

    /// On the primary, once a resharding has switched: the new shard count and the epoch
    /// the switch raised go to etcd, where the replicas learn that their copies must be
    /// made again.
    private func publishResharding(_ placement: Placement, _ config: DatasetConfig) async {
        guard (try? await engine.resharding(org: config.orgID, id: config.datasetID)) == .some(nil) else { return }
        var updated = placement
        updated.shards = config.shardCount
        updated.epoch = config.placement.epoch
        do {
            if try await directory.metadata.replacePlacement(placement, with: updated) {
                directory.remember(updated)
                announcePlacementChange()
                logger.info("published a resharded dataset's shard count", metadata: ["dataset": "\(config.datasetID)", "shards": "\(config.shardCount)"])
            }
        } catch {
            logger.warning("could not publish a shard count", metadata: ["dataset": "\(config.datasetID)", "error": "\(error)"])
        }
    }

    private func stopFollowing(_ key: DatasetKey) async {
        let task = following.withLock { $0.removeValue(forKey: key)?.task }
        task?.cancel()
        await task?.value
    }

    private func measureRoundTrips() async {
        for (region, url) in directory.members where region != self.region {
            let start = ContinuousClock.now
            if (try? await peers.send(.GET, url + "/health", timeout: .seconds(2)))?.status == 200 {
                directory.recordRoundTrip(region, ContinuousClock.now - start)
            }
        }
    }

    // MARK: Replica state

    /// Whether this node holds a copy of `key` that has caught up with its primary at
    /// least once since it started following.
    public func isReadyReplica(_ key: DatasetKey) -> Bool {
        following.withLock { state in
            guard let current = state[key] else { return false }
            return current.shards.allSatisfy { $0.isReady.load(ordering: .relaxed) }
        }
    }

    /// Waits (at most ``ClusterSettings/readWaitTimeout``) until this node's copy of `key`
    /// has reached `position`; false when it has not.
    public func awaitPosition(_ key: DatasetKey, _ position: WritePosition) async -> Bool {
        let deadline = ContinuousClock.now + settings.readWaitTimeout
        while true {
            let generation = engine.commits.generation(key)
            // A position of another epoch names other logs (before or after a resharding).
            guard let config = try? await engine.dataset(org: key.org, id: key.id), config.placement.epoch == position.epoch,
                let positions = try? await engine.logPositions(org: key.org, dataset: key.id)
            else { return false }
            if position.isReached(by: positions) { return true }
            let now = ContinuousClock.now
            if now >= deadline { return false }
            await engine.commits.wait(key, after: generation, timeout: deadline - now)
        }
    }
}

extension Placement {
    /// The part of a placement the engine records with its copy.
    public var datasetPlacement: DatasetPlacement {
        DatasetPlacement(primaryRegion: primaryRegion, replicaRegions: replicaRegions, epoch: epoch, uid: uid)
    }

    /// The synonyms the record carries (none when it carries none).
    var synonymRules: SynonymRules { synonyms ?? .empty }
}
