import Foundation
import HummingbirdTesting
import JWTKit
import Testing

@testable import EyecrestServer

/// Every way a bearer token is refused, through the HTTP stack: 401, the documented code,
/// the `{"error","code"}` shape and a `WWW-Authenticate` header.
@Suite("Authentication rejections")
struct AuthRejectionTests {
    static let route = "/v1/datasets"

    func expect401(_ result: JSONResult, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectError(result, .unauthorized, code, sourceLocation: sourceLocation)
        #expect(result.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, sourceLocation: sourceLocation)
    }

    @Test func missingHeaderIsUnauthenticated() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            expect401(try await client.call(.get, Self.route, token: nil), "unauthenticated")
            expect401(try await client.call(.post, "/v1/datasets/docs", token: nil), "unauthenticated")
        }
    }

    @Test func malformedTokensAndSchemes() async throws {
        let keys = try await TestKeys.shared.value
        let valid = try await keys.token(org: "acme")
        try await withAuthServer(keys) { client in
            for value in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer abc", "Bearer a.b", "Bearer !!!.???.***", "Bearer a.b.c.d", "Token \(valid)"] {
                expect401(try await client.call(.get, Self.route, token: nil, authorization: value), "malformed_token")
            }
            // A header that is base64url but not JSON, and claims of the wrong type.
            let notJSON = RawToken.base64URL(Data("not json".utf8)) + "." + (try RawToken.part(RawToken.claims(org: "acme"))) + ".c2ln"
            expect401(try await client.call(.get, Self.route, token: notJSON), "malformed_token")
            var header = JWTHeader()
            header.kid = "es"
            let wrongType = try await keys.es256.keys.sign(WrongTypeClaims(orgId: 42, exp: Date().addingTimeInterval(600)), header: header)
            expect401(try await client.call(.get, Self.route, token: wrongType), "malformed_token")
        }
    }

    @Test func algNoneIsRefused() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            for alg in ["none", "None", "NONE"] {
                let token = try RawToken.unsigned(header: ["alg": alg, "typ": "JWT"], payload: RawToken.claims(org: "acme"))
                expect401(try await client.call(.get, Self.route, token: token), "unsupported_algorithm")
                let withKid = try RawToken.unsigned(header: ["alg": alg, "kid": "es"], payload: RawToken.claims(org: "acme"))
                expect401(try await client.call(.get, Self.route, token: withKid), "unsupported_algorithm")
            }
            let noAlg = try RawToken.unsigned(header: ["typ": "JWT"], payload: RawToken.claims(org: "acme"))
            expect401(try await client.call(.get, Self.route, token: noAlg), "malformed_token")
        }
    }

    /// The classic algorithm-confusion attack: HS256 keyed with the server's public key.
    @Test func hmacKeyedWithThePublicKeyIsRefused() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            for (signer, kid) in [(keys.es256, "es"), (keys.eddsa, "ed"), (keys.rs256, "rs")] {
                for secret in [Data(signer.publicPEM.utf8), Data(PEMKeyFile.render(kid: kid, pem: signer.publicPEM).utf8)] {
                    for header: [String: Any] in [["alg": "HS256", "kid": kid], ["alg": "HS256"], ["alg": "HS384", "kid": kid]] {
                        let token = try RawToken.hmac(header: header, payload: RawToken.claims(org: "acme"), secret: secret)
                        expect401(try await client.call(.get, Self.route, token: token), "unsupported_algorithm")
                    }
                }
            }
        }
    }

    @Test func unknownKidIsRefused() async throws {
        let keys = try await TestKeys.shared.value
        let token = try await keys.es256.token(org: "acme", ttl: 600, kid: "retired-2019")
        try await withAuthServer(keys) { client in
            expect401(try await client.call(.get, Self.route, token: token), "unknown_key")
        }
    }

    @Test func wrongSignatureIsRefused() async throws {
        let keys = try await TestKeys.shared.value
        let forged = try await keys.stranger.token(org: "acme", ttl: 600, kid: "es")
        let forgedNoKid = try await keys.stranger.token(org: "acme", ttl: 600, kid: nil)
        // A valid token whose payload is swapped for another org's.
        let valid = try await keys.token(org: "acme").split(separator: ".")
        let tampered = "\(valid[0]).\(try RawToken.part(RawToken.claims(org: "globex"))).\(valid[2])"
        let truncated = "\(valid[0]).\(valid[1]).\(valid[2].dropLast(4))"
        let unsignedES = "\(valid[0]).\(valid[1])."
        try await withAuthServer(keys) { client in
            for token in [forged, forgedNoKid, tampered, truncated, unsignedES] {
                expect401(try await client.call(.get, Self.route, token: token), "invalid_signature")
            }
        }
    }

    /// A kid selects a key; a token of another algorithm under that kid is refused.
    @Test func algorithmMustMatchTheSelectedKey() async throws {
        let keys = try await TestKeys.shared.value
        let edUnderEsKid = try await keys.eddsa.token(org: "acme", ttl: 600, kid: "es")
        try await withAuthServer(keys) { client in
            expect401(try await client.call(.get, Self.route, token: edUnderEsKid), "unsupported_algorithm")
        }
    }

    @Test func expiredAndNotYetValidBeyondTheLeeway() async throws {
        let keys = try await TestKeys.shared.value
        let now = Date()
        let expired = try await keys.es256.sign(TokenClaims(orgId: "acme", exp: now.addingTimeInterval(-120)), kid: "es")
        let early = try await keys.es256.sign(TokenClaims(orgId: "acme", exp: now.addingTimeInterval(600), nbf: now.addingTimeInterval(120)), kid: "es")
        try await withAuthServer(keys) { client in
            expect401(try await client.call(.get, Self.route, token: expired), "token_expired")
            expect401(try await client.call(.get, Self.route, token: early), "token_not_yet_valid")
            // Within the 30 s leeway both are accepted. Signed just before use: on a loaded
            // machine the server can take many seconds to start, and a token signed earlier
            // would be past the leeway by then.
            let signed = Date()
            let justExpired = try await keys.es256.sign(TokenClaims(orgId: "acme", exp: signed.addingTimeInterval(-10)), kid: "es")
            let almostValid = try await keys.es256.sign(
                TokenClaims(orgId: "acme", exp: signed.addingTimeInterval(600), nbf: signed.addingTimeInterval(10)), kid: "es")
            #expect(try await client.call(.get, Self.route, token: justExpired).status == .ok)
            #expect(try await client.call(.get, Self.route, token: almostValid).status == .ok)
        }
    }

    @Test func missingAndInvalidClaims() async throws {
        let keys = try await TestKeys.shared.value
        let exp = Date().addingTimeInterval(600)
        let noOrg = try await keys.es256.sign(TokenClaims(orgId: nil, exp: exp), kid: "es")
        let noExp = try await keys.es256.sign(TokenClaims(orgId: "acme", exp: nil), kid: "es")
        let emptyOrg = try await keys.es256.sign(TokenClaims(orgId: "", exp: exp), kid: "es")
        let controlOrg = try await keys.es256.sign(TokenClaims(orgId: "a\u{0}b", exp: exp), kid: "es")
        let longOrg = try await keys.es256.sign(TokenClaims(orgId: String(repeating: "o", count: 257), exp: exp), kid: "es")
        try await withAuthServer(keys) { client in
            expect401(try await client.call(.get, Self.route, token: noOrg), "missing_claim")
            expect401(try await client.call(.get, Self.route, token: noExp), "missing_claim")
            for token in [emptyOrg, controlOrg, longOrg] {
                expect401(try await client.call(.get, Self.route, token: token), "invalid_claim")
            }
        }
    }

    /// A rejected token is not echoed back in the response.
    @Test func errorBodiesNeverContainTheToken() async throws {
        let keys = try await TestKeys.shared.value
        let expired = try await keys.es256.sign(TokenClaims(orgId: "acme", exp: Date().addingTimeInterval(-120)), kid: "es")
        try await withAuthServer(keys) { client in
            let result = try await client.call(.get, Self.route, token: expired)
            #expect(result.status == .unauthorized)
            #expect(!result.text.contains(expired) && !result.text.contains(String(expired.split(separator: ".")[2])))
        }
    }
}

/// Claims whose `orgId` is a number: the signature verifies, the claims do not decode.
struct WrongTypeClaims: JWTPayload {
    var orgId: Int
    var exp: ExpirationClaim
    init(orgId: Int, exp: Date) {
        self.orgId = orgId
        self.exp = ExpirationClaim(value: exp)
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
