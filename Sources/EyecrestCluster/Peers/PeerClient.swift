import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Node-to-node HTTP: every request carries the cluster key in ``PeerClient/keyHeader``.
/// The key is never logged, and errors name the peer's URL only.
public final class PeerClient: Sendable {
    /// The header node-to-node requests authenticate with.
    public static let keyHeader = "x-eyecrest-cluster-key"
    /// On a forwarded public request: the org the forwarding node verified.
    public static let orgHeader = "x-eyecrest-org"
    /// On a forwarded public request: how many nodes have forwarded it.
    public static let hopsHeader = "x-eyecrest-forwarded"

    private let key: ClusterKey
    private let client: HTTPClient

    public init(key: ClusterKey) {
        self.key = key
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(2)
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: ByteBuffer
    }

    /// Sends one request and collects its answer (at most `maxBytes`).
    public func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: ByteBuffer? = nil, timeout: Duration,
        maxBytes: Int = 64 << 20
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: Self.keyHeader, value: key.secret)
        if let body { request.body = .bytes(body) }
        let response = try await client.execute(request, timeout: TimeAmount(timeout))
        let bytes = try await response.body.collect(upTo: maxBytes)
        return Response(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// Streams a response body into a new file at `destination`; returns the headers.
    public func download(_ url: String, to destination: URL, timeout: Duration) async throws -> (status: Int, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: url)
        request.headers.replaceOrAdd(name: Self.keyHeader, value: key.secret)
        let response = try await client.execute(request, timeout: TimeAmount(timeout))
        guard response.status == .ok else {
            _ = try? await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), response.headers)
        }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: destination)
        defer { try? handle.close() }
        for try await chunk in response.body {
            try handle.write(contentsOf: Data(buffer: chunk))
        }
        try handle.synchronize()
        return (200, response.headers)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .milliseconds(Int64(duration / .milliseconds(1)))
    }
}
