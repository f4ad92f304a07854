import EyecrestAPI
import EyecrestEngine
import Foundation
import Hummingbird

/// An error answered as `{"error": "<message>", "code": "<stable_code>"}` with `status`.
/// Every error a route produces ends up as one of these (see ``ErrorMiddleware``).
public struct APIError: Error, HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    /// Stable, machine-readable; part of the public API (docs/api.md lists them).
    public var code: String
    /// Human-readable and safe to show: never SQL, paths or stack traces.
    public var message: String

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(ErrorBody(error: message, code: code), status: status)
    }

    typealias ErrorBody = EyecrestAPI.ErrorBody

    /// The status each engine failure answers with (docs/api.md, "Errors").
    public init(_ error: EngineError) {
        let status: HTTPResponse.Status =
            switch error {
            case .invalidDatasetID, .invalidFilename, .invalidContent, .invalidArgument: .badRequest
            case .limitExceeded: .contentTooLarge
            case .datasetNotFound, .fileNotFound: .notFound
            case .conflict, .reshardingInProgress: .conflict
            case .storage: .internalServerError
            case .unavailable: .serviceUnavailable
            }
        self.init(status, code: error.code, error.description)
    }

    static func invalidParameter(_ message: String) -> APIError { APIError(.badRequest, code: "invalid_parameter", message) }
    static func missingParameter(_ name: String) -> APIError {
        APIError(.badRequest, code: "missing_parameter", "The query parameter '\(name)' is required.")
    }
    static func invalidJSON(_ message: String) -> APIError { APIError(.badRequest, code: "invalid_json", message) }
    static func payloadTooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large", "The request body is larger than \(limit) bytes.")
    }
}
