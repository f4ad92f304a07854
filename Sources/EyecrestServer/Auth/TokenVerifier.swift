import Foundation
import JWTKit

/// Verifies bearer tokens against the configured public keys and returns their org.
///
/// Order of checks: three base64url parts and a JSON header; `alg` one of
/// ``TokenAlgorithm`` (so `none` and HS256 never reach a key); `kid`, when present, must
/// name a configured key, and without `kid` every key of the token's algorithm is tried;
/// the key's algorithm must be the token's; then jwt-kit checks the signature and
/// ``TokenClaims`` checks `exp`, `nbf` and `orgId`.
public struct TokenVerifier: Sendable {
    public let keys: [VerificationKey]

    /// Fails when two keys share a kid.
    public init(keys: [VerificationKey]) throws(KeyFileError) {
        var seen: Set<String> = []
        for key in keys where !seen.insert(key.kid).inserted {
            throw KeyFileError("two public keys have the kid '\(key.kid)'; give one a 'kid:' line")
        }
        self.keys = keys
    }

    /// The org of a valid token taken from an `Authorization` header value.
    public func org(authorization: String?) async throws(AuthFailure) -> String {
        guard let authorization else { throw .missingCredentials }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .malformedToken("expected 'Bearer <token>'") }
        return try await org(token: parts[1].trimmingCharacters(in: .whitespaces))
    }

    /// The org of a valid token.
    public func org(token: String) async throws(AuthFailure) -> String {
        let header = try Self.header(of: token)
        guard let algorithmName = header.alg else { throw .malformedToken("the header has no 'alg'") }
        guard let algorithm = TokenAlgorithm(rawValue: algorithmName) else {
            throw .unsupportedAlgorithm("'\(algorithmName.prefix(32))' is not one of RS256, ES256, EdDSA")
        }
        var candidates = keys
        if let kid = header.kid {
            candidates = keys.filter { $0.kid == kid }
            guard !candidates.isEmpty else { throw .unknownKey }
        }
        candidates = candidates.filter { $0.algorithm == algorithm }
        guard !candidates.isEmpty else { throw .unsupportedAlgorithm("no configured key\(header.kid == nil ? "" : " with this kid") verifies \(algorithmName)") }
        for key in candidates {
            do {
                let claims = try await key.keys.verify(token, as: TokenClaims.self)
                return try claims.validatedOrg(now: Date())
            } catch let failure as AuthFailure {
                throw failure
            } catch let error as JWTError where error.errorType == .malformedToken {
                throw .malformedToken("it does not decode")
            } catch is DecodingError {
                throw .malformedToken("its claims do not decode (a claim has the wrong type)")
            } catch {
                // A signature that does not verify, or that the key's algorithm cannot even
                // read (wrong length): this key did not sign it.
                continue
            }
        }
        throw .invalidSignature
    }

    struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    /// The decoded header, or `malformedToken`.
    static func header(of token: String) throws(AuthFailure) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        // The signature may be empty here (an `alg: none` token): the algorithm check
        // rejects those with a clearer code, and an empty signature never verifies.
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformedToken("expected three '.'-separated parts") }
        guard let data = base64URLDecode(parts[0]) else { throw .malformedToken("the header is not base64url") }
        do { return try JSONDecoder().decode(Header.self, from: data) } catch { throw .malformedToken("the header is not a JSON object") }
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
