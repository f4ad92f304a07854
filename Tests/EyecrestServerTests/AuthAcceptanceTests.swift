import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// What a valid token gets, which routes stay open, and the no-key default.
@Suite("Authentication")
struct AuthAcceptanceTests {
    @Test func everyAlgorithmWithAndWithoutKid() async throws {
        let keys = try await TestKeys.shared.value
        let tokens = [
            try await keys.es256.token(org: "acme", ttl: 600, kid: "es"),
            try await keys.eddsa.token(org: "acme", ttl: 600, kid: "ed"),
            try await keys.rs256.token(org: "acme", ttl: 600, kid: "rs"),
            // Without a kid, every key of the token's algorithm is tried.
            try await keys.es256.token(org: "acme", ttl: 600, kid: nil),
            try await keys.eddsa.token(org: "acme", ttl: 600, kid: nil),
            try await keys.rs256.token(org: "acme", ttl: 600, kid: nil),
        ]
        try await withAuthServer(keys) { client in
            for (index, token) in tokens.enumerated() {
                let created = try await client.call(.post, "/v1/datasets/d\(index)", token: token)
                #expect(created.status == .created, "\(index): \(created.text)")
                #expect(created["orgId"] as? String == "acme")
            }
            let list = try await client.call(.get, "/v1/datasets", token: tokens[0])
            #expect((list["datasets"] as? [[String: Any]])?.count == tokens.count)
        }
    }

    @Test func openRoutesNeedNoToken() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            for path in ["/health", "/openapi.json", "/metrics"] {
                let anonymous = try await client.call(.get, path, token: nil)
                #expect(anonymous.status == .ok, "\(path)")
                // A bad token on an open route is ignored rather than refused.
                let garbage = try await client.call(.get, path, token: "garbage")
                #expect(garbage.status == .ok, "\(path)")
            }
            #expect(AuthMiddleware.openPaths == ["/health", "/openapi.json", "/metrics"])
        }
    }

    /// Without keys every caller is `local`, with or without a token.
    @Test func noKeyDefaultIsOrgLocal() async throws {
        let keys = try await TestKeys.shared.value
        let token = try await keys.token(org: "acme")
        try await withTestServer { client in
            let created = try await client.call(.post, "/v1/datasets/a", token: nil)
            #expect(created["orgId"] as? String == "local")
            let shown = try await client.call(.get, "/v1/datasets/a", token: token)
            #expect(shown["orgId"] as? String == "local")
        }
    }

    @Test func verifierRefusesDuplicateKids() async throws {
        let keys = try await TestKeys.shared.value
        let first = try await VerificationKey.make(pem: keys.es256.publicPEM, kid: "same")
        let second = try await VerificationKey.make(pem: keys.eddsa.publicPEM, kid: "same")
        #expect(throws: KeyFileError.self) { try TokenVerifier(keys: [first, second]) }
    }

    @Test func verificationKeysAreTypedAndPublicOnly() async throws {
        let keys = try await TestKeys.shared.value
        #expect(try await VerificationKey.make(pem: keys.es256.publicPEM, kid: "a").algorithm == .es256)
        #expect(try await VerificationKey.make(pem: keys.eddsa.publicPEM, kid: "a").algorithm == .eddsa)
        #expect(try await VerificationKey.make(pem: keys.rs256.publicPEM, kid: "a").algorithm == .rs256)
        await #expect(throws: KeyFileError.self) { try await VerificationKey.make(pem: keys.es256.privatePEM, kid: "a") }
        await #expect(throws: KeyFileError.self) { try await VerificationKey.make(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", kid: "a") }
        await #expect(throws: KeyFileError.self) { try await VerificationKey.make(pem: keys.es256.publicPEM, kid: "bad kid") }
    }

    @Test func kidRule() throws {
        let pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
        let plain = try PEMKeyFile(text: pem)
        #expect(plain.declaredKID == nil && plain.pem == pem)
        #expect(plain.kid(fileURL: URL(fileURLWithPath: "/keys/prod-2026.pem")) == "prod-2026")
        let declared = try PEMKeyFile(text: "# a comment\nKID:  team-a \n" + pem)
        #expect(declared.declaredKID == "team-a" && declared.pem == pem)
        #expect(declared.kid(fileURL: URL(fileURLWithPath: "/keys/public.pem")) == "team-a")
        #expect(PEMKeyFile.render(kid: "k1", pem: pem) == "kid: k1\n" + pem)
        #expect(throws: KeyFileError.self) { try PEMKeyFile(text: "kid: no spaces allowed\n" + pem) }
        #expect(throws: KeyFileError.self) { try PEMKeyFile(text: "no pem here") }
    }
}

/// The embedded default may only listen on loopback.
@Suite("Listen address")
struct ListenAddressTests {
    @Test func loopbackAddresses() {
        for host in ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            #expect(ListenAddress.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "10.0.0.1", "192.168.1.1", "example.com", "128.0.0.1", "::2", ""] {
            #expect(!ListenAddress.isLoopback(host), "\(host)")
        }
    }

    @Test func nonLoopbackNeedsKeysOrAnExplicitOptOut() async throws {
        let keys = try await TestKeys.shared.value
        let directory = URL(fileURLWithPath: "/nonexistent")
        #expect(throws: StartupError.self) { try ServerConfiguration(dataDirectory: directory, host: "0.0.0.0").validate() }
        #expect(throws: Never.self) { try ServerConfiguration(dataDirectory: directory, host: "0.0.0.0", allowUnauthenticated: true).validate() }
        #expect(throws: Never.self) { try ServerConfiguration(dataDirectory: directory, host: "0.0.0.0", authentication: keys.verifier).validate() }
        #expect(throws: Never.self) { try ServerConfiguration(dataDirectory: directory).validate() }
        // buildApplication checks before it opens anything.
        await #expect(throws: StartupError.self) { _ = try await buildApplication(ServerConfiguration(dataDirectory: directory, host: "::")) }
    }
}
