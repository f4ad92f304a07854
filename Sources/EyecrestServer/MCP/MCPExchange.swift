import Foundation
import MCP

/// One `POST /mcp` message answered by an MCP `Server` and a `StatelessHTTPServerTransport`
/// of its own, which live only as long as the HTTP request.
///
/// Why one per request: the stateless transport matches the server's answers to waiting
/// HTTP requests by JSON-RPC id, and every client numbers its requests from 1. One
/// transport shared by all requests handed one client's answer to another, or left a
/// request waiting forever (measured). With one message in flight per transport that
/// cannot happen; the price is a few allocations per request, and in exchange there is no
/// session table to keep, expire or share between nodes: any node answers any request.
///
/// Nothing is lost by forgetting the session: the tools are stateless reads, and
/// `initialize` only negotiates a protocol version, which clients repeat in the
/// `MCP-Protocol-Version` header of every later request (checked here).
struct MCPExchange: Sendable {
    let tools: [Tool]
    let toolbox: MCPToolbox
    /// A backstop, not a budget: a request the SDK never answers (a shape
    /// ``JSONRPCEnvelope`` missed) gets a JSON-RPC error instead of holding its connection.
    let timeout: Duration

    func respond(to request: MCP.HTTPRequest, envelope: JSONRPCEnvelope) async -> MCP.HTTPResponse {
        let server = Server(
            name: MCPToolCatalog.serverName, version: MCPToolCatalog.serverVersion, title: "eyecrest",
            instructions: MCPToolCatalog.instructions, capabilities: .init(tools: .init(listChanged: false)))
        let tools = tools
        let toolbox = toolbox
        await server.withMethodHandler(ToolsListMethod.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(ToolsCallMethod.self) { params in try await toolbox.call(params) }
        // The header checks ran before the body was read (``MCPHeaderChecks``); what is left
        // for the transport is the one check that depends on the message: the version header.
        let transport = StatelessHTTPServerTransport(validationPipeline: StandardValidationPipeline(validators: [ProtocolVersionValidator()]))
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("the MCP server did not start"))
        }
        let answer = await withTaskGroup(of: MCP.HTTPResponse?.self) { group in
            group.addTask { await transport.handleRequest(request) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            // On a timeout, stopping the server ends the transport, which releases the
            // waiting request; the group then finishes.
            if first == nil { await server.stop() }
            group.cancelAll()
            return first
        }
        if answer != nil { await server.stop() }
        return answer ?? timedOut(envelope)
    }

    private func timedOut(_ envelope: JSONRPCEnvelope) -> MCP.HTTPResponse {
        // Only a request can be left waiting: a notification is answered 202 at once.
        guard let id = envelope.requestID else { return .accepted() }
        let error = MCPError.internalError("the request did not finish within \(timeout)")
        // Encoding a response of our own types cannot fail in practice.
        guard let body = try? JSONEncoder().encode(Response<ToolsCallMethod>(id: id, error: error)) else { return .error(statusCode: 500, error) }
        return .data(body, headers: [HTTPHeaderName.contentType: "application/json"])
    }
}
