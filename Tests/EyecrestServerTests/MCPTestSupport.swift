import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// One answer of `POST /mcp`, with accessors for the JSON-RPC parts the tests read.
struct MCPResult {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: [String: Any]

    var result: [String: Any]? { json["result"] as? [String: Any] }
    var error: [String: Any]? { json["error"] as? [String: Any] }
    var errorCode: Int? { error?["code"] as? Int }
    var errorMessage: String { error?["message"] as? String ?? "" }
    /// The concatenated text content of a `tools/call` result.
    var toolText: String { (result?["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined() }
    var isError: Bool { result?["isError"] as? Bool ?? false }
}

/// What a client sends: JSON, accepting JSON and SSE as the spec asks.
let mcpHeaders: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]

extension TestClientProtocol {
    /// Posts `body` as it is, with ``mcpHeaders`` overridden by `headers`.
    func mcp(raw body: String?, token: String? = nil, headers: HTTPFields = [:]) async throws -> MCPResult {
        var fields = mcpHeaders
        for field in headers { fields[field.name] = field.value }
        if let token { fields[.authorization] = "Bearer \(token)" }
        let response = try await executeRequest(uri: "/mcp", method: .post, headers: fields, body: body.map { ByteBuffer(string: $0) })
        return MCPResult(status: response.status, headers: response.headers, text: String(buffer: response.body), json: Self.object(response.body))
    }

    /// Sends one JSON-RPC request (a notification when `id` is nil).
    func mcp(_ method: String, id: Any? = 1, params: [String: Any]? = nil, token: String? = nil) async throws -> MCPResult {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method]
        if let id { message["id"] = id }
        if let params { message["params"] = params }
        return try await mcp(raw: try jsonText(message), token: token)
    }

    func callTool(_ name: String, _ arguments: [String: Any] = [:], token: String? = nil) async throws -> MCPResult {
        try await mcp("tools/call", params: ["name": name, "arguments": arguments], token: token)
    }

    private static func object(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }
}

/// The `initialize` params of a client that speaks 2025-06-18.
var mcpInitializeParams: [String: Any] {
    ["protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "eyecrest-tests", "version": "1.0"]]
}

/// Expects an HTTP-level refusal: `status` and a JSON-RPC error body with `code` and `id: null`.
func expectRPCRefusal(_ result: MCPResult, _ status: HTTPResponse.Status, _ code: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "\(result.text)", sourceLocation: sourceLocation)
    #expect(result.json["jsonrpc"] as? String == "2.0", "\(result.text)", sourceLocation: sourceLocation)
    #expect(result.errorCode == code, "\(result.text)", sourceLocation: sourceLocation)
    #expect(!result.errorMessage.isEmpty, "\(result.text)", sourceLocation: sourceLocation)
    #expect(result.json["id"] is NSNull, "\(result.text)", sourceLocation: sourceLocation)
}

/// Chapters 0–10 of the Rust book (42 files, ~0.5 MB): real markdown, the borrow checker
/// section included, small enough to seed per test.
func rustBookChapters(in directory: URL) throws -> [(String, String)] {
    let book = try unpackCorpus("rust-book", into: directory).appendingPathComponent("rust-book")
    let names = try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent("src").path)
        .filter { ($0.hasPrefix("ch0") || $0.hasPrefix("ch10-")) && $0.hasSuffix(".md") }.sorted()
    return try names.map { name in
        ("src/\(name)", try String(contentsOf: book.appendingPathComponent("src/\(name)"), encoding: .utf8))
    }
}
