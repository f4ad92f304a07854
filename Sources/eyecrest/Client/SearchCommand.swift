import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest search DATASET QUERY`: ranked sections, readable or as JSON.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search a dataset.")

    @Argument(help: "The dataset.")
    var dataset: String

    @Argument(help: "The query: words, \"phrases\", OR, -exclusions, prefix*.")
    var query: String

    @Flag(help: "Print the server's JSON response.")
    var json = false

    // `.unconditional`: `--page -1` is a value to refuse with a reason, not a missing one.
    @Option(parsing: .unconditional, help: "Zero-based page.")
    var page: Int?

    @Option(parsing: .unconditional, help: "Results per page (1-100).")
    var perPage: Int?

    @Option(help: "Only files whose path starts with this.")
    var pathPrefix: String?

    @Flag(help: "Search the words as typed: no typo tolerance.")
    var exact = false

    @OptionGroup var options: ClientOptions

    func validate() throws {
        if let page, page < 0 { throw ValidationError("--page counts from 0 (the first page); got \(page).") }
        if let perPage, perPage < 1 { throw ValidationError("--per-page must be at least 1; got \(perPage).") }
    }

    func run() async throws {
        let client = options.client()
        let searchOptions = SearchOptions(page: page, perPage: perPage, pathPrefix: pathPrefix, typoTolerance: exact ? false : nil)
        let results = try await client.search(dataset, query: query, options: searchOptions)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
            return
        }
        print(Self.render(results, query: query, color: Terminal.stdoutIsTTY), terminator: "")
    }

    /// `file:line  Heading > Path` then the snippet, matches emphasised on a terminal.
    /// An empty answer says why when the query left no word to search for.
    static func render(_ results: SearchResults, query: String, color: Bool) -> String {
        guard !results.results.isEmpty else {
            guard results.terms.isEmpty else { return "No results.\n" }
            return "Nothing searchable is left in the query '\(query)': it holds only operators (-, NOT, OR, *, quotes, parentheses) "
                + "or punctuation. Add a word to search for.\n"
        }
        var out = ""
        for hit in results.results {
            let location = Terminal.bold("\(hit.filename):\(hit.startLine)", enabled: color)
            out += "\(location)  \(Terminal.dim(hit.headingPath.joined(separator: " > "), enabled: color))\n"
            let snippet = emphasise(hit.snippet, hit.highlights, color: color)
            let lines = snippet.split(separator: "\n", omittingEmptySubsequences: true).map { "    " + $0 }
            out += lines.joined(separator: "\n") + "\n\n"
        }
        for correction in results.corrections ?? [] {
            out += "('\(correction.word)' also matched \(correction.terms.joined(separator: ", ")))\n"
        }
        if results.relaxed { out += "(some results match only some of the words: \(results.terms.joined(separator: ", ")))\n" }
        if results.hasNextPage { out += "More results: --page \(results.page + 1)\n" }
        return out
    }

    /// Highlights are `[start, end)` in UTF-16 code units of the snippet.
    static func emphasise(_ snippet: String, _ highlights: [Highlight], color: Bool) -> String {
        guard color else { return snippet }
        let utf16 = snippet.utf16
        var result = ""
        var cursor = 0
        for highlight in highlights.sorted(by: { $0.start < $1.start })
        where highlight.start >= cursor && highlight.end <= utf16.count && highlight.start < highlight.end {
            result += slice(utf16, cursor, highlight.start)
            result += Terminal.highlight(slice(utf16, highlight.start, highlight.end), enabled: true)
            cursor = highlight.end
        }
        return result + slice(utf16, cursor, utf16.count)
    }

    private static func slice(_ utf16: String.UTF16View, _ start: Int, _ end: Int) -> String {
        let from = utf16.index(utf16.startIndex, offsetBy: start)
        let to = utf16.index(utf16.startIndex, offsetBy: end)
        return String(decoding: Array(utf16[from..<to]), as: UTF16.self)
    }
}
