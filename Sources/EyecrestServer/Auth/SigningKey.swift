import Foundation
import JWTKit

/// A private key that mints tokens: what `eyecrest keys generate` writes and
/// `eyecrest token` reads. Also used by tests.
public struct SigningKey: Sendable {
    public let algorithm: TokenAlgorithm
    /// The kid declared in the key file, if any (see ``PEMKeyFile``).
    public let declaredKID: String?
    /// The private key in PEM.
    public let privatePEM: String
    /// The matching public key in PEM, for the server.
    public let publicPEM: String
    let keys: JWTKeyCollection

    /// Reads a PEM private key (P-256, Ed25519 or RSA).
    public static func load(contentsOf url: URL) async throws(KeyFileError) -> SigningKey {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw KeyFileError("cannot read '\(url.path)'") }
        let file: PEMKeyFile
        do { file = try PEMKeyFile(text: text) } catch { throw KeyFileError("'\(url.path)': \(error.description)") }
        return try await make(pem: file.pem, declaredKID: file.declaredKID, source: url.path)
    }

    /// A key from private PEM text; `source` names it in errors.
    public static func make(pem: String, declaredKID: String? = nil, source: String = "key") async throws(KeyFileError) -> SigningKey {
        let keys = JWTKeyCollection()
        if let key = try? ES256PrivateKey(pem: pem) {
            await keys.add(ecdsa: key)
            return SigningKey(algorithm: .es256, declaredKID: declaredKID, privatePEM: pem, publicPEM: key.publicKey.pemRepresentation, keys: keys)
        }
        if let key = try? EdDSA.PrivateKey(pem: pem) {
            await keys.add(eddsa: key)
            return SigningKey(algorithm: .eddsa, declaredKID: declaredKID, privatePEM: pem, publicPEM: key.publicKey.pemRepresentation, keys: keys)
        }
        if let key = try? Insecure.RSA.PrivateKey(pem: pem) {
            await keys.add(rsa: key, digestAlgorithm: .sha256)
            return SigningKey(algorithm: .rs256, declaredKID: declaredKID, privatePEM: pem, publicPEM: key.publicKey.pemRepresentation, keys: keys)
        }
        throw KeyFileError("'\(source)' is not a P-256, Ed25519 or RSA (2048 bits or more) private key in PEM")
    }

    /// Signs `claims`; `kid` goes into the header when given.
    public func sign(_ claims: TokenClaims, kid: String?) async throws -> String {
        var header = JWTHeader()
        if let kid { header.kid = kid }
        return try await keys.sign(claims, header: header)
    }

    /// A token for `org` valid from now for `ttl` seconds (whole seconds, as most JWT
    /// libraries expect).
    public func token(org: String, ttl: TimeInterval, kid: String?, now: Date = Date()) async throws -> String {
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return try await sign(TokenClaims(orgId: org, exp: issued.addingTimeInterval(ttl.rounded(.down)), iat: issued), kid: kid)
    }
}
