import Foundation
import MCP

/// The JSON-RPC shape of one `POST /mcp` body, checked before the SDK sees it.
///
/// Why this exists: the SDK's stateless transport files each request under the id it reads
/// with `JSONSerialization`, and `Server` answers under the id it reads with `JSONDecoder`.
/// Where the two disagree (an id of `true` or `1.5`, a message with both `method` and
/// `result`, one `Server` cannot decode as a request and takes for a notification) the
/// answer reaches no one and the HTTP request waits forever. Refusing those shapes here,
/// with the errors JSON-RPC names for them (-32700 parse error, -32600 invalid request),
/// keeps every request answered under its own id.
struct JSONRPCEnvelope: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A request: the HTTP response carries its answer, under `id`.
        case request(id: ID, method: String)
        /// A notification: answered with 202 and no body.
        case notification(method: String)
        /// A client's answer to a server request (this server makes none): 202.
        case response
    }

    let kind: Kind

    /// The request's id; nil for notifications and responses.
    var requestID: ID? {
        if case .request(let id, _) = kind { return id }
        return nil
    }

    /// Parses `body`, or throws the JSON-RPC error to answer with (HTTP 400).
    init(parsing body: Data) throws(MCPError) {
        guard !body.isEmpty else { throw .parseError("the body is empty; send one JSON-RPC message") }
        guard let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            throw .parseError("the body is not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw .invalidRequest(
                json is [Any] ? "batches are not supported; send one JSON-RPC message per HTTP request" : "a JSON-RPC message is a JSON object")
        }
        // The typed view tells booleans from numbers and integers from fractions, which
        // JSONSerialization's NSNumbers blur; it decodes the way the SDK's `Server` does.
        guard let typed = try? JSONDecoder().decode([String: Value].self, from: body) else {
            throw .parseError("the body is not valid JSON")
        }
        guard typed["jsonrpc"] == .string("2.0") else { throw .invalidRequest(#"'jsonrpc' must be "2.0""#) }
        if let params = typed["params"], params != .null, params.objectValue == nil {
            throw .invalidRequest("'params' must be an object")
        }
        let id = try Self.id(object["id"], typed: typed["id"], present: object.keys.contains("id"))
        switch typed["method"] {
        case .string(let method)?:
            guard typed["result"] == nil, typed["error"] == nil else {
                throw .invalidRequest("a message with 'method' must not carry 'result' or 'error'")
            }
            kind = id.map { .request(id: $0, method: method) } ?? .notification(method: method)
        case nil:
            guard typed["result"] != nil || typed["error"] != nil else {
                throw .invalidRequest("a JSON-RPC message needs 'method' (a request or notification) or 'result'/'error' (a response)")
            }
            guard id != nil else { throw .invalidRequest("a response needs the 'id' of the request it answers") }
            kind = .response
        case _?:
            throw .invalidRequest("'method' must be a string")
        }
    }

    /// A string or an integer, as MCP requires (it forbids null). The string comes from
    /// the untyped view because the typed one turns a `data:` URL string into data.
    private static func id(_ raw: Any?, typed: Value?, present: Bool) throws(MCPError) -> ID? {
        guard present else { return nil }
        if let string = raw as? String { return .string(string) }
        if case .int(let number)? = typed { return .number(number) }
        throw .invalidRequest("'id' must be a string or an integer")
    }
}
