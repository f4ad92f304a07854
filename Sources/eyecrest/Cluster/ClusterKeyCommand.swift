import ArgumentParser
import EyecrestCluster
import Foundation

/// `eyecrest cluster key generate`: the shared secret nodes present to each other.
struct ClusterKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage the cluster key nodes authenticate each other with.", subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new random cluster key to a file (mode 0600).",
            discussion: """
                The key is 32 random bytes as 64 hex digits. Give the same file to every node \
                of the cluster; never to tenants. The key is not printed.
                """)

        @Option(help: "The file to write.")
        var out: String

        @Flag(help: "Replace an existing file.")
        var force = false

        func run() async throws {
            let file = URL(fileURLWithPath: out)
            do {
                try ClusterKey.generate().write(to: file, replace: force)
            } catch {
                throw CLIError(error.description)
            }
            print("wrote a new cluster key to \(file.path) (mode 0600); give this file to every node of the cluster")
        }
    }
}
