import EyecrestCluster
import Foundation
import Testing

/// The cluster key nodes present to each other, and `eyecrest cluster key generate`.
@Suite("Cluster key")
struct ClusterKeyTests {
    @Test("Keys under 256 bits, or repeating a few characters, are refused")
    func weakKeys() throws {
        #expect(throws: ClusterKeyError.tooShort(bits: 128)) { try ClusterKey(String(repeating: "0123456789abcdef", count: 2)) }
        #expect(throws: ClusterKeyError.tooShort(bits: 0)) { try ClusterKey("  \n") }
        let base64url = String(repeating: "Ab3-_xYz9K", count: 5)
        #expect(throws: ClusterKeyError.tooShort(bits: 252)) { try ClusterKey(String(base64url.prefix(42))) }
        #expect(throws: ClusterKeyError.repetitive) { try ClusterKey(String(repeating: "a", count: 64)) }
        #expect(throws: ClusterKeyError.repetitive) { try ClusterKey(String(repeating: "abab", count: 16)) }
        // 64 hex digits, or 43 characters of base64url, carry 256 bits.
        _ = try ClusterKey(String(repeating: "0123456789abcdef", count: 4))
        _ = try ClusterKey(String(base64url.prefix(43)))
    }

    @Test("A key matches itself only, and never prints itself")
    func matching() throws {
        let key = ClusterKey.generate()
        #expect(key.secret.count == 64 && key.secret.allSatisfy(\.isHexDigit))
        #expect(key.matches(key.secret))
        #expect(!key.matches(String(key.secret.dropLast())))
        #expect(!key.matches(key.secret + "0"))
        #expect(!key.matches(""))
        let last = key.secret.last == "0" ? "1" : "0"
        #expect(!key.matches(String(key.secret.dropLast()) + last))
        #expect(!key.matches(ClusterKey.generate().secret))
        #expect(!"\(key)".contains(key.secret) && !String(reflecting: key).contains(key.secret))
        #expect(!"\([key])".contains(key.secret))
    }

    @Test("A key file is read trimmed; a missing or short one is refused")
    func loading() async throws {
        try await withTemporaryDirectory { directory in
            let secret = String(repeating: "0123456789abcdef", count: 4)
            let file = directory.appendingPathComponent("cluster.key")
            try Data("  \(secret)\n\n".utf8).write(to: file)
            let key = try ClusterKey.load(from: file)
            #expect(key.secret == secret && key.matches(secret))

            try Data("short\n".utf8).write(to: file)
            #expect(throws: ClusterKeyError.tooShort(bits: 30)) { try ClusterKey.load(from: file) }
            #expect {
                try ClusterKey.load(from: directory.appendingPathComponent("missing.key"))
            } throws: { error in
                guard case .unreadable(let path, _) = error as? ClusterKeyError else { return false }
                return path.hasSuffix("missing.key")
            }
        }
    }

    @Test("eyecrest cluster key generate writes mode 0600, never prints the key, and overwrites only with --force")
    func generateCommand() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("keys/cluster.key")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let first = try await runCLI(["cluster", "key", "generate", "--out", file.path], in: directory)
            #expect(first.status == 0, "\(first.stderr)")
            let key = try ClusterKey.load(from: file)
            #expect(try Self.mode(of: file) == 0o600)
            #expect(!first.stdout.contains(key.secret) && !first.stderr.contains(key.secret))

            let refused = try await runCLI(["cluster", "key", "generate", "--out", file.path], in: directory)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(try ClusterKey.load(from: file).secret == key.secret)

            let forced = try await runCLI(["cluster", "key", "generate", "--out", file.path, "--force"], in: directory)
            #expect(forced.status == 0, "\(forced.stderr)")
            let replaced = try ClusterKey.load(from: file)
            #expect(replaced.secret != key.secret)
            #expect(try Self.mode(of: file) == 0o600)
            // The atomic replacement leaves no temporary file behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["cluster.key"])
        }
    }

    static func mode(of file: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }
}
