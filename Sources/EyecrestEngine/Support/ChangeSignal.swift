import Synchronization

/// A generation counter per key that tasks can wait on: "tell me when `key` changes after
/// generation g, or when `timeout` passes". Read the generation *before* looking at the
/// state it guards, then wait past it, and no change can slip between the look and the wait.
public final class ChangeSignal<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var generations: [Key: UInt64] = [:]
        var waiters: [Key: [Int: CheckedContinuation<Void, Never>]] = [:]
        var nextWaiter = 0
        /// Waiters whose timeout or cancellation came before they started waiting.
        var expired: Set<Int> = []
        /// Waiters between the start and the end of ``wait(_:after:timeout:)``.
        var live: Set<Int> = []
    }

    private let state = Mutex(State())

    public init() {}

    public func generation(_ key: Key) -> UInt64 {
        state.withLock { $0.generations[key, default: 0] }
    }

    /// Bumps `key`'s generation and wakes everyone waiting on it.
    public func signal(_ key: Key) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generations[key, default: 0] += 1
            return state.waiters.removeValue(forKey: key).map { Array($0.values) } ?? []
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once `key`'s generation passes `generation`, or after `timeout`, or when the
    /// task is cancelled; the caller looks at the state again either way.
    public func wait(_ key: Key, after generation: UInt64, timeout: Duration) async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            state.live.insert(state.nextWaiter)
            return state.nextWaiter
        }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.wake(key, id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if state.generations[key, default: 0] > generation || state.expired.remove(id) != nil { return true }
                    state.waiters[key, default: [:]][id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            timer.cancel()
            self.wake(key, id)
        }
        timer.cancel()
        state.withLock { state in
            state.live.remove(id)
            state.expired.remove(id)
        }
    }

    private func wake(_ key: Key, _ id: Int) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiters[key]?.removeValue(forKey: id) else {
                if state.live.contains(id) { state.expired.insert(id) }
                return nil
            }
            if state.waiters[key]?.isEmpty == true { state.waiters[key] = nil }
            return waiter
        }
        continuation?.resume()
    }
}
