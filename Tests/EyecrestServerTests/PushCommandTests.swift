import EyecrestClient
import Foundation
import Testing

/// `eyecrest push` and friends against a live server, on the real Rust book.
@Suite("Command line", .serialized)
struct PushCommandTests {
    @Test func pushSkipsUnchangedAndDeletesWhatDisappeared() async throws {
        try await withTemporaryDirectory { directory in
            let server = try ServerProcess(dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"))
            do {
                try await server.waitUntilReady()
                try await scenario(server: server, directory: directory)
            } catch {
                Issue.record("server log:\n\(server.log())")
                await server.stop()
                throw error
            }
            #expect(await server.stop() == 0)
        }
    }

    private func scenario(server: ServerProcess, directory: URL) async throws {
        let book = try unpackCorpus("rust-book", into: directory)
        let markdown = try FileManager.default.subpathsOfDirectory(atPath: book.path).filter { $0.hasSuffix(".md") }
        try #require(markdown.count > 50)
        let server = ["--server", server.url]

        let first = try await runCLI(["push", book.path, "--dataset", "book", "--batch-size", "25"] + server, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("book: \(markdown.count) created, 0 updated, 0 unchanged, 0 deleted"), "\(first.stdout)")
        let client = EyecrestClient(baseURL: server[1])
        #expect(try await client.size("book").files == markdown.count)

        let again = try await runCLI(["push", book.path, "--dataset", "book"] + server, in: directory)
        #expect(again.stdout.contains("0 created, 0 updated, \(markdown.count) unchanged, 0 deleted"), "\(again.stdout)")

        // One file changes, one disappears, one appears (with a space and a non-ASCII letter).
        let changed = try #require(markdown.sorted().first)
        let removed = try #require(markdown.sorted().last)
        let changedURL = book.appendingPathComponent(changed)
        try (try String(contentsOf: changedURL, encoding: .utf8) + "\nAn added zebracorn paragraph.\n").write(to: changedURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: book.appendingPathComponent(removed))
        try "# Añadido\n\nNew file.\n".write(to: book.appendingPathComponent("new file ñ.md"), atomically: true, encoding: .utf8)

        let withoutDelete = try await runCLI(["push", book.path, "--dataset", "book"] + server, in: directory)
        #expect(withoutDelete.stdout.contains("1 created, 1 updated, \(markdown.count - 2) unchanged, 0 deleted"), "\(withoutDelete.stdout)")
        let withDelete = try await runCLI(["push", book.path, "--dataset", "book", "--delete"] + server, in: directory)
        #expect(withDelete.stdout.contains("0 created, 0 updated, \(markdown.count) unchanged, 1 deleted"), "\(withDelete.stdout)")
        let names = Set(try await client.allFiles("book").map(\.filename))
        #expect(!names.contains(removed) && names.contains("new file ñ.md") && names.count == markdown.count)

        let search = try await runCLI(["search", "book", "zebracorn"] + server, in: directory)
        #expect(search.status == 0)
        #expect(search.stdout.hasPrefix("\(changed):"), "\(search.stdout)")
        let json = try await runCLI(["search", "book", "ownership", "--json", "--per-page", "3"] + server, in: directory)
        let decoded = try JSONDecoder().decode(SearchResults.self, from: Data(json.stdout.utf8))
        #expect(decoded.results.count == 3)

        let get = try await runCLI(["get", "book", "new file ñ.md", "--lines", "1:1"] + server, in: directory)
        #expect(get.stdout == "# Añadido\n")
        let missing = try await runCLI(["get", "book", "nope.md"] + server, in: directory)
        #expect(missing.status != 0 && missing.stderr.contains("file_not_found"), "\(missing.stderr)")

        let list = try await runCLI(["datasets", "list"] + server, in: directory)
        #expect(list.stdout.hasPrefix("book\t1 shard"), "\(list.stdout)")
        let create = try await runCLI(["datasets", "create", "other", "--shards", "3"] + server, in: directory)
        #expect(create.stdout.contains("created: other (3 shards)"), "\(create.stdout)")
        let show = try await runCLI(["datasets", "show", "book"] + server, in: directory)
        #expect(show.stdout.contains("files     \(markdown.count)"), "\(show.stdout)")
        let delete = try await runCLI(["datasets", "delete", "other"] + server, in: directory)
        #expect(delete.status == 0)
        #expect(try await client.listDatasets().map(\.datasetId) == ["book"])

        // Resharding: --wait returns once the dataset has switched.
        let reshard = try await runCLI(["datasets", "reshard", "book", "--shards", "2", "--wait"] + server, in: directory)
        #expect(reshard.status == 0 && reshard.stdout.contains("resharded: book now has 2 shards."), "\(reshard.stdout)\(reshard.stderr)")
        #expect(try await client.dataset("book").shards == 2)
        #expect(try await client.allFiles("book").count == markdown.count)
        let unchanged = try await runCLI(["datasets", "reshard", "book", "--shards", "2"] + server, in: directory)
        #expect(unchanged.stdout.contains("book has 2 shards already."), "\(unchanged.stdout)")
        let refused = try await runCLI(["datasets", "reshard", "book", "--shards", "300"] + server, in: directory)
        #expect(refused.status != 0 && refused.stderr.contains("--shards must be between 1 and 256"), "\(refused.stderr)")
    }
}
