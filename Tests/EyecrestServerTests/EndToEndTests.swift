import EyecrestClient
import Foundation
import Testing

/// The real binary, over a real socket, driven by the SDK. Serialized: these tests start
/// processes and share two cores with everything else.
@Suite("End to end", .serialized)
struct EndToEndTests {
    @Test func clientDrivesEveryRouteOfARealServer() async throws {
        try await withTemporaryDirectory { directory in
            let server = try ServerProcess(dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"))
            do {
                try await server.waitUntilReady()
                try await exercise(server.client)
            } catch {
                Issue.record("server log:\n\(server.log())")
                await server.stop()
                throw error
            }
            // SIGTERM is a graceful shutdown: exit status 0.
            #expect(await server.stop() == 0, "\(server.log())")
            #expect(server.log().contains("hb.request.id="), "request ids in the logs")
        }
    }

    private func exercise(_ client: EyecrestClient) async throws {
        #expect(await client.health())
        let created = try await client.createDataset("book", shards: 2)
        #expect(created.created == true && created.shards == 2)
        #expect(try await client.createDataset("book").created == false)
        #expect(try await client.listDatasets().map(\.datasetId) == ["book"])

        let files = [
            FileInput(filename: "ch01/hello world.md", content: "# Hello, World!\n\nWrite a program that prints Hello, world.\n", metadata: ["chapter": .int(1)]),
            FileInput(filename: "ch02/ownership/über.md", content: "# Ownership\n\nOwnership rules and the borrow checker.\n\n## Moves\n\nA move transfers ownership.\n"),
            FileInput(filename: "notes.txt", content: "plain text is stored, not indexed"),
        ]
        let upserted = try await client.upsertFiles("book", files: files)
        #expect(upserted.created == 3)
        #expect(upserted.results.map(\.status) == [.created, .created, .created])
        #expect(try await client.upsertFiles("book", files: files).unchanged == 3)

        let listed = try await client.allFiles("book")
        #expect(listed.map(\.filename) == ["ch01/hello world.md", "ch02/ownership/über.md", "notes.txt"])
        #expect(try await client.listFiles("book", prefix: "ch02/").files.count == 1)

        let file = try await client.file("book", filename: "ch02/ownership/über.md", start: 5, end: 7, showLineNumbers: true)
        #expect(file.content == "5  ## Moves\n6  \n7  A move transfers ownership.")
        #expect(try await client.file("book", filename: "ch01/hello world.md").metadata == ["chapter": .int(1)])

        let results = try await client.search("book", query: "ownership move", options: SearchOptions(perPage: 5))
        #expect(results.results.first?.filename == "ch02/ownership/über.md")
        #expect(results.results.first?.heading == "Moves")
        let text = try await client.searchText("book", query: "ownership")
        #expect(text.contains("/v1/datasets/book/files/ch02/ownership/%C3%BCber.md?start="), "\(text)")

        let size = try await client.size("book")
        #expect(size.files == 3 && size.shards == 2)
        #expect(try await client.dataset("book").stats?.files == 3)

        await #expect(throws: EyecrestError.server(status: 404, code: "file_not_found", message: "File 'missing.md' not found.")) {
            try await client.file("book", filename: "missing.md")
        }
        do {
            _ = try await client.search("book", query: "x", options: SearchOptions(perPage: 500))
            Issue.record("perPage 500 was accepted")
        } catch let error as EyecrestError {
            #expect(error.code == "invalid_parameter" && error.status == 400)
        }

        let deleted = try await client.deleteFiles("book", filenames: ["notes.txt", "nope.md"])
        #expect(deleted.deleted == ["notes.txt"] && deleted.notFound == ["nope.md"])
        #expect(try await client.metrics().contains("eyecrest_http_requests_total"))
        let openAPI = try JSONSerialization.jsonObject(with: try await client.openAPIDocument()) as? [String: Any]
        #expect(openAPI?["openapi"] as? String == "3.1.0")
        try await client.deleteDataset("book")
        #expect(try await client.listDatasets().isEmpty)
    }

    @Test func unreachableServerIsATransportError() async throws {
        let port = try freeLoopbackPort()
        let client = EyecrestClient(baseURL: "http://127.0.0.1:\(port)", timeoutSeconds: 2)
        do {
            _ = try await client.listDatasets()
            Issue.record("expected a transport error")
        } catch let error as EyecrestError {
            #expect(error.status == nil)
        }
    }
}
