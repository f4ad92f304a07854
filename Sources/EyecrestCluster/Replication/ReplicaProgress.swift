import EyecrestEngine
import Foundation
import Synchronization

/// What a primary knows of its replicas: the position each replica region last reported
/// for each shard of each dataset, and when. A replica reports its position every time
/// it asks for the entries after it, so a report doubles as the acknowledgement of
/// everything before it.
public final class ReplicaProgress: Sendable {
    public struct Replica: Sendable, Equatable {
        /// Applied sequence number per shard.
        public var applied: [Int: Int64] = [:]
        public var lastContact: Date
        /// The dataset's epoch when these were reported: a resharding starts new logs
        /// under a new epoch, and numbers of the old ones say nothing about them.
        public var epoch = 0
    }

    private let state = Mutex<[DatasetKey: [String: Replica]]>([:])
    private let changes = ChangeSignal<DatasetKey>()

    public init() {}

    /// What a replica reports is what it has: a copy dropped and made again (its region
    /// removed and added back) reports a lower position, and must not count as caught up.
    func record(_ key: DatasetKey, region: String, shard: Int, applied seq: Int64, epoch: Int) {
        state.withLock { state in
            var replica = state[key]?[region] ?? Replica(lastContact: Date())
            if replica.epoch != epoch { replica.applied = [:] }
            replica.epoch = epoch
            replica.applied[shard] = seq
            replica.lastContact = Date()
            state[key, default: [:]][region] = replica
        }
        changes.signal(key)
    }

    public func replicas(of key: DatasetKey) -> [String: Replica] {
        state.withLock { $0[key] ?? [:] }
    }

    func forget(_ key: DatasetKey) {
        state.withLock { _ = $0.removeValue(forKey: key) }
    }

    /// Waits until every one of `regions` has applied `target` in every shard, or until
    /// `timeout`; returns the regions that have not (empty: all caught up).
    func wait(for key: DatasetKey, regions: [String], target: WritePosition, timeout: Duration) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let generation = changes.generation(key)
            let known = replicas(of: key)
            let lagging = regions.filter { region in
                guard let replica = known[region], replica.epoch == target.epoch else { return true }
                let applied = replica.applied
                return target.sequences.enumerated().contains { shard, seq in seq > 0 && (applied[shard] ?? 0) < seq }
            }
            let now = ContinuousClock.now
            if lagging.isEmpty || now >= deadline || Task.isCancelled { return lagging }
            await changes.wait(key, after: generation, timeout: deadline - now)
        }
    }
}
