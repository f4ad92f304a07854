import Synchronization

/// The bytes of request bodies being read or held at once, against
/// ``TrafficLimits/maxBodyBytesInFlight``. A request reserves its declared length before
/// its body is read and releases it when its handler returns.
final class BodyByteBudget: Sendable {
    let capacity: Int
    private let used = Mutex(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    var inUse: Int { used.withLock { $0 } }

    /// Takes `bytes` (at most the whole budget, so that one body larger than it may still
    /// run alone); nil, taking nothing, when they do not fit beside what is held.
    func reserve(_ bytes: Int) -> Int? {
        let amount = min(max(0, bytes), capacity)
        return used.withLock { used in
            guard used + amount <= capacity else { return nil }
            used += amount
            return amount
        }
    }

    func release(_ bytes: Int) {
        used.withLock { $0 = max(0, $0 - bytes) }
    }
}
