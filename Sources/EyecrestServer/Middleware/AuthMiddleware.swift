import EyecrestCluster
import HTTPTypes
import Hummingbird

/// Establishes the caller's org (docs/api.md, "Authentication").
///
/// Without a verifier (no key configured) every caller is ``EyecrestRequestContext/localOrg``
/// and any `Authorization` header is ignored: the embedded, loopback-only default. With one,
/// every route except ``openPaths`` needs a valid bearer token and the org is its `orgId`;
/// anything else is a 401 with an ``AuthFailure`` code. The token is never logged.
///
/// In a cluster, a request carrying the cluster key comes from another node: the node-to-node
/// routes (`/internal/…`) need it, and on a forwarded public request the org is the one the
/// forwarding node verified (``PeerClient/orgHeader``). A wrong key is a 401
/// `invalid_cluster_key`; without the key those headers mean nothing, so a client can never
/// choose its org, and a tenant token never opens a node-to-node route.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let verifier: TokenVerifier?
    let clusterKey: ClusterKey?

    /// Routes that never need a token: liveness, the API description and metrics.
    static let openPaths: Set<String> = ["/health", "/openapi.json", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let clusterKey {
            let presented = Self.header(PeerClient.keyHeader, of: request)
            if request.uri.path.hasPrefix("/internal/") || presented != nil {
                guard let presented, clusterKey.matches(presented) else {
                    throw APIError(.unauthorized, code: "invalid_cluster_key", "This route is for the cluster's nodes and needs the cluster key.")
                }
                if let org = Self.header(PeerClient.orgHeader, of: request) {
                    guard !org.isEmpty, org.utf8.count <= 256 else { throw APIError(.badRequest, code: "invalid_org", "The forwarded org is not valid.") }
                    context.org = org
                    context.forwardHops = max(1, Self.header(PeerClient.hopsHeader, of: request).flatMap { Int($0) } ?? 1)
                }
                return try await next(request, context)
            }
        }
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

    /// The first value of the header `name` (lowercase).
    private static func header(_ name: String, of request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == name }?.value
    }
}
