import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `POST /mcp` as an MCP client sees it: the handshake, the tool list, every tool over
/// real markdown (the Rust book), and the errors, each in the form the spec gives it.
@Suite("MCP")
struct MCPTests {
    @Test func initializeNegotiatesTheVersionAndIssuesNoSession() async throws {
        try await withTestServer { client in
            let answer = try await client.mcp("initialize", id: "init-1", params: mcpInitializeParams)
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(answer.json["id"] as? String == "init-1")
            #expect(answer.result?["protocolVersion"] as? String == "2025-06-18")
            #expect((answer.result?["serverInfo"] as? [String: Any])?["name"] as? String == "eyecrest")
            #expect((answer.result?["capabilities"] as? [String: Any])?["tools"] != nil)
            #expect((answer.result?["instructions"] as? String)?.contains("list_datasets") == true)
            // Stateless: no session to carry, so none is issued.
            #expect(answer.headers.first { $0.name.canonicalName == "mcp-session-id" } == nil)

            // An unknown version is answered with the newest the server speaks.
            let newer = try await client.mcp("initialize", params: mcpInitializeParams.merging(["protocolVersion": "2999-01-01"]) { $1 })
            #expect((newer.result?["protocolVersion"] as? String)?.hasPrefix("20") == true, "\(newer.text)")

            let notification = try await client.mcp("notifications/initialized", id: nil)
            #expect(notification.status == .accepted && notification.text.isEmpty, "\(notification.text)")
            let ping = try await client.mcp("ping", id: 7)
            #expect(ping.status == .ok && ping.json["id"] as? Int == 7 && ping.result != nil, "\(ping.text)")
        }
    }

    @Test func toolsListTeachesFourToolsWithTheConfiguredLimits() async throws {
        try await withTestServer(configure: { $0.limits.maxPerPage = 9 }) { client in
            let answer = try await client.mcp("tools/list")
            let tools = try #require(answer.result?["tools"] as? [[String: Any]], "\(answer.text)")
            #expect(tools.compactMap { $0["name"] as? String } == ["search", "read_file", "list_datasets", "list_files"])
            for tool in tools {
                let schema = tool["inputSchema"] as? [String: Any]
                #expect(schema?["type"] as? String == "object", "\(tool)")
                #expect((tool["description"] as? String ?? "").count > 80, "\(tool)")
                for case let (name, property as [String: Any]) in schema?["properties"] as? [String: Any] ?? [:] {
                    #expect(property["description"] != nil, "\(tool["name"] ?? "") \(name) has no description")
                }
                #expect((tool["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)
            }
            let search = (tools.first?["inputSchema"] as? [String: Any])
            #expect(search?["required"] as? [String] == ["dataset", "query"])
            let perPage = (search?["properties"] as? [String: Any])?["perPage"] as? [String: Any]
            #expect(perPage?["maximum"] as? Int == 9)
            // The workflow is in the descriptions: a search hit's lines go to read_file.
            #expect((tools.first?["description"] as? String)?.contains("read_file") == true)
        }
    }

    @Test func everyToolWorksOnTheRustBook() async throws {
        try await withTemporaryDirectory { directory in
            let files = try rustBookChapters(in: directory)
            try #require(files.count > 30)
            try await withTestServer { client in
                try await client.seed("book", files)
                let datasets = try await client.callTool("list_datasets")
                #expect(!datasets.isError && datasets.toolText.contains("- book (1 shard)"), "\(datasets.text)")

                // search answers exactly what search.txt answers for the same parameters.
                let search = try await client.callTool("search", ["dataset": "book", "query": "borrow checker", "perPage": 5])
                #expect(!search.isError, "\(search.text)")
                #expect(search.toolText.contains("[src/ch10-03-lifetime-syntax.md:"), "\(search.toolText)")
                let rest = try await client.call(.get, "/v1/datasets/book/search.txt?query=borrow+checker&perPage=5")
                #expect(search.toolText == rest.text)
                let scoped = try await client.callTool(
                    "search", ["dataset": "book", "query": "ownership", "perPage": "2", "page": 1, "pathPrefix": "src/ch04"])
                let links = scoped.toolText.matches(of: /\]\(\/v1\/datasets\/book\/files\/([^?]+)\?/).map { String($0.1) }
                #expect(links.count == 2 && links.allSatisfy { $0.hasPrefix("src/ch04") }, "\(scoped.toolText)")
                #expect(scoped.toolText.hasSuffix("\n*More results available on page 2*\n"), "a third page exists: \(scoped.toolText)")
                let none = try await client.callTool("search", ["dataset": "book", "query": "zzzqqqxxx"])
                #expect(!none.isError && none.toolText.hasPrefix("No results"), "\(none.toolText)")
                // A misspelling is searched with its likely spelling and said so; typoTolerance: false turns that off.
                let typo = try await client.callTool("search", ["dataset": "book", "query": "ownrship", "perPage": 3])
                #expect(typo.toolText.hasPrefix("*Also matched likely misspellings: ownrship → ownership"), "\(typo.toolText)")
                #expect(typo.toolText.contains("[src/ch04-"), "\(typo.toolText)")
                let exact = try await client.callTool("search", ["dataset": "book", "query": "ownrship", "typoTolerance": false])
                #expect(!exact.isError && exact.toolText.hasPrefix("No results"), "\(exact.toolText)")

                // read_file: whole, and sliced exactly like the REST route.
                let name = "src/ch04-02-references-and-borrowing.md"
                let content = try #require(files.first { $0.0 == name }?.1)
                let whole = try await client.callTool("read_file", ["dataset": "book", "filename": name])
                #expect(!whole.isError && whole.toolText == content)
                let slice = try await client.callTool(
                    "read_file", ["dataset": "book", "filename": name, "start": 1, "end": 3, "showLineNumbers": true])
                let restSlice = try await client.call(.get, "/v1/datasets/book/files/\(name)?start=1&end=3&showLineNumbers=true")
                #expect(slice.toolText == restSlice["content"] as? String)
                #expect(slice.toolText.hasPrefix("1  ## References and Borrowing"), "\(slice.toolText)")
                let past = try await client.callTool("read_file", ["dataset": "book", "filename": name, "start": 5_000])
                #expect(!past.isError && past.toolText.contains("has 263 lines"), "\(past.toolText)")

                // list_files: a folder's files in order, paged with the cursor it prints.
                let chapter4 = files.map(\.0).filter { $0.hasPrefix("src/ch04") }
                let listed = try await client.callTool("list_files", ["dataset": "book", "prefix": "src/ch04"])
                #expect(Self.listedNames(listed.toolText) == chapter4, "\(listed.toolText)")
                #expect(listed.toolText.contains("- src/ch04-02-references-and-borrowing.md (4 sections, "), "\(listed.toolText)")
                let first = try await client.callTool("list_files", ["dataset": "book", "prefix": "src/ch04", "limit": 2])
                let cursor = try #require(first.toolText.firstMatch(of: /cursor "([^"]+)"/).map { String($0.1) }, "\(first.toolText)")
                let rest2 = try await client.callTool("list_files", ["dataset": "book", "prefix": "src/ch04", "cursor": cursor, "limit": 100])
                #expect(Self.listedNames(first.toolText) + Self.listedNames(rest2.toolText) == chapter4)
            }
        }
    }

    /// What goes wrong inside a tool is a result with `isError` and a next step, so the
    /// model can correct itself; nothing is a 500 or a hang.
    @Test func toolFailuresAreResultsTheAgentCanActOn() async throws {
        try await withTestServer { client in
            try await client.seed("docs", [("guide/install.md", Fixtures.install)])
            let cases: [(String, [String: Any], String)] = [
                ("search", ["dataset": "nope", "query": "install"], "Dataset 'nope' not found. Call list_datasets"),
                ("read_file", ["dataset": "nope", "filename": "a.md"], "Dataset 'nope' not found."),
                ("list_files", ["dataset": "nope"], "Dataset 'nope' not found."),
                ("read_file", ["dataset": "docs", "filename": "missing.md"], "File 'missing.md' not found. Use list_files"),
                ("read_file", ["dataset": "docs", "filename": "../etc/passwd"], "Invalid filename"),
                ("search", ["dataset": "bad id!", "query": "x"], "Invalid dataset id"),
                ("search", ["dataset": "docs"], "search needs 'query'"),
                ("search", ["dataset": "docs", "query": ""], "search needs 'query'"),
                ("search", ["dataset": "docs", "query": 42], "'query' must be a string"),
                ("search", ["dataset": "docs", "query": "x", "perPage": 0], "'perPage' must be an integer from 1 to 100"),
                ("search", ["dataset": "docs", "query": "x", "page": 1.5], "'page' must be an integer"),
                ("search", ["dataset": "docs", "query": String(repeating: "a", count: 2_001)], "longer than 2000 bytes"),
                ("search", ["dataset": "docs", "query": "x", "per_page": 5], "search does not take 'per_page'"),
                ("read_file", ["dataset": "docs", "filename": "guide/install.md", "start": 5, "end": 2], "'start' (5) must not be greater"),
                ("read_file", ["dataset": "docs", "filename": "guide/install.md", "showLineNumbers": "yes"], "must be true or false"),
                ("list_datasets", ["dataset": "docs"], "list_datasets does not take 'dataset'"),
            ]
            for (tool, arguments, message) in cases {
                let answer = try await client.callTool(tool, arguments)
                #expect(answer.status == .ok && answer.isError, "\(tool) \(arguments): \(answer.text)")
                #expect(answer.toolText.contains(message), "\(tool) \(arguments): \(answer.toolText)")
            }
        }
    }

    @Test func protocolErrorsAreJSONRPCErrorsWithTheirCodes() async throws {
        try await withTestServer { client in
            let unknownMethod = try await client.mcp("resources/everything", id: 1)
            #expect(unknownMethod.status == .ok && unknownMethod.errorCode == -32601 && unknownMethod.json["id"] as? Int == 1, "\(unknownMethod.text)")
            let unknownTool = try await client.callTool("delete_everything")
            #expect(unknownTool.errorCode == -32602 && unknownTool.errorMessage.contains("search, read_file"), "\(unknownTool.text)")
            let noName = try await client.mcp("tools/call", params: ["arguments": [String: Any]()])
            #expect(noName.errorCode == -32602, "\(noName.text)")
            let badArguments = try await client.mcp("tools/call", params: ["name": "search", "arguments": [1, 2]])
            #expect(badArguments.errorCode == -32602, "\(badArguments.text)")
            let listWithGarbage = try await client.mcp("tools/list", params: ["cursor": 5])
            #expect((listWithGarbage.result?["tools"] as? [Any])?.count == 4, "\(listWithGarbage.text)")
        }
    }

    /// Each of these once could leave the SDK's transport waiting forever for an answer
    /// under an id the server never used; now each is a prompt 400 with the JSON-RPC code.
    /// The time limit only guards against a hang: cancelling HummingbirdTesting's live
    /// server mid-request crashes the whole test process (NIO's `NIOAsyncWriter` deinit
    /// check), so it must never fire because a full parallel run starves this test.
    @Test(.timeLimit(.minutes(10))) func malformedMessagesAreRefusedPromptly() async throws {
        try await withTestServer { client in
            let cases: [(String, Int)] = [
                ("", -32700),
                ("{not json", -32700),
                ("[]", -32600),
                (#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, -32600),
                ("42", -32600),
                (#"{"id":1,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":1,"method":7}"#, -32600),
                (#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"x"}"#, -32600),
                (#"{"jsonrpc":"2.0","id":1,"method":"tools/list","result":{}}"#, -32600),
                (#"{"jsonrpc":"2.0","id":1}"#, -32600),
                (#"{"jsonrpc":"2.0","result":{}}"#, -32600),
            ]
            for (body, code) in cases {
                expectRPCRefusal(try await client.mcp(raw: body), .badRequest, code)
            }
            // A response to a server request (this server makes none) is accepted.
            #expect(try await client.mcp(raw: #"{"jsonrpc":"2.0","id":"s-1","result":{}}"#).status == .accepted)
            // A string id that happens to be a data URL is still a string id.
            let dataID = try await client.mcp(raw: #"{"jsonrpc":"2.0","id":"data:text/plain;base64,SGk=","method":"ping"}"#)
            #expect(dataID.json["id"] as? String == "data:text/plain;base64,SGk=", "\(dataID.text)")
        }
    }

    @Test func headersAreCheckedAsTheSpecSays() async throws {
        try await withTestServer { client in
            let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
            expectRPCRefusal(try await client.mcp(raw: ping, headers: [.contentType: "text/plain"]), .unsupportedMediaType, -32600)
            expectRPCRefusal(try await client.mcp(raw: ping, headers: [.accept: "text/html"]), .notAcceptable, -32600)
            for accept in ["*/*", "application/json", "application/*;q=0.5", "text/event-stream, application/json"] {
                #expect(try await client.mcp(raw: ping, headers: [.accept: accept]).status == .ok, "\(accept)")
            }
            #expect(try await client.mcp(raw: ping, headers: [.contentType: "Application/JSON; charset=utf-8"]).status == .ok)
            let version = HTTPField.Name("MCP-Protocol-Version")!
            expectRPCRefusal(try await client.mcp(raw: ping, headers: [version: "1999-01-01"]), .badRequest, -32600)
            #expect(try await client.mcp(raw: ping, headers: [version: "2025-06-18"]).status == .ok)
            let huge = #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 1 << 20) + #""}}"#
            expectRPCRefusal(try await client.mcp(raw: huge), .contentTooLarge, -32600)

            // No SSE stream and no sessions: GET and DELETE are 405 with Allow: POST.
            for method in [HTTPRequest.Method.get, .delete] {
                let answer = try await client.call(method, "/mcp")
                expectError(answer, .methodNotAllowed, "method_not_allowed")
                #expect(answer.headers[.allow] == "POST")
            }
        }
    }

    @Test func browserOriginsAreLoopbackByDefaultAndConfigurable() async throws {
        let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let origin = HTTPField.Name("Origin")!
        try await withTestServer { client in
            for allowed in ["http://localhost:5173", "http://127.0.0.1", "http://[::1]:8080", "HTTP://LOCALHOST:3000"] {
                #expect(try await client.mcp(raw: ping, headers: [origin: allowed]).status == .ok, "\(allowed)")
            }
            for refused in ["https://evil.example", "http://localhost.evil.example", "http://localhost:80x", "null"] {
                expectRPCRefusal(try await client.mcp(raw: ping, headers: [origin: refused]), .forbidden, -32600)
            }
        }
        try await withTestServer(configure: { $0.mcpAllowedOrigins = ["https://docs.example.com"] }) { client in
            #expect(try await client.mcp(raw: ping, headers: [origin: "https://docs.example.com"]).status == .ok)
            // The list replaces the default; clients without an Origin are unaffected.
            expectRPCRefusal(try await client.mcp(raw: ping, headers: [origin: "http://localhost:5173"]), .forbidden, -32600)
            #expect(try await client.mcp(raw: ping).status == .ok)
        }
        try await withTestServer(configure: { $0.mcpAllowedOrigins = ["*"] }) { client in
            let answer = try await client.mcp(raw: ping, headers: [origin: "https://anything.example"])
            #expect(answer.status == .ok)
        }
        // A pattern that could never match stops the server from starting.
        for bad in ["docs.example.com", "https://docs.example.com/", "https://"] {
            var configuration = ServerConfiguration(dataDirectory: URL(fileURLWithPath: "/nonexistent"))
            configuration.mcpAllowedOrigins = [bad]
            #expect(throws: StartupError.self, "\(bad)") { try configuration.validate() }
        }
    }

    /// The `- PATH — TITLE (…)` lines of a list_files answer, as paths.
    static func listedNames(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { line in
            String(line.dropFirst(2).prefix { $0 != " " })
        }
    }
}
