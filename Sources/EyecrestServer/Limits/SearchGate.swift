import Synchronization

/// Bounds the searches answered at once (``TrafficLimits/maxConcurrentSearches``) and
/// those waiting for a turn (``TrafficLimits/maxQueuedSearches``), in arrival order.
/// Beyond both, a search is shed at once: under overload the admitted searches keep a
/// bounded latency instead of every search slowing without bound.
final class SearchGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var nextWaiter = 0
        var waitingCount: Int { waiting.count - nextWaiter }
    }

    let maxConcurrent: Int
    let maxQueued: Int
    private let state = Mutex(State())

    init(maxConcurrent: Int, maxQueued: Int) {
        self.maxConcurrent = maxConcurrent
        self.maxQueued = maxQueued
    }

    /// Searches waiting for a turn now.
    var waiting: Int { state.withLock { $0.waitingCount } }

    /// Waits for a turn; false when the queue is full (the search is to be shed). A true
    /// answer must be matched by one ``leave()``.
    func enter() async -> Bool {
        await withCheckedContinuation { (turn: CheckedContinuation<Bool, Never>) in
            state.withLock { state in
                if state.running < maxConcurrent {
                    state.running += 1
                    turn.resume(returning: true)
                } else if state.waitingCount >= maxQueued {
                    turn.resume(returning: false)
                } else {
                    state.waiting.append(turn)
                }
            }
        }
    }

    /// Hands the turn to the longest waiter, or frees it.
    func leave() {
        state.withLock { state in
            guard state.waitingCount > 0 else {
                state.running -= 1
                return
            }
            let next = state.waiting[state.nextWaiter]
            state.nextWaiter += 1
            if state.nextWaiter > 64, state.nextWaiter * 2 > state.waiting.count {
                state.waiting.removeFirst(state.nextWaiter)
                state.nextWaiter = 0
            }
            next.resume(returning: true)
        }
    }
}
