import EyecrestCluster
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Sends a public request on to the node that must answer it, as that node's own client
/// would, with the org this node verified, and returns its answer unchanged.
struct RequestForwarder: Sendable {
    let peers: PeerClient
    /// The largest body forwarded (an import archive's limit).
    let maxBodyBytes: Int

    /// The request headers that mean something to the node that answers.
    private static let requestHeaders: Set<String> = ["content-type", "content-encoding", "accept", "x-force-region", "x-request-id"]
    /// The answer's headers passed back (the rest are the connection's).
    private static let responseHeaders: Set<String> = ["content-type", "retry-after", "allow", "www-authenticate", "x-request-id"]
    /// Methods that may be sent again when the connection fails (RFC 9110 §9.2.2).
    private static let idempotentMethods: [HTTPMethod] = [.GET, .HEAD, .PUT, .DELETE, .OPTIONS]
    /// Tries of an idempotent request: a peer that has just restarted can leave more than
    /// one stale pooled connection, and on a loaded machine its first accept can miss the
    /// 2 s connect timeout (a write through r3 failed so once in the full suite).
    private static let idempotentAttempts = 3

    /// `body`: the request's body when a handler has already read it.
    func forward(_ request: Request, body: ByteBuffer? = nil, org: String, hops: Int, region: String, url: String) async throws -> Response {
        var payload = body
        if payload == nil { payload = try await request.body.collect(upTo: maxBodyBytes) }
        let body = payload ?? ByteBuffer()
        var headers: [(String, String)] = []
        for field in request.headers where Self.requestHeaders.contains(field.name.canonicalName) {
            headers.append((field.name.rawName, field.value))
        }
        headers.append((PeerClient.orgHeader, org))
        headers.append((PeerClient.hopsHeader, String(hops + 1)))
        let method = HTTPMethod(rawValue: request.method.rawValue)
        var attempt = 1
        let answer: PeerClient.Response
        while true {
            do {
                answer = try await peers.send(
                    method, url + request.uri.description, headers: headers,
                    body: body.readableBytes > 0 ? body : nil, timeout: .seconds(300), maxBytes: 512 << 20)
                break
            } catch {
                // A connection pooled to a peer that has since restarted fails on first
                // use. An idempotent request (RFC 9110 §9.2.2) may safely go again once;
                // any other is reported, since it may have been applied.
                guard attempt < Self.idempotentAttempts, Self.idempotentMethods.contains(method) else {
                    throw APIError(.serviceUnavailable, code: "region_down", "The node of region '\(region)' could not be reached; retry shortly.")
                }
                try await Task.sleep(for: .milliseconds(100 * attempt * attempt))
                attempt += 1
            }
        }
        var fields = HTTPFields()
        for header in answer.headers where Self.responseHeaders.contains(header.name.lowercased()) {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: answer.body))
    }
}
