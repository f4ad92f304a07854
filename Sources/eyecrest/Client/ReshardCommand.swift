import ArgumentParser
import EyecrestClient
import Foundation

extension DatasetsCommand {
    /// `eyecrest datasets reshard NAME --shards M [--wait]`.
    struct Reshard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a dataset's shard count online; reads and writes go on meanwhile.",
            discussion: """
                Files are copied into the new shards in the background; `datasets show` reports the \
                progress. With --wait the command follows it (a progress bar on a terminal) and \
                returns when the dataset has switched to the new count.
                """)
        @Argument(help: "The dataset.") var name: String
        @Option(help: "The new number of shards (1-256).") var shards: Int
        @Flag(help: "Wait until the resharding is done.") var wait = false
        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard (1...256).contains(shards) else { throw ValidationError("--shards must be between 1 and 256.") }
        }

        func run() async throws {
            let client = options.client()
            var dataset = try await client.reshard(name, shards: shards)
            guard let started = dataset.resharding else {
                print("\(name) has \(dataset.shards) shard\(dataset.shards == 1 ? "" : "s") already.")
                return
            }
            guard wait else {
                print("resharding \(name) from \(started.from) to \(started.to) shards; follow it with: eyecrest datasets show \(name)")
                return
            }
            let bar = ProgressBar(total: max(1, started.filesToMove), label: "resharding \(name)", enabled: Terminal.stderrIsTTY)
            while let progress = dataset.resharding {
                bar.update(min(progress.filesMoved, progress.filesToMove))
                try await Task.sleep(for: .milliseconds(250))
                dataset = try await client.dataset(name)
            }
            bar.finish()
            print("resharded: \(name) now has \(dataset.shards) shards.")
        }
    }
}
