import Hummingbird

/// Establishes the caller's org (docs/api.md, "Authentication").
///
/// Without a verifier (no key configured) every caller is ``EyecrestRequestContext/localOrg``
/// and any `Authorization` header is ignored: the embedded, loopback-only default. With one,
/// every route except ``openPaths`` needs a valid bearer token and the org is its `orgId`;
/// anything else is a 401 with an ``AuthFailure`` code. The token is never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let verifier: TokenVerifier?

    /// Routes that never need a token: liveness, the API description and metrics.
    static let openPaths: Set<String> = ["/health", "/openapi.json", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let verifier {
            if !Self.openPaths.contains(request.uri.path) {
                do {
                    context.org = try await verifier.org(authorization: request.headers[.authorization])
                } catch {
                    throw error.apiError
                }
            }
        } else {
            context.org = EyecrestRequestContext.localOrg
        }
        return try await next(request, context)
    }
}
