import Foundation
import Hummingbird

/// The per-request context of every eyecrest route.
///
/// `org` is the tenant of the caller. Handlers read it only through ``requireOrg()``;
/// ``AuthMiddleware`` fills it in: the token's `orgId`, or ``localOrg`` when no key is
/// configured.
public struct EyecrestRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's organization, set by a middleware; nil means unauthenticated.
    public var org: String?
    /// The id the logs of this request carry (also sent back as `X-Request-Id`).
    public var requestID: String
    /// How many nodes forwarded this request before it got here (0: from a client).
    /// Set only for requests that carry the cluster key.
    public var forwardHops = 0

    /// The org of the embedded, unauthenticated default (docs/api.md, "Authentication").
    public static let localOrg = "local"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        org = nil
        requestID = ""
    }

    /// The caller's org, or 401 when no middleware established one.
    public func requireOrg() throws(APIError) -> String {
        guard let org else { throw APIError(.unauthorized, code: "unauthenticated", "No credentials were given.") }
        return org
    }
}

extension EyecrestRequestContext {
    /// The `{datasetId}` path parameter as the caller wrote it: percent-decoded, so that a
    /// name the engine refuses is echoed as typed ('Bad Name!', not 'Bad%20Name%21').
    func datasetID() throws -> String {
        let raw = try parameters.require("datasetId")
        return raw.removingPercentEncoding ?? raw
    }
}
