import ArgumentParser
import CryptoExtras
import EyecrestServer
import Foundation
import JWTKit

/// `eyecrest keys generate`: a key pair for signing tokens (private) and verifying them
/// on the server (public).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage the key pairs that sign and verify bearer tokens.", subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write private.pem and public.pem into a folder.",
            discussion: """
                Both files start with a 'kid: NAME' line: the server selects the public key \
                by it and 'eyecrest token' puts it in the token's header. Give the server \
                public.pem (--auth-public-key); keep private.pem secret (it is written with \
                mode 0600).
                """)

        @Option(help: "The folder to write into (created if missing).")
        var out: String

        @Option(help: "es256, eddsa or rs256 (RSA 2048).")
        var algorithm: KeyAlgorithm = .es256

        @Option(help: "The key id written into both files. [default: a random id]")
        var kid: String?

        @Flag(help: "Replace existing private.pem and public.pem.")
        var force = false

        func validate() throws {
            if let kid, !PEMKeyFile.isValidKID(kid) { throw ValidationError("--kid must be 1-128 of A-Z a-z 0-9 . _ -") }
        }

        func run() async throws {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let privateURL = folder.appendingPathComponent("private.pem")
            let publicURL = folder.appendingPathComponent("public.pem")
            let manager = FileManager.default
            if !force, manager.fileExists(atPath: privateURL.path) || manager.fileExists(atPath: publicURL.path) {
                throw CLIError("'\(folder.path)' already holds a key pair; pass --force to replace it.")
            }
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            let kid = kid ?? "key-" + (0..<12).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
            let (privatePEM, publicPEM) = try algorithm.generate()
            // Created empty with 0600 first, so the private key is never readable by others.
            guard manager.createFile(atPath: privateURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CLIError("cannot write '\(privateURL.path)'")
            }
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: privateURL.path)
            try Data(PEMKeyFile.render(kid: kid, pem: privatePEM).utf8).write(to: privateURL)
            try Data(PEMKeyFile.render(kid: kid, pem: publicPEM).utf8).write(to: publicURL)
            print("wrote \(privateURL.path) (keep secret) and \(publicURL.path) (give to the server); algorithm \(algorithm.tokenAlgorithm.rawValue), kid \(kid)")
        }
    }
}

/// The algorithms `keys generate` offers.
enum KeyAlgorithm: String, ExpressibleByArgument, CaseIterable {
    case es256, eddsa, rs256

    var tokenAlgorithm: TokenAlgorithm {
        switch self {
        case .es256: .es256
        case .eddsa: .eddsa
        case .rs256: .rs256
        }
    }

    /// A fresh key pair as (private PEM, public PEM).
    func generate() throws -> (String, String) {
        switch self {
        case .es256:
            let key = ES256PrivateKey()
            return (key.pemRepresentation, key.publicKey.pemRepresentation)
        case .eddsa:
            let key = try EdDSA.PrivateKey(curve: .ed25519)
            return (key.pemRepresentation, key.publicKey.pemRepresentation)
        case .rs256:
            let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
            return (key.pemRepresentation, key.publicKey.pemRepresentation)
        }
    }
}
