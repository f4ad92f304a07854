import Foundation
import Logging

/// Everything `buildApplication` needs to start a server. `eyecrest serve` fills it from
/// flags and environment variables; tests fill it directly.
public struct ServerConfiguration: Sendable {
    /// The engine's data directory (created if missing).
    public var dataDirectory: URL
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    /// The largest request body accepted; larger bodies are answered with 413.
    public var maxBodyBytes: Int
    /// The most files one `PUT …/files` or `DELETE …/files` request may name.
    public var maxFilesPerBatch: Int
    /// The largest single file accepted in an upsert, in bytes of content.
    public var maxFileBytes: Int
    /// The region this node serves. Single-node for now: reported, never routed on.
    public var region: String
    /// Verifies bearer tokens. Nil (no key configured) is the embedded default: every
    /// caller is the org `local`, and only a loopback ``host`` is allowed.
    public var authentication: TokenVerifier?
    /// Lets a server without ``authentication`` listen on a non-loopback address.
    public var allowUnauthenticated: Bool

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 7400
    public static let defaultMaxBodyBytes = 32 * 1024 * 1024
    public static let defaultMaxFilesPerBatch = 1_000
    public static let defaultMaxFileBytes = 8 * 1024 * 1024
    public static let defaultRegion = "local"

    public init(
        dataDirectory: URL, host: String = Self.defaultHost, port: Int = Self.defaultPort, logLevel: Logger.Level = .info,
        maxBodyBytes: Int = Self.defaultMaxBodyBytes, maxFilesPerBatch: Int = Self.defaultMaxFilesPerBatch,
        maxFileBytes: Int = Self.defaultMaxFileBytes, region: String = Self.defaultRegion,
        authentication: TokenVerifier? = nil, allowUnauthenticated: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.maxBodyBytes = maxBodyBytes
        self.maxFilesPerBatch = maxFilesPerBatch
        self.maxFileBytes = maxFileBytes
        self.region = region
        self.authentication = authentication
        self.allowUnauthenticated = allowUnauthenticated
    }

    /// Throws ``StartupError`` when the server would be reachable beyond loopback
    /// without authentication and the operator did not opt out.
    public func validate() throws(StartupError) {
        if authentication == nil, !allowUnauthenticated, !ListenAddress.isLoopback(host) {
            throw .unauthenticatedNonLoopback(host)
        }
    }
}
