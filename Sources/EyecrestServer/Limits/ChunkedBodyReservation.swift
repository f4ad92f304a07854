import Synchronization

/// What a body without a declared length (chunked) has taken from a ``BodyByteBudget``
/// as its bytes arrived (through ``CheckedBody``); ``releaseAll()`` returns it.
final class ChunkedBodyReservation: Sendable {
    private let budget: BodyByteBudget
    private let reserved = Mutex(0)

    init(budget: BodyByteBudget) {
        self.budget = budget
    }

    /// Takes `bytes` more, or fails with 503 `server_busy` when the budget has run out.
    func take(_ bytes: Int) throws(APIError) {
        guard let amount = budget.reserve(bytes) else { throw APIError.bodyBudgetExhausted }
        reserved.withLock { $0 += amount }
    }

    func releaseAll() {
        let total = reserved.withLock { total in
            defer { total = 0 }
            return total
        }
        budget.release(total)
    }
}
