import EyecrestCluster
import EyecrestEngine
import Hummingbird
import NIOCore

/// Turns every error a route throws into the API's error body `{"error", "code"}`:
/// engine errors by their code, Hummingbird's own (unknown route, wrong method, body too
/// large) by their status. Anything else is a bug: logged in full, answered with a 500
/// that reveals nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    /// To tell a wrong method on a known path (405) from an unknown path (404).
    let routes: [APIRoute]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var apiError = Self.map(error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            var allowed: [String] = []
            if apiError.code == "not_found" {
                allowed = routes.filter { $0.matches(path: request.uri.path) }.map(\.method)
                if !allowed.isEmpty {
                    apiError = APIError(
                        .methodNotAllowed, code: "method_not_allowed", "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", ")).")
                }
            }
            var response = JSONResponse.make(APIError.ErrorBody(error: apiError.message, code: apiError.code), status: apiError.status)
            if !allowed.isEmpty { response.headers[.allow] = allowed.joined(separator: ", ") }
            // Out of descriptors, memory or disk: worth retrying soon, once idle datasets close.
            if apiError.status == .serviceUnavailable { response.headers[.retryAfter] = "1" }
            // RFC 6750: a 401 names the scheme and the error, never the token.
            if apiError.status == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="eyecrest", error="invalid_token""# }
            return response
        }
    }

    static func map(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as EngineError: return APIError(error)
        case let error as ClusterError: return APIError(.init(code: error.status), code: error.code, error.description)
        case is NIOTooManyBytesError: return APIError(.contentTooLarge, code: "payload_too_large", "The request body is too large.")
        case let error as HTTPError:
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .methodNotAllowed: "method_not_allowed"
                case .contentTooLarge: "payload_too_large"
                case .badRequest: "bad_request"
                default: error.status.code < 500 ? "bad_request" : "internal_error"
                }
            return APIError(error.status, code: code, error.body ?? error.status.reasonPhrase)
        default:
            return APIError(.internalServerError, code: "internal_error", "Internal server error; the server log has the details.")
        }
    }
}
