import Synchronization

/// The open shards of one dataset, leased by every operation that uses them.
///
/// While the dataset is being resharded the handle also holds the next generation's
/// shards (``target``): writes go to both, reads only to ``shards``. A handle never
/// changes: starting and finishing a resharding retire it and open a new one.
///
/// A handle is created by ``DatasetRegistry`` and lives until it is *retired*: closed
/// because it was idle and the registry needed room, or drained because its dataset is
/// being deleted or its shards replaced. Retiring waits for every lease to be returned,
/// so a database is never closed under a running request.
final class DatasetHandle: Sendable {
    let config: DatasetConfig
    let shards: [ShardStore]
    /// The next generation's shards while resharding; empty otherwise.
    let target: [ShardStore]
    /// The dataset's synonyms, compiled on the first search that needs them.
    let synonyms: SynonymCache
    private let leases = Mutex(LeaseState())

    private struct LeaseState {
        var count = 0
        var retired = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    init(config: DatasetConfig, shards: [ShardStore], target: [ShardStore] = []) {
        self.config = config
        self.shards = shards
        self.target = target
        synonyms = SynonymCache(config.synonyms)
    }

    /// Databases this handle keeps open, for the registry's limit.
    var openDatabases: Int { shards.count + target.count }

    /// Takes a lease; false once the handle is retired (the caller must look it up again).
    func acquire() -> Bool {
        leases.withLock { state in
            guard !state.retired else { return false }
            state.count += 1
            return true
        }
    }

    /// Returns a lease taken with ``acquire()``.
    func release() {
        let waiters = leases.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count -= 1
            guard state.retired, state.count == 0 else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Retires the handle if nobody holds a lease; true when it did. An idle handle can
    /// then be closed at once.
    func retireIfIdle() -> Bool {
        leases.withLock { state in
            guard !state.retired, state.count == 0 else { return false }
            state.retired = true
            return true
        }
    }

    /// Retires the handle and returns when the last lease is back.
    func retireAndDrain() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let drained = leases.withLock { state -> Bool in
                state.retired = true
                if state.count == 0 { return true }
                state.drainWaiters.append(waiter)
                return false
            }
            if drained { waiter.resume() }
        }
    }

    /// Closes every shard's connections; only for a retired, drained handle. Returns
    /// the failures (a drained handle has no statement in use, so there should be none).
    func close() -> [any Error] {
        (shards + target).compactMap { shard in
            do {
                try shard.close()
                return nil
            } catch {
                return error
            }
        }
    }
}
