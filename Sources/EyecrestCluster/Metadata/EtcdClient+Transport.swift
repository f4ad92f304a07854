import AsyncHTTPClient
import Foundation
import NIOCore

extension EtcdClient {
    /// The HTTP client every ``EtcdClient`` uses unless given another: process-wide, never
    /// shut down, and failing a refused connection at once instead of retrying it until
    /// the deadline (the shared client's behaviour), so a dead endpoint costs no time
    /// before the next is tried.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(2)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The largest response accepted (a range over every placement of a large cluster).
    static let maxResponseBytes = 64 * 1024 * 1024

    /// POSTs `body` to `path` on the preferred endpoint, moving on to the next while
    /// endpoints cannot be reached, and decodes the answer. `lease` names the lease the
    /// request refers to, for ``EtcdError/leaseNotFound(_:)``.
    func call<Response: Decodable>(
        _ path: String, _ body: some Encodable, as: Response.Type, lease: Int64? = nil
    ) async throws(EtcdError) -> Response {
        let payload: Data
        do { payload = try JSONEncoder().encode(body) } catch { throw .invalidValue("cannot encode the request: \(error)") }
        var failures: [String] = []
        for (index, endpoint) in orderedEndpoints() {
            switch await attempt(endpoint + path, payload) {
            case .unreachable(let reason):
                failures.append("\(endpoint): \(reason)")
            case .answered(let status, let data):
                preferEndpoint(index)
                return try Self.interpret(status: status, data: data, as: Response.self, lease: lease)
            }
        }
        throw .unreachable(failures.joined(separator: "; "))
    }

    /// The endpoints with their indexes, the preferred one first.
    func orderedEndpoints() -> [(index: Int, endpoint: String)] {
        let first = preferredEndpoint()
        return endpoints.indices.map { offset in
            let index = (first + offset) % endpoints.count
            return (index, endpoints[index])
        }
    }

    private enum Attempt {
        case answered(status: Int, data: Data)
        case unreachable(String)
    }

    /// One POST with its own deadline. An answer meaning "this member cannot serve now"
    /// (503 Unavailable: no leader; 504: the request timed out inside etcd) counts as
    /// unreachable, so the next endpoint is tried.
    private func attempt(_ url: String, _ payload: Data) async -> Attempt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(payload)
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            let status = Int(response.status.code)
            if status == 503 || status == 504 {
                return .unreachable("HTTP \(status) \(String(decoding: body.readableBytesView.prefix(200), as: UTF8.self))")
            }
            return .answered(status: status, data: Data(body.readableBytesView))
        } catch {
            return .unreachable(String(describing: error))
        }
    }

    /// A 2xx body decoded as `Response`; anything else as the gateway's error body.
    private static func interpret<Response: Decodable>(
        status: Int, data: Data, as: Response.Type, lease: Int64?
    ) throws(EtcdError) -> Response {
        guard (200..<300).contains(status) else {
            let body = try? JSONDecoder().decode(EtcdWire.ErrorBody.self, from: data)
            let message = body?.message ?? body?.error ?? String(decoding: data.prefix(200), as: UTF8.self)
            if message.contains("lease not found") { throw .leaseNotFound(lease ?? 0) }
            throw .rejected(status: status, code: body?.code ?? 0, message: message)
        }
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch {
            throw .badResponse("HTTP \(status), not a \(Response.self): \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }
}
