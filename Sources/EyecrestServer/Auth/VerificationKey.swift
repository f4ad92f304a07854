import Foundation
import JWTKit

/// One configured public key: its kid, its algorithm, and a jwt-kit collection holding
/// only it (so that jwt-kit can never fall back to another key).
public struct VerificationKey: Sendable {
    public let kid: String
    public let algorithm: TokenAlgorithm
    let keys: JWTKeyCollection

    /// Reads a PEM public key (P-256 for ES256, Ed25519 for EdDSA, RSA ≥ 2048 bits for
    /// RS256); the kid follows ``PEMKeyFile``'s rule.
    public static func load(contentsOf url: URL) async throws(KeyFileError) -> VerificationKey {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw KeyFileError("cannot read '\(url.path)'") }
        let file: PEMKeyFile
        do { file = try PEMKeyFile(text: text) } catch { throw KeyFileError("'\(url.path)': \(error.description)") }
        return try await make(pem: file.pem, kid: file.kid(fileURL: url), source: url.path)
    }

    /// A key from PEM text; `source` names it in errors.
    public static func make(pem: String, kid: String, source: String = "key") async throws(KeyFileError) -> VerificationKey {
        guard PEMKeyFile.isValidKID(kid) else { throw KeyFileError("'\(source)': kid '\(kid)' is not 1-128 of A-Z a-z 0-9 . _ -") }
        guard !pem.contains("PRIVATE KEY") else { throw KeyFileError("'\(source)' is a private key; the server takes public keys only") }
        let keys = JWTKeyCollection()
        if let key = try? ES256PublicKey(pem: pem) {
            await keys.add(ecdsa: key)
            return VerificationKey(kid: kid, algorithm: .es256, keys: keys)
        }
        if let key = try? EdDSA.PublicKey(pem: pem) {
            await keys.add(eddsa: key)
            return VerificationKey(kid: kid, algorithm: .eddsa, keys: keys)
        }
        if let key = try? Insecure.RSA.PublicKey(pem: pem) {
            await keys.add(rsa: key, digestAlgorithm: .sha256)
            return VerificationKey(kid: kid, algorithm: .rs256, keys: keys)
        }
        throw KeyFileError("'\(source)' is not a P-256, Ed25519 or RSA (2048 bits or more) public key in PEM")
    }
}
