import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest datasets list|create|show|reshard|delete`.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "List, create, show, reshard and delete datasets.",
        subcommands: [List.self, Create.self, Show.self, Reshard.self, Delete.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the datasets.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let datasets = try await options.client().listDatasets()
            if datasets.isEmpty { print("No datasets.") }
            for dataset in datasets {
                print("\(dataset.datasetId)\t\(dataset.shards) shard\(dataset.shards == 1 ? "" : "s")\tcreated \(dataset.createdAt.formatted(.iso8601))")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a dataset (no-op if it exists with the same shards).")
        @Argument(help: "The dataset id: 1-400 of A-Z a-z 0-9 _ -.") var name: String
        @Option(help: "Number of shards (1-256).") var shards: Int?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let dataset = try await options.client().createDataset(name, shards: shards)
            if let resharding = dataset.resharding {
                print("resharding: \(dataset.datasetId) from \(resharding.from) to \(resharding.to) shards (eyecrest datasets show \(name))")
            } else {
                print("\(dataset.created == true ? "created" : "exists"): \(dataset.datasetId) (\(dataset.shards) shards)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a dataset's configuration and stats.")
        @Argument(help: "The dataset.") var name: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let dataset = try await options.client().dataset(name)
            print("dataset   \(dataset.datasetId)")
            print("shards    \(dataset.shards)")
            print("region    \(dataset.primaryRegion)")
            print("created   \(dataset.createdAt.formatted(.iso8601))")
            if let stats = dataset.stats {
                print("files     \(stats.files)")
                print("sections  \(stats.sections)")
                print("content   \(stats.contentBytes) bytes")
                print("disk      \(stats.diskBytes) bytes")
            }
            if let resharding = dataset.resharding {
                print("resharding \(resharding.from) -> \(resharding.to) shards, \(resharding.phase): \(resharding.filesMoved)/\(resharding.filesToMove) files")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a dataset and all its files.")
        @Argument(help: "The dataset.") var name: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.client().deleteDataset(name)
            print("deleted: \(name)")
        }
    }
}
