import EyecrestClient
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A node holds far more datasets than it has file descriptors for: idle datasets close
/// and reopen on demand, and running out of descriptors is a 503, never a 500.
@Suite("Many datasets on few file descriptors")
struct ManyDatasetsTests {
    /// A real server limited to `openFiles` descriptors in a fresh folder, for `body`; it
    /// is stopped by its PID whatever happens.
    static func withLimitedServer(openFiles: Int, _ body: (ServerProcess) async throws -> Void) async throws {
        try await ServerProcess.scoped("many", launcher: ["/usr/bin/prlimit", "--nofile=\(openFiles):\(openFiles)", "--"], body)
    }

    static func health(_ server: ServerProcess) async throws -> (status: Int, body: Health) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: server.url + "/health")))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try JSONDecoder().decode(Health.self, from: data))
    }

    @Test("300 datasets on a server limited to 128 open files: every one readable and writable", .timeLimit(.minutes(4)))
    func manyDatasetsOnFewDescriptors() async throws {
        try await Self.withLimitedServer(openFiles: 128) { server in try await Self.fillAndReadBack(server) }
    }

    static func fillAndReadBack(_ server: ServerProcess) async throws {
        let client = server.client
        let names = (0..<300).map { "ds-\($0)" }
        for start in stride(from: 0, to: names.count, by: 6) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names[start..<min(names.count, start + 6)] {
                    group.addTask {
                        try await client.createDataset(name)
                        _ = try await client.upsertFiles(name, files: [FileInput(filename: "\(name).md", content: "# \(name)\n\nA heron nests in \(name).\n")])
                    }
                }
                try await group.waitForAll()
            }
        }
        for name in names.shuffled() {
            let results = try await client.search(name, query: "heron")
            #expect(results.results.map(\.filename) == ["\(name).md"], "\(name)")
        }
        let (status, health) = try await Self.health(server)
        #expect(status == 200 && health.status == "ok")
        #expect(health.openShards <= health.maxOpenShards, "\(health)")
        let stopped = await server.stop()
        #expect(stopped == 0, "\(server.log().suffix(2_000))")
        #expect(!server.log().contains("storage failure"), "\(server.log().suffix(2_000))")
    }

    @Test("Out of descriptors is a 503 resource_exhausted that stores nothing, and /health says so", .timeLimit(.minutes(2)))
    func exhaustionIsA503() async throws {
        try await Self.withLimitedServer(openFiles: 64) { server in try await Self.exhaust(server) }
    }

    static func exhaust(_ server: ServerProcess) async throws {
        let client = server.client
        try await client.createDataset("small")
        // 200 shards need hundreds of descriptors at once: more than the process may open.
        do {
            try await client.createDataset("huge", shards: 200)
            Issue.record("64 descriptors held 200 shards open")
        } catch let error as EyecrestError {
            #expect(error.status == 503 && error.code == "resource_exhausted", "\(error)")
        }
        let (status, health) = try await Self.health(server)
        #expect(status == 503 && health.status == "degraded" && health.reason != nil, "\(health)")
        // Nothing of the failed create remains; the server goes on serving.
        #expect(try await client.listDatasets().map(\.datasetId) == ["small"])
        _ = try await client.upsertFiles("small", files: [FileInput(filename: "a.md", content: "# A\n\nA heron.\n")])
        #expect(try await client.search("small", query: "heron").results.count == 1)
        #expect(!server.log().contains("internal_error"))
    }
}
