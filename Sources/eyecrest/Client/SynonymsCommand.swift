import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest synonyms show|set|delete DATASET`.
struct SynonymsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synonyms", abstract: "Show, replace and delete a dataset's synonyms.",
        subcommands: [Show.self, Set.self, Delete.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the dataset's synonyms as JSON.")
        @Argument(help: "The dataset.") var dataset: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            print(try SynonymsCommand.json(try await options.client().synonyms(dataset)))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the dataset's synonyms with a JSON file's rules.",
            discussion: #"The file holds {"groups": [["k8s", "kubernetes"]], "oneWay": [{"word": "js", "synonyms": ["javascript"]}]}; - reads standard input."#)
        @Argument(help: "The dataset.") var dataset: String
        @Argument(help: "The JSON file of rules, or - for standard input.") var file: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            let rules: Synonyms
            do {
                rules = try JSONDecoder().decode(Synonyms.self, from: data)
            } catch {
                throw ValidationError("\(file) is not a synonyms object: \(error.localizedDescription)")
            }
            let stored = try await options.client().setSynonyms(dataset, rules)
            print("stored: \(stored.groups.count) groups, \(stored.oneWay.count) one-way rules")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove every synonym rule of the dataset.")
        @Argument(help: "The dataset.") var dataset: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.client().deleteSynonyms(dataset)
            print("deleted the synonyms of \(dataset)")
        }
    }

    static func json(_ synonyms: Synonyms) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(synonyms), as: UTF8.self)
    }
}
