import AsyncHTTPClient
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EyecrestClient {
    /// A client for command lines and scripts: when nothing listens at `baseURL`, or the
    /// host does not answer within 5 seconds, the call fails at once instead of the
    /// connection pool retrying until the request's deadline (120 s).
    public static func failingFast(baseURL: String, token: String?) -> EyecrestClient {
        EyecrestClient(baseURL: baseURL, httpClient: failFastHTTPClient, token: token)
    }

    /// Lives as long as the process, like `HTTPClient.shared`, so it is never shut down.
    private static let failFastHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Why a request to this server got no answer, in words that name the server.
    func transportFailure(_ error: any Error) -> String {
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return "nothing is listening at \(baseURL) (connection refused)" }
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .deadlineExceeded {
            return "\(baseURL) did not answer in time"
        }
        if let error = error as? HTTPClientError, error == .invalidURL || error == .emptyHost || error == .emptyScheme {
            return "'\(baseURL)' is not a server URL such as http://127.0.0.1:7400"
        }
        return "\(baseURL): \(error)"
    }
}
