import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// Every MCP client numbers its requests from 1. With one transport shared by the whole
/// server, concurrent clients got each other's answers or none (measured); here 24
/// clients on their own TCP connections to a live server all send id 1 at once, several
/// rounds, and each must get the answer to its own question.
/// Half the clients read a file while the other half search, so the engine's reads run
/// concurrently too (this mix once deadlocked the engine; see `ConcurrencyTests`).
@Suite("MCP concurrency")
struct MCPConcurrencyTests {
    static let clients = 24
    static let rounds = 3

    /// The time limit only guards against a hang: cancelling HummingbirdTesting's live
    /// server mid-request crashes the whole test process (NIO's `NIOAsyncWriter` deinit
    /// check), so it must never fire because a full parallel run starves this test.
    @Test(.timeLimit(.minutes(10))) func concurrentClientsWithCollidingIDsGetTheirOwnAnswers() async throws {
        try await withTemporaryDirectory { directory in
            let files = Array(try rustBookChapters(in: directory).prefix(Self.clients))
            try #require(files.count == Self.clients)
            var configuration = ServerConfiguration(dataDirectory: directory.appendingPathComponent("data"), port: 0, logLevel: .warning)
            configuration.limits.maxPerPage = 5
            // Clients and server share this process's two busy cores in the full suite: a
            // client may connect and only send its first byte seconds later. This test is
            // about answers reaching their own client, not about slow clients.
            configuration.traffic.headerTimeoutSeconds = 120
            configuration.traffic.idleTimeoutSeconds = 120
            let app = try await buildApplication(configuration)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(120))) { seeder in
                    try await seeder.seed("book", files)
                }
                for round in 0..<Self.rounds {
                    try await Self.everyClient(files, port: port) { connection, filename, content in
                        let readsFirst = (files.firstIndex { $0.0 == filename } ?? 0) % 2 == round % 2
                        if readsFirst {
                            try await Self.readOwnFile(connection, filename: filename, content: content)
                            try await Self.searchOwnFile(connection, filename: filename, content: content)
                        } else {
                            try await Self.searchOwnFile(connection, filename: filename, content: content)
                            try await Self.readOwnFile(connection, filename: filename, content: content)
                        }
                    }
                }
            }
        }
    }

    /// Runs `conversation` for every file at once, each on its own connection.
    private static func everyClient(
        _ files: [(String, String)], port: Int,
        _ conversation: @escaping @Sendable (MCPConnection, String, String) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (filename, content) in files {
                group.addTask {
                    try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(120))) { client in
                        let connection = MCPConnection(client: client)
                        let initialized = try await connection.send("initialize", mcpInitializeParams)
                        #expect(initialized["protocolVersion"] as? String == "2025-06-18")
                        try await conversation(connection, filename, content)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static func readOwnFile(_ connection: MCPConnection, filename: String, content: String) async throws {
        let read = try await connection.send("tools/call", ["name": "read_file", "arguments": ["dataset": "book", "filename": filename]])
        #expect(MCPConnection.text(read) == content, "\(filename) got another answer: \(MCPConnection.text(read).prefix(80))")
    }

    /// A search for the file's first heading, confined to the file: every hit must name it.
    private static func searchOwnFile(_ connection: MCPConnection, filename: String, content: String) async throws {
        let heading = content.split(separator: "\n").first { $0.hasPrefix("#") }.map { $0.drop { $0 == "#" || $0 == " " } } ?? ""
        let search = try await connection.send(
            "tools/call", ["name": "search", "arguments": ["dataset": "book", "query": String(heading), "pathPrefix": filename, "perPage": 5]])
        let named = MCPConnection.text(search).matches(of: /\n\[([^\]:]+):\d+\]/).map { String($0.1) }
        #expect(!named.isEmpty && named.allSatisfy { $0 == filename }, "\(filename) searching '\(heading)' got: \(Set(named))")
    }
}

/// One client's connection; every request it sends has id 1, as a fresh client's would.
private struct MCPConnection: Sendable {
    let client: TestClient

    func send(_ method: String, _ params: [String: Any]) async throws -> [String: Any] {
        let body = try jsonText(["jsonrpc": "2.0", "id": 1, "method": method, "params": params])
        let request = TestClient.Request("/mcp", method: .post, authority: "localhost", headers: mcpHeaders, body: ByteBuffer(string: body))
        let response = try await client.execute(request)
        #expect(response.status == .ok)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body ?? ByteBuffer()))) as? [String: Any] ?? [:]
        #expect(json["id"] as? Int == 1)
        return json["result"] as? [String: Any] ?? [:]
    }

    static func text(_ result: [String: Any]) -> String {
        (result["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
    }
}
