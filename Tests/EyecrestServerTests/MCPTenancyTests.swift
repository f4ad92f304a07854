import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// Tenancy (docs/api.md, "Callers and organizations") through MCP: the bearer token on
/// the HTTP request picks the org, and every tool call is scoped to it. `acme` owns `docs`; for `globex` it does not exist,
/// and globex's own `docs` is a different dataset.
@Suite("MCP tenancy")
struct MCPTenancyTests {
    @Test func theTokensOrgScopesEveryTool() async throws {
        let keys = try await TestKeys.shared.value
        let acme = try await keys.token(org: "acme")
        let globex = try await keys.token(org: "globex")
        try await withAuthServer(keys) { client in
            #expect(try await client.call(.post, "/v1/datasets/docs", token: acme).status == .created)
            let upsert = try jsonText(["files": [["filename": "secret.md", "content": TenancyTests.acmeFile]]])
            #expect(try await client.call(.put, "/v1/datasets/docs/files", token: acme, body: upsert).status == .ok)

            // No token, or a bad one: the REST API's 401, before any MCP processing.
            let anonymous = try await client.mcp("tools/list")
            #expect(anonymous.status == .unauthorized && anonymous.json["code"] as? String == "unauthenticated", "\(anonymous.text)")
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try await client.mcp("tools/list", token: "not.a.token").status == .unauthorized)

            // acme sees its dataset.
            #expect(try await client.callTool("list_datasets", token: acme).toolText.contains("- docs"))
            let found = try await client.callTool("search", ["dataset": "docs", "query": "launch code"], token: acme)
            #expect(found.toolText.contains("swordfish"), "\(found.text)")

            // globex does not, on any tool, and learns nothing about it.
            let list = try await client.callTool("list_datasets", token: globex)
            #expect(list.toolText.hasPrefix("No datasets yet"), "\(list.text)")
            for (tool, arguments) in [
                ("search", ["dataset": "docs", "query": "swordfish"]),
                ("read_file", ["dataset": "docs", "filename": "secret.md"]),
                ("list_files", ["dataset": "docs"]),
            ] {
                let answer = try await client.callTool(tool, arguments, token: globex)
                #expect(answer.isError && answer.toolText.contains("Dataset 'docs' not found"), "\(tool): \(answer.text)")
                #expect(!answer.text.contains("swordfish") && !answer.text.contains("acme") && !answer.text.contains("secret.md ("))
            }

            // globex's own `docs` answers with globex's file only.
            #expect(try await client.call(.post, "/v1/datasets/docs", token: globex).status == .created)
            let own = try jsonText(["files": [["filename": "secret.md", "content": TenancyTests.globexFile]]])
            #expect(try await client.call(.put, "/v1/datasets/docs/files", token: globex, body: own).status == .ok)
            let read = try await client.callTool("read_file", ["dataset": "docs", "filename": "secret.md"], token: globex)
            #expect(read.toolText == TenancyTests.globexFile, "\(read.text)")
            let search = try await client.callTool("search", ["dataset": "docs", "query": "launch code"], token: globex)
            #expect(search.toolText.contains("hammock") && !search.toolText.contains("swordfish"), "\(search.text)")
        }
    }
}
