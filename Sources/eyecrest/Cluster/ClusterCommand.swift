import ArgumentParser

/// `eyecrest cluster …`: commands for running several nodes as one cluster.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Manage a cluster of eyecrest nodes (docs/cluster.md).", subcommands: [ClusterStatusCommand.self, ClusterKeyCommand.self])
}
