import ArgumentParser
import EyecrestClient
import EyecrestServer
import Foundation

@main
struct Eyecrest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eyecrest",
        abstract: "A simple and fast full-text search server for markdown.",
        version: BuildInfo.version,
        subcommands: [
            ServeCommand.self, PushCommand.self, ImportCommand.self, SearchCommand.self, GetCommand.self, DatasetsCommand.self, SynonymsCommand.self, BenchCommand.self, LoadCommand.self, KeysCommand.self,
            TokenCommand.self, CheckCommand.self, ClusterCommand.self,
        ]
    )

    /// ArgumentParser's own entry point, with three additions: `--server` and `--token`
    /// are accepted before the subcommand, a mistyped subcommand gets a suggestion, and a
    /// server that cannot be reached gets a hint on starting or finding one.
    static func main() async {
        MemoryPolicy.apply()
        let arguments = CommandLineArguments.movingClientOptionsAfterSubcommand(Array(CommandLine.arguments.dropFirst()))
        if let message = CommandLineArguments.unknownSubcommand(in: arguments, root: Self.self) {
            Terminal.printError("Error: \(message)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as EyecrestError {
            Terminal.printError("Error: \(error)")
            if error.status == nil {
                Terminal.printError(
                    "Is eyecrest running there? Start a server with 'eyecrest serve', or point to yours with --server URL (or EYECREST_SERVER).")
            }
            Foundation.exit(EXIT_FAILURE)
        } catch {
            exit(withError: error)
        }
    }
}
