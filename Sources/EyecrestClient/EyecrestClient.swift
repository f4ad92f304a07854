import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An async client for the eyecrest HTTP API (docs/api.md). Every route has a method;
/// every failure is an ``EyecrestError`` carrying the server's `code` and status.
public struct EyecrestClient: Sendable {
    /// The server, e.g. `http://127.0.0.1:7400` (no trailing slash needed).
    public let baseURL: String
    private let httpClient: HTTPClient
    let timeout: TimeAmount
    /// The bearer token sent with every request, if any. Never part of an error.
    private let token: String?

    /// The default server of `eyecrest serve`.
    public static let defaultServer = "http://127.0.0.1:7400"
    /// Responses larger than this are refused (a whole file fits comfortably).
    static let maxResponseBytes = 256 * 1024 * 1024

    /// - Parameters:
    ///   - httpClient: defaults to the process-wide shared client, which needs no shutdown.
    ///   - timeoutSeconds: per request, connection and body included.
    ///   - token: a JWT sent as `Authorization: Bearer <token>`; nil for a server without
    ///     keys (the embedded default).
    public init(baseURL: String = Self.defaultServer, httpClient: HTTPClient = .shared, timeoutSeconds: Int64 = 120, token: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.httpClient = httpClient
        self.timeout = .seconds(timeoutSeconds)
    }

    /// Runs `body` with a copy of this client that has its own pool of up to
    /// `maxConnections` connections to the server, closed when `body` returns or throws.
    /// The shared client opens at most 8 connections per host and queues further
    /// requests, so a caller keeping many requests in flight (a load test) needs this.
    public func withConnectionPool<Result>(
        maxConnections: Int, isolation: isolated (any Actor)? = #isolation, _ body: (EyecrestClient) async throws -> Result
    ) async throws -> Result {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnections)
        let timeoutSeconds = timeout.nanoseconds / 1_000_000_000
        return try await HTTPClient.withHTTPClient(configuration: configuration) { httpClient in
            try await body(EyecrestClient(baseURL: baseURL, httpClient: httpClient, timeoutSeconds: timeoutSeconds, token: token))
        }
    }

    // MARK: Transport

    /// Sends a request and returns status, content type and body; errors become
    /// ``EyecrestError``.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String?)] = [], json body: (some Encodable)? = Optional<Never>.none
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path + Self.queryString(query))
        request.method = method
        if let body {
            let data: Data
            do { data = try Self.encoder.encode(body) } catch { throw EyecrestError.transport("could not encode the request: \(error)") }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(data)
        }
        return try await perform(request, timeout: timeout)
    }

    /// Sends a prepared request (the token is added here) and returns status and body;
    /// errors become ``EyecrestError``.
    func perform(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> (status: Int, body: Data) {
        var request = request
        if let token, !request.headers.contains(name: "Authorization") { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let status: Int
        let buffer: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = Int(response.status.code)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch let error as EyecrestError {
            throw error
        } catch {
            throw EyecrestError.transport(transportFailure(error))
        }
        let data = Data(buffer.readableBytesView)
        guard (200..<300).contains(status) else {
            if let error = try? JSONDecoder().decode(ErrorBody.self, from: data) {
                throw EyecrestError.server(status: status, code: error.code, message: error.error)
            }
            throw EyecrestError.unexpectedResponse(status: status, detail: String(decoding: data.prefix(200), as: UTF8.self))
        }
        return (status, data)
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: (status: Int, body: Data)) throws -> T {
        do {
            return try Self.decoder.decode(T.self, from: response.body)
        } catch {
            throw EyecrestError.unexpectedResponse(status: response.status, detail: "could not decode \(T.self): \(error)")
        }
    }

    static let encoder = JSONEncoder()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Percent-encodes everything but unreserved characters, so `+`, `&` and spaces in a
    /// query survive exactly.
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// Encodes a file path for `/files/{path}`: each component encoded, `/` kept.
    static func encodePath(_ filename: String) -> String {
        filename.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func queryString(_ items: [(String, String?)]) -> String {
        let pairs = items.compactMap { key, value in value.map { "\(encode(key))=\(encode($0))" } }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
