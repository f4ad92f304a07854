import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// A fresh temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Runs `body` against a server on a fresh data directory, through HummingbirdTesting's
/// in-process router client (no socket).
func withTestServer(
    configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withTemporaryDirectory { directory in
        var configuration = ServerConfiguration(dataDirectory: directory, logLevel: .warning)
        // The tests' archive hosts run in the test process, which the whole suite running
        // in parallel on two cores can starve for tens of seconds: a silence of 30 s (the
        // server's default) is not a host that stopped sending here. Tests of the
        // timeout set their own.
        configuration.archiveFetch.readTimeout = .seconds(180)
        configure(&configuration)
        let app = try await buildApplication(configuration)
        try await app.test(.router, body)
    }
}

/// A decoded JSON response.
struct JSONResult {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var json: [String: Any]
    var text: String

    subscript(key: String) -> Any? { json[key] }
    var code: String? { json["code"] as? String }
    var error: String? { json["error"] as? String }
}

extension TestClientProtocol {
    /// Sends a request with an optional JSON body (sent as `application/json` unless
    /// `contentType` says otherwise) and parses the response as a JSON object if it is one.
    /// `headers` are added by name (for example `x-force-region`).
    func call(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, contentType: String? = "application/json",
        headers extraHeaders: [String: String] = [:]
    ) async throws -> JSONResult {
        var headers: HTTPFields = [:]
        if body != nil, let contentType { headers[.contentType] = contentType }
        for (name, value) in extraHeaders {
            if let name = HTTPFields.Element.Name(name) { headers[name] = value }
        }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResult(status: response.status, headers: response.headers, json: object, text: text)
    }

    /// Creates a dataset and upserts files given as (filename, content).
    func seed(_ dataset: String, _ files: [(String, String)], shards: Int = 1) async throws {
        let requests = try SeedRequests(dataset, files, shards: shards)
        let created = try await call(.post, requests.createURI, body: requests.createBody)
        #expect(created.status == .created || created.status == .ok)
        let upserted = try await call(.put, requests.upsertURI, body: requests.upsertBody)
        #expect(upserted.status == .ok, "\(upserted.text)")
    }
}

/// The two requests that create a dataset and upsert files given as (filename, content),
/// shared by every client that seeds a server.
struct SeedRequests {
    let createURI: String
    let createBody: String
    let upsertURI: String
    let upsertBody: String

    init(_ dataset: String, _ files: [(String, String)], shards: Int = 1) throws {
        createURI = "/v1/datasets/\(dataset)"
        createBody = #"{"shards": \#(shards)}"#
        upsertURI = "/v1/datasets/\(dataset)/files"
        upsertBody = try jsonText(["files": files.map { ["filename": $0.0, "content": $0.1] }])
    }
}

extension TestClient {
    /// Seeds like `TestClientProtocol.seed`, on a client whose timeout the caller chose
    /// (HummingbirdTesting's live client gives up after 20 s of silence, which a large
    /// upsert can take in a debug build on two busy cores).
    func seed(_ dataset: String, _ files: [(String, String)], shards: Int = 1) async throws {
        let requests = try SeedRequests(dataset, files, shards: shards)
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.connection] = "keep-alive"
        let created = try await execute(.init(requests.createURI, method: .post, authority: "localhost", headers: headers, body: ByteBuffer(string: requests.createBody)))
        #expect(created.status == .created || created.status == .ok)
        let upserted = try await execute(.init(requests.upsertURI, method: .put, authority: "localhost", headers: headers, body: ByteBuffer(string: requests.upsertBody)))
        #expect(upserted.status == .ok, "\(String(buffer: upserted.body ?? ByteBuffer()))")
    }
}

/// Expects an error response with `status` and `code`, and the `{"error","code"}` shape.
func expectError(_ result: JSONResult, _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "\(result.text)", sourceLocation: sourceLocation)
    #expect(result.code == code, "\(result.text)", sourceLocation: sourceLocation)
    #expect(result.error?.isEmpty == false, "\(result.text)", sourceLocation: sourceLocation)
}

/// JSON text of a value, for request bodies.
func jsonText(_ object: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

/// A small markdown corpus used by several tests.
enum Fixtures {
    static let install = """
        ---
        title: Installing
        ---
        # Install

        Run the installer for your platform.

        ## Linux

        Use the package manager to install eyecrest on Linux.

        ## Windows

        Download the installer and run it.
        """
    static let config = """
        # Configuration

        The configuration file sets the data directory and the port.

        ## Logging

        Set the log level with an environment variable.
        """
}
