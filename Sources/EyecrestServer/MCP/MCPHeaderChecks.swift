import Foundation
import MCP

/// The checks on a `POST /mcp` request's headers, run before its body is read. Each
/// answers with the status the streamable-HTTP spec gives it and a JSON-RPC error body
/// (`id: null`), the shape MCP clients read.
///
/// They replace the SDK's defaults on purpose: its `OriginValidator.localhost()` also
/// requires a loopback `Host` (refusing any deployment behind a proxy), its Accept check
/// refuses `*/*` and a missing header, and its Content-Type check is case-sensitive.
enum MCPHeaderChecks {
    static func pipeline(origins: MCPOriginPolicy) -> any HTTPRequestValidationPipeline {
        StandardValidationPipeline(validators: [OriginCheck(policy: origins), ContentTypeCheck(), AcceptCheck()])
    }

    /// 403 for a browser page whose origin the operator did not allow.
    struct OriginCheck: HTTPRequestValidator {
        let policy: MCPOriginPolicy

        func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
            guard let origin = request.header(HTTPHeaderName.origin), !policy.allows(origin: origin) else { return nil }
            return .error(
                statusCode: 403,
                .invalidRequest("Origin '\(origin.prefix(200))' may not call this server; the operator allows origins with --mcp-allowed-origin."))
        }
    }

    /// 415 unless the body is declared as JSON (`application/json`, any case, any parameters).
    struct ContentTypeCheck: HTTPRequestValidator {
        func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
            guard context.httpMethod == "POST", !JSONBody.isJSON(request.header(HTTPHeaderName.contentType)) else { return nil }
            return .error(statusCode: 415, .invalidRequest("Send the JSON-RPC message as Content-Type: application/json."))
        }
    }

    /// 406 only when `Accept` rules JSON out. The spec asks clients to accept
    /// `application/json` and `text/event-stream`; answers here are always JSON, so a
    /// client that accepts JSON, `application/*`, `*/*` or says nothing is served.
    struct AcceptCheck: HTTPRequestValidator {
        func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
            guard let accept = request.header(HTTPHeaderName.accept), !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let ranges = accept.split(separator: ",").map { $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "" }
            if ranges.contains(where: { ["application/json", "application/*", "*/*"].contains($0) }) { return nil }
            return .error(statusCode: 406, .invalidRequest("This server answers in application/json; include it in the Accept header."))
        }
    }
}
