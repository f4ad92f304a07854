import Foundation
import Logging
import Synchronization

/// The datasets that are open, and the rules by which they open and close.
///
/// - A dataset opens on first use, in a task of its own: other datasets do not wait for
///   it, and every request for the same dataset waits for that one opening.
/// - Every operation leases the dataset's ``DatasetHandle`` for as long as it runs.
/// - At most ``maxOpenShards`` shard databases stay open (each holds a few file
///   descriptors and some cache). Past that, the least recently used datasets that no
///   operation holds are closed; they reopen on demand.
/// - An exclusive operation (deleting a dataset, replacing its shards) takes the dataset
///   out of the registry, waits for its leases to drain, closes it and runs alone; requests
///   arriving meanwhile wait, then find whatever the operation left in the catalog.
///
/// Lock order: the registry's lock, then a handle's; a handle never calls back.
final class DatasetRegistry: Sendable {
    struct Key: Hashable, Sendable {
        var org: String
        var id: String
    }

    /// Opens a dataset's shards from its stored configuration. Throws
    /// ``EngineError/datasetNotFound(_:)`` for a dataset the catalog does not have.
    typealias Opener = @Sendable (Key) throws -> DatasetHandle

    /// The most shard databases kept open at once.
    let maxOpenShards: Int
    private let opener: Opener
    private let logger: Logger
    private let state = Mutex(State())

    private enum Slot {
        /// Being opened; the task's value is a handle already leased to the request that
        /// started it. Others wait for the task, then look again.
        case opening(Task<DatasetHandle, any Error>)
        /// Open and never retired: a handle is removed from its slot before it retires.
        case open(DatasetHandle)
        /// An exclusive operation runs; wait for it, then look again.
        case busy(Task<Void, Never>)
    }

    private struct State {
        var slots: [Key: Slot] = [:]
        var lastUse: [Key: UInt64] = [:]
        var clock: UInt64 = 0
        var openShards = 0

        mutating func touch(_ key: Key) {
            clock += 1
            lastUse[key] = clock
        }

        /// Removes `key`'s open handle from the registry (it stays usable by the leases
        /// already taken).
        mutating func takeOut(_ key: Key) -> DatasetHandle? {
            guard case .open(let handle) = slots[key] else { return nil }
            slots[key] = nil
            lastUse[key] = nil
            openShards -= handle.openDatabases
            return handle
        }

        /// Retires idle handles, least recently used first, until at most `limit` shards
        /// are open; returns them for closing outside the lock.
        mutating func evictIdle(downTo limit: Int, sparing spared: Key? = nil) -> [DatasetHandle] {
            guard openShards > limit else { return [] }
            let candidates = slots.compactMap { key, slot -> (key: Key, used: UInt64)? in
                guard case .open = slot, key != spared else { return nil }
                return (key, lastUse[key] ?? 0)
            }.sorted { $0.used < $1.used }
            var victims: [DatasetHandle] = []
            for candidate in candidates where openShards > limit {
                guard case .open(let handle) = slots[candidate.key], handle.retireIfIdle() else { continue }
                _ = takeOut(candidate.key)
                victims.append(handle)
            }
            return victims
        }
    }

    init(maxOpenShards: Int, logger: Logger, opener: @escaping Opener) {
        self.maxOpenShards = max(1, maxOpenShards)
        self.logger = logger
        self.opener = opener
    }

    /// How many shard databases are open now.
    var openShards: Int { state.withLock { $0.openShards } }

    /// A lease on the dataset's handle, opening it if needed. Give it back with
    /// ``DatasetHandle/release()``.
    func lease(_ key: Key) async throws -> DatasetHandle {
        enum Step {
            case leased(DatasetHandle)
            case opened(Task<DatasetHandle, any Error>)
            case waitForOpening(Task<DatasetHandle, any Error>)
            case waitForExclusive(Task<Void, Never>)
            case lookAgain
        }
        while true {
            let step = state.withLock { state -> Step in
                switch state.slots[key] {
                case .open(let handle):
                    guard handle.acquire() else {
                        // Unreachable while handles leave their slot before retiring.
                        _ = state.takeOut(key)
                        return .lookAgain
                    }
                    state.touch(key)
                    return .leased(handle)
                case .opening(let task):
                    return .waitForOpening(task)
                case .busy(let task):
                    return .waitForExclusive(task)
                case nil:
                    let task = Task { try self.open(key) }
                    state.slots[key] = .opening(task)
                    return .opened(task)
                }
            }
            switch step {
            case .leased(let handle): return handle
            case .opened(let task): return try await task.value
            case .waitForOpening(let task): _ = try await task.value
            case .waitForExclusive(let task): await task.value
            case .lookAgain: continue
            }
        }
    }

    /// Runs `body` while nothing else uses the dataset: its open handle (if any) is taken
    /// out of the registry, drained of leases and closed first. Afterwards the next
    /// request opens the dataset afresh from the catalog.
    func exclusive(_ key: Key, _ body: @escaping @Sendable () async throws -> Void) async throws {
        enum Step {
            case run(Task<Void, any Error>)
            case waitForOpening(Task<DatasetHandle, any Error>)
            case waitForExclusive(Task<Void, Never>)
        }
        while true {
            let step = state.withLock { state -> Step in
                switch state.slots[key] {
                case .opening(let task):
                    return .waitForOpening(task)
                case .busy(let task):
                    return .waitForExclusive(task)
                case .open, nil:
                    let current = state.takeOut(key)
                    let work = Task {
                        if let current {
                            await current.retireAndDrain()
                            self.close([current])
                        }
                        try await body()
                    }
                    state.slots[key] = .busy(Task {
                        _ = await work.result
                        self.state.withLock { state in
                            if case .busy = state.slots[key] { state.slots[key] = nil }
                        }
                    })
                    return .run(work)
                }
            }
            switch step {
            case .run(let work): return try await work.value
            case .waitForOpening(let task): _ = try? await task.value
            case .waitForExclusive(let task): await task.value
            }
        }
    }

    /// Opens `key` for the request that asked first and returns the handle leased to it.
    private func open(_ key: Key) throws -> DatasetHandle {
        let handle: DatasetHandle
        do {
            handle = try openMakingRoom(key)
        } catch {
            state.withLock { state in
                if case .opening = state.slots[key] { state.slots[key] = nil }
            }
            throw error
        }
        _ = handle.acquire()
        let victims = state.withLock { state in
            state.slots[key] = .open(handle)
            state.openShards += handle.openDatabases
            state.touch(key)
            return state.evictIdle(downTo: maxOpenShards, sparing: key)
        }
        close(victims)
        return handle
    }

    /// When the process is out of file descriptors or memory, every idle dataset is
    /// closed and the opening tried once more before the failure is reported.
    private func openMakingRoom(_ key: Key) throws -> DatasetHandle {
        do {
            return try opener(key)
        } catch EngineError.unavailable(let message) {
            let victims = state.withLock { $0.evictIdle(downTo: 0) }
            guard !victims.isEmpty else { throw EngineError.unavailable(message) }
            logger.warning("out of resources opening a dataset: closed idle datasets to retry", metadata: ["closed": "\(victims.count)"])
            close(victims)
            return try opener(key)
        }
    }

    private func close(_ handles: [DatasetHandle]) {
        for handle in handles {
            for error in handle.close() {
                logger.error("closing a dataset failed", metadata: ["dataset": "\(handle.config.datasetID)", "error": "\(error)"])
            }
        }
    }

    /// The default for ``maxOpenShards``: what the process's open-file limit allows after
    /// a reserve for connections, the catalog and logs, at ``descriptorsPerShard`` each.
    static func defaultMaxOpenShards(fileLimit: Int = currentFileLimit()) -> Int {
        max(8, (fileLimit - reservedDescriptors) / descriptorsPerShard)
    }

    /// Descriptors one open shard may hold: the database and its WAL for the writer and
    /// each of up to four readers, and the shared-memory index.
    static let descriptorsPerShard = 11
    /// Descriptors kept for everything else: client connections, the catalog, logs.
    static let reservedDescriptors = 256

    /// The soft `RLIMIT_NOFILE` of this process.
    static func currentFileLimit() -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return 1_024 }
        return limit.rlim_cur == rlim_t.max ? 1 << 20 : Int(clamping: limit.rlim_cur)
    }
}
