import Hummingbird

/// Sends searches through the ``SearchGate``: a bounded number run at once, on
/// ``SearchThreads`` of their own, a bounded number wait, and the rest are shed with 503
/// `server_busy` and `Retry-After`. Other routes (writes, `/health`, `/metrics`) never
/// wait here, and keep Swift's shared threads to themselves.
struct SearchSheddingMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let gate: SearchGate
    let threads: SearchThreads
    let metrics: ServerMetrics

    static func isSearch(_ request: Request) -> Bool {
        let path = request.uri.path
        return request.method == .get && path.hasPrefix("/v1/") && (path.hasSuffix("/search") || path.hasSuffix("/search.txt"))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isSearch(request) else { return try await next(request, context) }
        guard await gate.enter() else {
            metrics.recordRefusal(.shed)
            throw APIError.searchQueueFull
        }
        defer { gate.leave() }
        return try await withTaskExecutorPreference(threads) {
            try await next(request, context)
        }
    }
}
