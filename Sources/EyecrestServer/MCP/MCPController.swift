import Foundation
import HTTPTypes
import Hummingbird
import MCP
import NIOCore

/// `POST /mcp`: the Model Context Protocol over streamable HTTP, in the spec's stateless
/// form: every POST carries one JSON-RPC message and gets its answer as one JSON body
/// (202 and no body for a notification). No session id is issued and no SSE stream is
/// offered, so `GET /mcp` and `DELETE /mcp` are not routes: the router answers them 405
/// with `Allow: POST`, which is what the spec asks of such a server.
///
/// This file is only the Hummingbird glue: headers in, body collected, the SDK's answer
/// turned back into a response. The order of the checks is the order their answers are
/// most useful in: credentials (``AuthMiddleware``, before this runs), then the headers
/// (``MCPHeaderChecks``: 403, 415, 406), then the size (413), then the JSON-RPC shape
/// (``JSONRPCEnvelope``: 400), then the message itself (``MCPExchange``).
struct MCPController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices
    private let headerChecks: any HTTPRequestValidationPipeline
    private let tools: [Tool]

    /// A JSON-RPC message here is a method name and a few arguments; the cap bounds what
    /// parsing one may cost, below the API's body limit when that is lower.
    static let maxBodyBytes = 1 << 20
    /// See ``MCPExchange/timeout``.
    static let timeout = Duration.seconds(60)

    init(services: ServerServices) {
        self.services = services
        headerChecks = MCPHeaderChecks.pipeline(origins: MCPOriginPolicy(patterns: services.configuration.mcpAllowedOrigins))
        tools = MCPToolCatalog.tools(limits: services.configuration.limits)
    }

    func register(_ routes: RouteRegistrar) {
        routes.on(.post, "/mcp", use: post)
    }

    @Sendable func post(_ request: Hummingbird.Request, context: Context) async throws -> Hummingbird.Response {
        let org = try context.requireOrg()
        let headers = Self.forwardedHeaders(request.headers)
        if let refusal = headerChecks.validate(MCP.HTTPRequest(method: "POST", headers: headers), context: HTTPValidationContext(httpMethod: "POST")) {
            return Self.response(refusal)
        }
        let limit = min(Self.maxBodyBytes, services.configuration.limits.maxBodyBytes)
        guard let body = try await Self.collect(request, limit: limit) else {
            return Self.response(.error(statusCode: 413, .invalidRequest("the body is larger than \(limit) bytes")))
        }
        let envelope: JSONRPCEnvelope
        do {
            envelope = try JSONRPCEnvelope(parsing: body)
        } catch {
            return Self.response(.error(statusCode: 400, error))
        }
        let exchange = MCPExchange(tools: tools, toolbox: MCPToolbox(services: services, org: org, logger: context.logger), timeout: Self.timeout)
        let message = MCP.HTTPRequest(method: "POST", headers: headers, body: body, path: request.uri.path)
        return Self.response(await exchange.respond(to: message, envelope: envelope))
    }

    /// The body, or nil when it is larger than `limit` (refused from `Content-Length`
    /// before reading when the client sent one).
    private static func collect(_ request: Hummingbird.Request, limit: Int) async throws -> Data? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return nil }
        do {
            return Data(buffer: try await request.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            return nil
        }
    }

    /// The headers the SDK reads, in its `[name: value]` form (repeated fields joined with
    /// commas). Credentials stay behind: they were checked already, and the SDK keeps the
    /// request around while it runs.
    static func forwardedHeaders(_ fields: HTTPFields) -> [String: String] {
        var headers: [String: String] = [:]
        for field in fields where field.name != .authorization && field.name != .cookie {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        return headers
    }

    /// The SDK's framework-independent answer as a Hummingbird response.
    static func response(_ answer: MCP.HTTPResponse) -> Hummingbird.Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        let body: ResponseBody
        if case .stream(let events, _) = answer {
            // The stateless transport never streams; kept correct should a future SDK do so.
            body = ResponseBody { writer in
                for try await chunk in events { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            }
        } else {
            body = answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        }
        return Hummingbird.Response(status: .init(code: answer.statusCode), headers: headers, body: body)
    }
}
