import ArgumentParser
import EyecrestClient

/// `eyecrest get DATASET FILE [--lines A:B]`: prints a file, or some of its lines.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print a file of a dataset.")

    @Argument(help: "The dataset.")
    var dataset: String

    @Argument(help: "The file's path in the dataset.")
    var file: String

    @Option(help: "Only lines A to B (1-based, inclusive): A:B, A: or :B.")
    var lines: String?

    @Flag(help: "Prefix each line with its number.")
    var lineNumbers = false

    @OptionGroup var options: ClientOptions

    /// Here rather than in `run()`, so that a bad `--lines` shows this command's usage.
    func validate() throws {
        _ = try Self.parseLines(lines)
    }

    func run() async throws {
        let (start, end) = try Self.parseLines(lines)
        let content = try await options.client().file(dataset, filename: file, start: start, end: end, showLineNumbers: lineNumbers)
        print(content.content, terminator: content.content.hasSuffix("\n") || content.content.isEmpty ? "" : "\n")
    }

    static func parseLines(_ text: String?) throws -> (Int?, Int?) {
        guard let text else { return (nil, nil) }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ValidationError("--lines must look like A:B.") }
        func number(_ part: Substring) throws -> Int? {
            if part.isEmpty { return nil }
            guard let value = Int(part), value >= 1 else { throw ValidationError("--lines takes line numbers from 1.") }
            return value
        }
        return (try number(parts[0]), try number(parts[1]))
    }
}
