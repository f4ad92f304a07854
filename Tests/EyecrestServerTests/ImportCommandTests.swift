import EyecrestClient
import Foundation
import Testing

/// `eyecrest push FILE.tar.gz`, `eyecrest push URL` and `eyecrest import github` against a
/// live server, with a local archive host standing in for GitHub.
@Suite("Import: command line", .serialized)
struct ImportCommandTests {
    @Test func pushArchivesAndImportGitHub() async throws {
        let book = try corpusBytes("rust-book")
        let markdown = try corpusMarkdown("rust-book")
        try await ArchiveHost.run(archives: ["book": book, "rust-lang/book@main": book]) { host in
            try await withTemporaryDirectory { directory in
                let server = try ServerProcess(
                    dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"),
                    // The archive host runs in this test process, whose two cooperative threads
                    // the parallel suite can hold for longer than the default 30 s read timeout.
                    extraArguments: ["--github-archive-host", host.baseURL, "--allow-private-import-urls", "--import-read-timeout", "180"])
                do {
                    try await server.waitUntilReady()
                    try await scenario(server: server, host: host, directory: directory, markdown: markdown)
                } catch {
                    Issue.record("server log:\n\(server.log())")
                    await server.stop()
                    throw error
                }
                #expect(await server.stop() == 0)
            }
        }
    }

    /// `--import-read-timeout` bounds the silence of an archive host: `/stall` sends the
    /// first bytes and then nothing for 3 s, which a 1 s limit turns into `fetch_timeout`
    /// (not into a truncated archive). A limit out of range stops the server at start.
    @Test func theReadTimeoutIsAFlag() async throws {
        try await ArchiveHost.run { host in
            try await withTemporaryDirectory { directory in
                let server = try ServerProcess(
                    dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"),
                    extraArguments: ["--allow-private-import-urls", "--import-read-timeout", "1"])
                do {
                    try await server.waitUntilReady()
                    let push = try await runCLI(["push", "\(host.baseURL)/stall", "--dataset", "d", "--server", server.url], in: directory)
                    #expect(push.status != 0 && push.stderr.contains("fetch_timeout"), "\(push.stdout) \(push.stderr)")
                    #expect(try await server.client.size("d").files == 0)
                } catch {
                    await server.stop()
                    throw error
                }
                #expect(await server.stop() == 0)
                let data = directory.appendingPathComponent("refused").path
                let zero = try await runCLI(["serve", "--port", "0", "--data-dir", data, "--import-read-timeout", "0"], in: directory)
                #expect(zero.status != 0 && zero.stderr.contains("--import-read-timeout"), "\(zero.stderr)")
                let word = try await runCLI(["serve", "--port", "0", "--data-dir", data], in: directory, environment: ["EYECREST_IMPORT_READ_TIMEOUT": "soon"])
                #expect(word.status != 0 && word.stderr.contains("--import-read-timeout 'soon'"), "\(word.stderr)")
            }
        }
    }

    /// `eyecrest push URL` of a loopback host: refused by a default server, with the code
    /// on standard error; imported once `EYECREST_ALLOW_PRIVATE_IMPORT_URLS=1` allows it.
    @Test func privateURLsNeedTheSwitch() async throws {
        var tar = TarBuilder()
        tar.file("docs/a.md", "# A\n\nFirst.\n")
        tar.end()
        let archive = tar.gzipped
        try await ArchiveHost.run(archives: ["small": archive]) { host in
            try await withTemporaryDirectory { directory in
                let runs: [(name: String, environment: [String: String])] = [
                    ("default", [:]), ("allowed", ["EYECREST_ALLOW_PRIVATE_IMPORT_URLS": "1"]),
                ]
                for (name, environment) in runs {
                    let server = try ServerProcess(
                        dataDirectory: directory.appendingPathComponent(name), logFile: directory.appendingPathComponent("\(name).log"),
                        environment: environment)
                    do {
                        try await server.waitUntilReady()
                        let push = try await runCLI(["push", "\(host.baseURL)/archives/small", "--dataset", "d", "--server", server.url], in: directory)
                        if environment.isEmpty {
                            #expect(push.status != 0 && push.stderr.contains("url_not_allowed"), "\(push.stdout) \(push.stderr)")
                            #expect(try await server.client.size("d").files == 0)
                        } else {
                            #expect(push.stdout.hasPrefix("d: 1 imported"), "\(push.stdout) \(push.stderr)")
                        }
                    } catch {
                        await server.stop()
                        throw error
                    }
                    #expect(await server.stop() == 0)
                }
                #expect(host.requests == 1)
            }
        }
    }

    private func scenario(server: ServerProcess, host: ArchiveHost, directory: URL, markdown: [String]) async throws {
        let options = ["--server", server.url]
        let archive = corpusArchive("rust-book").path

        let first = try await runCLI(["push", archive, "--dataset", "book"] + options, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("book: \(markdown.count) imported, 0 unchanged, 0 skipped ("), "\(first.stdout)")
        let again = try await runCLI(["push", archive, "--dataset", "book"] + options, in: directory)
        #expect(again.stdout.hasPrefix("book: 0 imported, \(markdown.count) unchanged, 0 skipped"), "\(again.stdout)")
        let search = try await runCLI(["search", "book", "borrow checker", "--json"] + options, in: directory)
        let hits = try JSONDecoder().decode(SearchResults.self, from: Data(search.stdout.utf8))
        #expect(hits.results.prefix(3).contains { $0.sectionSlug == "the-borrow-checker" })

        // A URL, fetched by the server, one folder of it.
        let chapters = markdown.filter { $0.hasPrefix("src/") }.count
        let url = try await runCLI(["push", "\(host.baseURL)/archives/book", "--dataset", "fromurl", "--path", "src"] + options, in: directory)
        #expect(url.stdout.hasPrefix("fromurl: \(chapters) imported, 0 unchanged"), "\(url.stdout) \(url.stderr)")
        #expect(try await server.client.file("fromurl", filename: "ch01-00-getting-started.md").content.isEmpty == false)

        let github = try await runCLI(["import", "github", "rust-lang/book@main", "--path", "src", "--dataset", "gh"] + options, in: directory)
        #expect(github.stdout.hasPrefix("gh: \(chapters) imported, 0 unchanged"), "\(github.stdout) \(github.stderr)")
        let missing = try await runCLI(["import", "github", "rust-lang/nothing", "--dataset", "gh"] + options, in: directory)
        #expect(missing.status != 0 && missing.stderr.contains("repository_not_found"), "\(missing.stderr)")
        let malformed = try await runCLI(["import", "github", "just-a-name", "--dataset", "gh"] + options, in: directory)
        #expect(malformed.status != 0 && malformed.stderr.contains("OWNER/REPO"), "\(malformed.stderr)")

        // Archives cannot be mirrored with --delete; folders cannot take --path.
        let delete = try await runCLI(["push", archive, "--dataset", "book", "--delete"] + options, in: directory)
        #expect(delete.status != 0 && delete.stderr.contains("--delete"), "\(delete.stderr)")
        let folderPath = try await runCLI(["push", directory.path, "--dataset", "book", "--path", "x"] + options, in: directory)
        #expect(folderPath.status != 0 && folderPath.stderr.contains("--path"), "\(folderPath.stderr)")

        // A broken archive: an error with its code, nothing stored.
        let broken = directory.appendingPathComponent("broken.tar.gz")
        try Data(try corpusBytes("rust-book").prefix(100_000)).write(to: broken)
        let failed = try await runCLI(["push", broken.path, "--dataset", "empty"] + options, in: directory)
        #expect(failed.status != 0 && failed.stderr.contains("invalid_archive"), "\(failed.stderr)")
        #expect(try await server.client.size("empty").files == 0)
    }
}
