import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest import …`: markdown that the server fetches itself.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Have the server import markdown from elsewhere.",
        subcommands: [ImportGitHubCommand.self])
}

/// `eyecrest import github OWNER/REPO[@BRANCH] [--path P] --dataset NAME`.
struct ImportGitHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github",
        abstract: "Import a GitHub branch's .md, .mdx and .markdown files.",
        discussion: """
            The server downloads the branch's archive from its configured archive host \
            (serve --github-archive-host, codeload.github.com by default) and imports it all \
            or nothing, the repository's top-level folder removed. Creates the dataset if \
            it does not exist; files already stored unchanged are reported as unchanged.
            """)

    @Argument(help: "OWNER/REPO, or OWNER/REPO@BRANCH (default branch: main).")
    var repository: String

    @Option(help: "Import just this folder of the repository (e.g. docs), named relative to it.")
    var path: String?

    @Option(help: "The dataset to import into.")
    var dataset: String

    @OptionGroup var options: ClientOptions

    /// `owner/repo@branch` split; the server checks the characters of each.
    static func parse(_ repository: String) throws -> (owner: String, repo: String, branch: String?) {
        var name = Substring(repository)
        var branch: String?
        if let at = repository.firstIndex(of: "@") {
            name = repository[..<at]
            branch = String(repository[repository.index(after: at)...])
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, branch?.isEmpty != true else {
            throw ValidationError("Expected OWNER/REPO or OWNER/REPO@BRANCH, not '\(repository)'.")
        }
        return (String(parts[0]), String(parts[1]), branch)
    }

    func validate() throws { _ = try Self.parse(repository) }

    func run() async throws {
        let started = ContinuousClock.now
        let (owner, repo, branch) = try Self.parse(repository)
        let client = options.client()
        try await client.createDataset(dataset)
        let response = try await client.importGitHub(dataset, owner: owner, repo: repo, branch: branch, options: ImportOptions(path: path))
        ImportReport.print(response, dataset: dataset, elapsed: ContinuousClock.now - started)
    }
}
