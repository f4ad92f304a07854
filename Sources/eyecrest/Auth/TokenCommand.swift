import ArgumentParser
import EyecrestServer
import Foundation

/// `eyecrest token`: mints a bearer token for an org with a private key.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print a signed bearer token for an org.",
        discussion: """
            The token carries orgId, iat and exp (now + --ttl). Its header's kid is --kid, \
            else the private key file's 'kid:' line, else absent (the server then tries \
            every key of the token's algorithm). Only the token is printed, on standard output.
            """)

    @Option(help: "The private key (PEM) from 'eyecrest keys generate'.")
    var privateKey: String

    @Option(help: "The org the token grants access to (its orgId claim).")
    var org: String

    @Option(help: "Seconds until the token expires.")
    var ttl: Int = 3600

    @Option(help: "The key id to put in the token's header.")
    var kid: String?

    func validate() throws {
        guard ttl > 0 else { throw ValidationError("--ttl must be a positive number of seconds.") }
        guard !org.isEmpty, org.utf8.count <= TokenClaims.maxOrgBytes else { throw ValidationError("--org must be 1-\(TokenClaims.maxOrgBytes) bytes.") }
        if let kid, !PEMKeyFile.isValidKID(kid) { throw ValidationError("--kid must be 1-128 of A-Z a-z 0-9 . _ -") }
    }

    func run() async throws {
        let key = try await SigningKey.load(contentsOf: URL(fileURLWithPath: privateKey))
        print(try await key.token(org: org, ttl: TimeInterval(ttl), kid: kid ?? key.declaredKID))
    }
}
