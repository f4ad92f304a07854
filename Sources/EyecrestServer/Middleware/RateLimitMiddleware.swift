import EyecrestAPI
import HTTPTypes
import Hummingbird

/// Per-org rate limits (``OrgRateLimiter``): over the limit a request is answered 429
/// `rate_limited` with `Retry-After` before its route runs. Every answer to a limited org
/// carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`. Liveness,
/// metrics and the API description are never limited. Runs after authentication: the
/// bucket is the caller's org.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let limiter: OrgRateLimiter
    let metrics: ServerMetrics

    static let limitHeader = HTTPField.Name("RateLimit-Limit")
    static let remainingHeader = HTTPField.Name("RateLimit-Remaining")
    static let resetHeader = HTTPField.Name("RateLimit-Reset")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard limiter.isEnabled, !AuthMiddleware.openPaths.contains(request.uri.path), let org = context.org else {
            return try await next(request, context)
        }
        let writes = request.method != .get && request.method != .head
        let writeBytes = writes ? request.headers[.contentLength].flatMap(Int.init) ?? 0 : 0
        let decision = limiter.admit(org: org, writeBytes: writeBytes)
        var response: Response
        if decision.allowed {
            response = try await next(request, context)
        } else {
            metrics.recordRefusal(.rateLimited)
            response = JSONResponse.make(
                ErrorBody(error: "Org '\(org)' is over its rate limit; retry after \(decision.retryAfterSeconds) s.", code: "rate_limited"),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(decision.retryAfterSeconds)
        }
        if let name = Self.limitHeader { response.headers[name] = String(decision.limit) }
        if let name = Self.remainingHeader { response.headers[name] = String(decision.remaining) }
        if let name = Self.resetHeader { response.headers[name] = String(decision.resetSeconds) }
        return response
    }
}
