import EyecrestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a new user meets first, through the built `eyecrest` binary: the startup banner,
/// `--version`, and command-line errors that say what to do.
@Suite("First run", .serialized)
struct FirstRunTests {
    @Test func versionIsPrinted() async throws {
        try await withTemporaryDirectory { directory in
            let result = try await runCLI(["--version"], in: directory)
            #expect(result.status == 0)
            #expect(result.stdout == BuildInfo.version + "\n", "\(result.stdout)")
        }
    }

    @Test(arguments: [
        (["serch", "book", "x"], "Did you mean 'eyecrest search'?"),
        (["datasets", "lst"], "Did you mean 'eyecrest datasets list'?"),
        (["frobnicate"], "'frobnicate' is not a command of 'eyecrest'."),
    ])
    func unknownSubcommandsGetASuggestion(arguments: [String], expected: String) async throws {
        try await withTemporaryDirectory { directory in
            let result = try await runCLI(arguments, in: directory)
            #expect(result.status == 64)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.contains("\nCommands: "), "\(result.stderr)")
        }
    }

    @Test func aServerThatIsNotThereIsNamedWithinSeconds() async throws {
        try await withTemporaryDirectory { directory in
            let url = "http://127.0.0.1:\(try freeLoopbackPort())"
            // A generous bound that only a retrying client (90 s before the fix) would cross.
            let result = try await runCLI(["datasets", "list", "--server", url], in: directory, killAfter: .seconds(30))
            #expect(result.status == 1)
            #expect(result.stderr.contains("nothing is listening at \(url) (connection refused)"), "\(result.stderr)")
            #expect(result.stderr.contains("eyecrest serve") && result.stderr.contains("--server URL"), "\(result.stderr)")
        }
    }

    @Test func aServerURLWithoutSchemeIsRefusedWithAnExample() async throws {
        try await withTemporaryDirectory { directory in
            let result = try await runCLI(["datasets", "list", "--server", "localhost:7400"], in: directory)
            #expect(result.status == 64)
            #expect(result.stderr.contains("takes a URL such as http://127.0.0.1:7400; got 'localhost:7400'"), "\(result.stderr)")
        }
    }

    @Test func badNumbersAreRefusedByTheirOwnCommand() async throws {
        try await withTemporaryDirectory { directory in
            let page = try await runCLI(["search", "book", "x", "--page", "-1"], in: directory)
            #expect(page.status == 64)
            #expect(page.stderr.contains("--page counts from 0 (the first page); got -1."), "\(page.stderr)")
            let lines = try await runCLI(["get", "book", "a.md", "--lines", "abc"], in: directory)
            #expect(lines.status == 64)
            #expect(lines.stderr.contains("--lines must look like A:B."), "\(lines.stderr)")
            #expect(lines.stderr.contains("Usage: eyecrest get <dataset> <file>"), "\(lines.stderr)")
        }
    }

    @Test func serveHelpListsTheEverydayOptionsBeforeTheLimits() async throws {
        try await withTemporaryDirectory { directory in
            let help = try await runCLI(["serve", "--help"], in: directory).stdout
            let port = try #require(help.range(of: "--port <port>"))
            let dataDir = try #require(help.range(of: "--data-dir <data-dir>"))
            let authentication = try #require(help.range(of: "--auth-public-key"))
            let limit = try #require(help.range(of: "--max-body-bytes"))
            #expect(port.lowerBound < authentication.lowerBound && dataDir.lowerBound < authentication.lowerBound, "\(help)")
            #expect(authentication.lowerBound < limit.lowerBound, "\(help)")
            #expect(help.contains("SERVER:"))
        }
    }

    @Test func bannerClientOptionsFirstAndATakenPort() async throws {
        try await withTemporaryDirectory { directory in
            let server = try ServerProcess(dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"))
            do {
                try await server.waitUntilReady()
                try await scenario(server, directory)
            } catch {
                Issue.record("server log:\n\(server.log())")
                await server.stop()
                throw error
            }
            #expect(await server.stop() == 0)
        }
    }

    private func scenario(_ server: ServerProcess, _ directory: URL) async throws {
        let log = server.log()
        #expect(log.contains("eyecrest \(BuildInfo.version) listening on \(server.url)\n"), "\(log)")
        #expect(log.contains("auth   none: every caller is the org 'local'; this machine only"), "\(log)")
        #expect(log.contains("next   eyecrest push ./docs --dataset docs --server \(server.url), then open \(server.url)/ to search it"), "\(log)")

        let created = try await runCLI(["--server", server.url, "datasets", "create", "notes"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let listed = try await runCLI(["--server=\(server.url)", "--token", "ignored-without-keys", "datasets"], in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.hasPrefix("notes\t"), "\(listed.stdout)")
        let refused = try await runCLI(["--server", server.url, "keys", "generate", "--out", directory.path], in: directory)
        #expect(refused.status == 64 && refused.stderr.contains("--server"), "a command without client options still refuses them: \(refused.stderr)")

        let badName = try await runCLI(["datasets", "show", "Bad Name!", "--server", server.url], in: directory)
        #expect(badName.status == 1)
        #expect(badName.stderr.contains("Invalid dataset id 'Bad Name!'"), "the name as typed, not URL-encoded: \(badName.stderr)")

        for query in ["NOT", "***", "-", "\"\""] {
            let search = try await runCLI(["search", "notes", query, "--server", server.url], in: directory)
            #expect(search.status == 0, "\(search.stderr)")
            #expect(search.stdout.hasPrefix("Nothing searchable is left in the query '\(query)'"), "\(search.stdout)")
        }

        let second = try await runCLI(
            ["serve", "--port", String(server.port), "--data-dir", directory.appendingPathComponent("other").path], in: directory, killAfter: .seconds(60))
        #expect(second.status != 0)
        #expect(
            second.stderr.contains("Port \(server.port) on 127.0.0.1 is already in use, perhaps by another eyecrest.")
                && second.stderr.contains("--port \(server.port + 1) (or EYECREST_PORT=\(server.port + 1))"), "\(second.stderr)")
        #expect(!second.stderr.contains("errno"), "\(second.stderr)")
    }
}
