import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the caller's `X-Request-Id` when it is sane, else a fresh
/// one), puts it in the metadata of every log line the request produces, echoes it in
/// the response, and logs one line per request with its status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext

    /// Always valid (a token of letters and `-`); optional only because the initialiser is.
    static let header = HTTPField.Name("X-Request-Id")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.header.flatMap { request.headers[$0] }.flatMap(Self.sanitized) ?? Self.newID()
        context.requestID = id
        // Hummingbird's own key, replaced rather than joined by a second one: one id per
        // line, and `context.id` (which Hummingbird force-unwraps) stays valid.
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        if let header = Self.header { response.headers[header] = id }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code), "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }

    /// Only short ids of safe characters are echoed into logs and headers.
    static func sanitized(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E) })
        else { return nil }
        return value
    }

    static func newID() -> String {
        (0..<16).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
    }
}
