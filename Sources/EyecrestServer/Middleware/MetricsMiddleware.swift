import Hummingbird

/// Counts requests by route and status and records their latency. It sits outside the
/// error middleware so that it sees the status the caller gets, errors included.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        // The route template, never the raw path, so that label values stay few.
        let route = context.endpointPath ?? "unknown"
        metrics.recordRequest(route: route, method: request.method.rawValue, status: Int(response.status.code), duration: ContinuousClock.now - start)
        return response
    }
}
