import Hummingbird

/// Why a request's credentials were refused. Every case is answered with 401 and a
/// stable `code` (docs/api.md, "Authentication"); messages never contain the token.
public enum AuthFailure: Error, Equatable, Sendable {
    /// No `Authorization` header.
    case missingCredentials
    /// Not `Bearer <JWT>`, not three base64url parts, or a header or claims that do not
    /// decode (a claim of the wrong type included).
    case malformedToken(String)
    /// `alg` is `none`, an HMAC algorithm, anything but RS256/ES256/EdDSA, or not the
    /// algorithm of the key that `kid` selects.
    case unsupportedAlgorithm(String)
    /// `kid` names no configured key.
    case unknownKey
    /// No configured key verifies the signature.
    case invalidSignature
    /// `exp` is in the past, beyond the leeway.
    case expired
    /// `nbf` is in the future, beyond the leeway.
    case notYetValid
    /// A required claim (`exp` or `orgId`) is absent.
    case missingClaim(String)
    /// A claim is present but unusable (an empty or overlong `orgId`).
    case invalidClaim(String)

    /// The stable code of the error body.
    public var code: String {
        switch self {
        case .missingCredentials: "unauthenticated"
        case .malformedToken: "malformed_token"
        case .unsupportedAlgorithm: "unsupported_algorithm"
        case .unknownKey: "unknown_key"
        case .invalidSignature: "invalid_signature"
        case .expired: "token_expired"
        case .notYetValid: "token_not_yet_valid"
        case .missingClaim: "missing_claim"
        case .invalidClaim: "invalid_claim"
        }
    }

    /// Every code above, for the OpenAPI document and its test.
    public static let allCodes = [
        "unauthenticated", "malformed_token", "unsupported_algorithm", "unknown_key", "invalid_signature", "token_expired",
        "token_not_yet_valid", "missing_claim", "invalid_claim",
    ]

    /// A message safe to show: it names the problem, never the token or a key's bytes.
    public var message: String {
        switch self {
        case .missingCredentials: "Authentication is required: send 'Authorization: Bearer <token>'."
        case .malformedToken(let detail): "The bearer token is malformed: \(detail)."
        case .unsupportedAlgorithm(let detail): "The token's algorithm is not accepted: \(detail)."
        case .unknownKey: "The token's 'kid' names no key this server knows."
        case .invalidSignature: "The token's signature does not verify."
        case .expired: "The token has expired."
        case .notYetValid: "The token is not valid yet ('nbf' is in the future)."
        case .missingClaim(let name): "The token has no '\(name)' claim."
        case .invalidClaim(let detail): "The token has an invalid claim: \(detail)."
        }
    }

    /// The 401 answered for this failure.
    public var apiError: APIError { APIError(.unauthorized, code: code, message) }
}
