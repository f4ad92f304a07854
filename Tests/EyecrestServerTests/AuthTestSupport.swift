import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Testing

@testable import EyecrestServer

/// Three key pairs, one per accepted algorithm, and a verifier trusting all three under
/// the kids `es`, `ed` and `rs`.
struct TestKeys: Sendable {
    let es256: SigningKey
    let eddsa: SigningKey
    let rs256: SigningKey
    /// An ES256 key the server does not trust.
    let stranger: SigningKey
    let verifier: TokenVerifier

    /// Shared by every test: RSA key generation is slow.
    static let shared = Task { try await make() }

    static func make() async throws -> TestKeys {
        let es256 = try await SigningKey.make(pem: ES256PrivateKey().pemRepresentation)
        let eddsa = try await SigningKey.make(pem: try EdDSA.PrivateKey(curve: .ed25519).pemRepresentation)
        let rs256 = try await SigningKey.make(
            pem: try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)).pemRepresentation)
        let stranger = try await SigningKey.make(pem: ES256PrivateKey().pemRepresentation)
        let verifier = try TokenVerifier(keys: [
            try await VerificationKey.make(pem: es256.publicPEM, kid: "es"),
            try await VerificationKey.make(pem: eddsa.publicPEM, kid: "ed"),
            try await VerificationKey.make(pem: rs256.publicPEM, kid: "rs"),
        ])
        return TestKeys(es256: es256, eddsa: eddsa, rs256: rs256, stranger: stranger, verifier: verifier)
    }

    /// A valid ES256 token for `org`.
    func token(org: String, ttl: TimeInterval = 600) async throws -> String {
        try await es256.token(org: org, ttl: ttl, kid: "es")
    }
}

/// Runs `body` against an in-process server that requires tokens from `keys`.
func withAuthServer(_ keys: TestKeys, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await withTestServer(configure: { $0.authentication = keys.verifier }, body)
}

/// Hand-made tokens, for the cases jwt-kit will not produce.
enum RawToken {
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func part(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// `header.payload.` with an empty signature.
    static func unsigned(header: [String: Any], payload: [String: Any]) throws -> String {
        "\(try part(header)).\(try part(payload))."
    }

    /// HS256 over `header.payload` with `secret` as the key.
    static func hmac(header: [String: Any], payload: [String: Any], secret: Data) throws -> String {
        let input = "\(try part(header)).\(try part(payload))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: secret))
        return "\(input).\(base64URL(Data(mac)))"
    }

    /// Claims valid for ten minutes, for `org`.
    static func claims(org: String) -> [String: Any] {
        let now = Int(Date().timeIntervalSince1970)
        return ["orgId": org, "exp": now + 600, "iat": now]
    }
}

extension TestClientProtocol {
    /// Like `call`, with `Authorization: Bearer <token>` (or a raw `Authorization` value).
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, authorization: String? = nil, body: String? = nil
    ) async throws -> JSONResult {
        var headers: HTTPFields = [:]
        if body != nil { headers[.contentType] = "application/json" }
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let authorization { headers[.authorization] = authorization }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResult(status: response.status, headers: response.headers, json: object, text: text)
    }
}
