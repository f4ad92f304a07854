/// The JWT algorithms eyecrest accepts: asymmetric only, so that a server holding public
/// keys can never be made to verify an HMAC token keyed with those public bytes.
public enum TokenAlgorithm: String, Sendable, CaseIterable {
    /// ECDSA over P-256 with SHA-256.
    case es256 = "ES256"
    /// Ed25519.
    case eddsa = "EdDSA"
    /// RSASSA-PKCS1-v1_5 with SHA-256, keys of 2048 bits or more.
    case rs256 = "RS256"
}
