import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// A local HTTP server on a free loopback port that plays the hosts an import fetches
/// from, so that no test reaches the internet:
///
/// | path | answer |
/// |---|---|
/// | `/archives/{name}` | `archives[name]` |
/// | `/chunked/{name}` | `archives[name]` in 16 KiB chunks, without a `Content-Length` |
/// | `/{owner}/{repo}/tar.gz/refs/heads/{branch…}` | `archives["owner/repo@branch"]` (codeload's URL shape) |
/// | `/slow` | nothing for 3 s, then 200 |
/// | `/stall` | 200 and the first bytes of the Rust book, then nothing for 3 s |
/// | `/loop/{n}` | 302 to `/loop/{n+1}`, forever |
/// | `/cycle` | 302 to itself |
/// | `/redirect/{status}?to={url}` | `status` (301, 302, …) to `url` |
///
/// Anything else is a 404. ``requests`` counts what arrived, to prove a rejected import
/// never fetched.
struct ArchiveHost: Sendable {
    let baseURL: String
    private let counter: Counter

    final class Counter: Sendable {
        let value = Mutex(0)
    }

    /// Requests received so far.
    var requests: Int { counter.value.withLock { $0 } }

    static func run<T: Sendable>(archives: [String: [UInt8]] = [:], _ body: @Sendable (ArchiveHost) async throws -> T) async throws -> T {
        let counter = Counter()
        let router = Router()
        router.middlewares.add(CountingMiddleware(counter: counter))
        router.get("/archives/{name}") { _, context -> Response in
            let name = try context.parameters.require("name")
            return archive(archives[name])
        }
        router.get("/chunked/{name}") { _, context -> Response in
            guard let bytes = archives[try context.parameters.require("name")] else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: "application/gzip"],
                body: ResponseBody { writer in
                    for start in stride(from: 0, to: bytes.count, by: 16 * 1024) {
                        try await writer.write(ByteBuffer(bytes: bytes[start..<min(bytes.count, start + 16 * 1024)]))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/{owner}/{repo}/tar.gz/refs/heads/**") { _, context -> Response in
            let key = try "\(context.parameters.require("owner"))/\(context.parameters.require("repo"))@"
                + context.parameters.getCatchAll().joined(separator: "/")
            return archive(archives[key])
        }
        router.get("/slow") { _, _ -> Response in
            try? await Task.sleep(for: .seconds(3))
            return Response(status: .ok)
        }
        router.get("/stall") { _, _ -> Response in
            let start = try Data(contentsOf: corpusArchive("rust-book")).prefix(50_000)
            return Response(
                status: .ok, headers: [.contentType: "application/gzip"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: start))
                    try? await Task.sleep(for: .seconds(3))
                    try await writer.finish(nil)
                })
        }
        router.get("/loop/{n}") { _, context -> Response in
            let next = (Int(try context.parameters.require("n")) ?? 0) + 1
            return Response(status: .found, headers: [.location: "/loop/\(next)"])
        }
        router.get("/cycle") { _, _ -> Response in Response(status: .found, headers: [.location: "/cycle"]) }
        router.get("/redirect/{status}") { request, context -> Response in
            let status = try context.parameters.require("status", as: Int.self)
            let target = request.uri.queryParameters["to"].map(String.init) ?? "/"
            return Response(status: .init(code: status), headers: [.location: target])
        }

        var logger = Logger(label: "archive-host")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await body(ArchiveHost(baseURL: "http://127.0.0.1:\(port)", counter: counter))
        }
    }

    private static func archive(_ bytes: [UInt8]?) -> Response {
        guard let bytes else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [.contentType: "application/gzip"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private struct CountingMiddleware: RouterMiddleware {
        typealias Context = BasicRequestContext
        let counter: Counter
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            counter.value.withLock { $0 += 1 }
            return try await next(request, context)
        }
    }
}
