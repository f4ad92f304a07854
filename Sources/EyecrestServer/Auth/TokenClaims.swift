import Foundation
import JWTKit

/// The claims eyecrest reads from a token. `orgId` is the tenant; `exp` is required and
/// `nbf` optional, both checked with ``TokenClaims/leeway``. Other claims are ignored.
public struct TokenClaims: JWTPayload, Equatable {
    /// The tenant: every dataset the request touches belongs to this org.
    public var orgId: String?
    public var exp: ExpirationClaim?
    public var nbf: NotBeforeClaim?
    public var iat: IssuedAtClaim?
    public var sub: SubjectClaim?

    /// Clock skew tolerated on `exp` and `nbf`, in seconds.
    public static let leeway: TimeInterval = 30
    /// The longest `orgId`, in bytes of UTF-8.
    public static let maxOrgBytes = 256

    public init(orgId: String?, exp: Date?, nbf: Date? = nil, iat: Date? = nil, sub: String? = nil) {
        self.orgId = orgId
        self.exp = exp.map(ExpirationClaim.init(value:))
        self.nbf = nbf.map(NotBeforeClaim.init(value:))
        self.iat = iat.map(IssuedAtClaim.init(value:))
        self.sub = sub.map(SubjectClaim.init(value:))
    }

    /// jwt-kit calls this after the signature verified; it checks only what we check here.
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        _ = try validatedOrg(now: Date())
    }

    /// The org, once `exp`, `nbf` and `orgId` pass at `now`.
    public func validatedOrg(now: Date) throws(AuthFailure) -> String {
        guard let exp else { throw .missingClaim("exp") }
        guard now.addingTimeInterval(-Self.leeway) < exp.value else { throw .expired }
        if let nbf, now.addingTimeInterval(Self.leeway) < nbf.value { throw .notYetValid }
        guard let orgId else { throw .missingClaim("orgId") }
        guard !orgId.isEmpty, orgId.utf8.count <= Self.maxOrgBytes, !orgId.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidClaim("'orgId' must be 1-\(Self.maxOrgBytes) bytes without control characters") }
        return orgId
    }
}
