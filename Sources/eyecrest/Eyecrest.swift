import ArgumentParser

@main
struct Eyecrest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eyecrest",
        abstract: "A simple and fast full-text search server for markdown.",
        subcommands: [
            ServeCommand.self, PushCommand.self, ImportCommand.self, SearchCommand.self, GetCommand.self, DatasetsCommand.self, BenchCommand.self, LoadCommand.self, KeysCommand.self,
            TokenCommand.self, CheckCommand.self, ClusterCommand.self,
        ]
    )
}
