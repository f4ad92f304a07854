import Hummingbird

/// Holds the bytes of request bodies in flight to one budget (``BodyByteBudget``): a
/// declared `Content-Length` is reserved before the body is read, and a request that
/// would exceed the budget is answered 503 `server_busy` with `Retry-After` at once,
/// unread. A chunked body reserves as it arrives. What was reserved is released when the
/// route returns, whether the body was read, refused or cut off; a cut-off body fails
/// (``CheckedBody``) instead of reaching the route as if complete.
struct BodyBudgetMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let budget: BodyByteBudget
    let metrics: ServerMetrics
    /// The largest body any route reads: a JSON body or an archive.
    let largestBody: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let declared = request.headers[.contentLength].flatMap(Int.init) {
            // Empty, or larger than any route reads (the route answers 413 unread).
            guard declared > 0, declared <= largestBody else { return try await next(request, context) }
            guard let reserved = budget.reserve(declared) else {
                metrics.recordRefusal(.memoryBudget)
                throw APIError.bodyBudgetExhausted
            }
            metrics.recordBodyBytesInFlight(budget.inUse)
            defer {
                budget.release(reserved)
                metrics.recordBodyBytesInFlight(budget.inUse)
            }
            request.body = RequestBody(asyncSequence: CheckedBody(base: request.body, expectedLength: declared, reservation: nil))
            return try await next(request, context)
        }
        guard request.headers[.transferEncoding]?.lowercased().contains("chunked") == true else {
            return try await next(request, context)
        }
        let reservation = ChunkedBodyReservation(budget: budget)
        defer {
            reservation.releaseAll()
            metrics.recordBodyBytesInFlight(budget.inUse)
        }
        request.body = RequestBody(asyncSequence: CheckedBody(base: request.body, expectedLength: nil, reservation: reservation))
        do {
            return try await next(request, context)
        } catch let error as APIError where error == .bodyBudgetExhausted {
            metrics.recordRefusal(.memoryBudget)
            throw error
        }
    }
}
