import EyecrestEngine
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
    /// What one request may ask: body and batch sizes, query length, page sizes.
    public var limits: RequestLimits
    /// What clients together may hold: timeouts, connections, body bytes in flight, rate
    /// limits and the search queue.
    public var traffic = TrafficLimits()
    /// The region this node serves (1-64 of `A-Z a-z 0-9 _ -`): reported in search answers
    /// and dataset configs; in a cluster, the name placements use for this node.
    public var region: String
    /// Verifies bearer tokens. Nil (no key configured) is the embedded default: every
    /// caller is the org `local`, and only a loopback ``host`` is allowed.
    public var authentication: TokenVerifier?
    /// Lets a server without ``authentication`` listen on a non-loopback address.
    public var allowUnauthenticated: Bool
    /// The browser origins that may call `POST /mcp` (patterns of ``MCPOriginPolicy``:
    /// `https://app.example.com`, `http://localhost:*`, `*`). Requests without an `Origin`
    /// header, as agents and CLIs send them, are not affected. Default: loopback pages only.
    public var mcpAllowedOrigins: [String] = MCPOriginPolicy.loopbackOrigins
    /// Where `POST …/import/github` fetches archives: `{host}/{owner}/{repo}/tar.gz/refs/heads/{branch}`.
    /// GitHub's own by default; a GitHub Enterprise codeload host, a mirror, or (in tests) a
    /// local server otherwise.
    public var githubArchiveHost = Self.defaultGitHubArchiveHost
    /// Timeouts and redirects for the archives the import routes fetch.
    public var archiveFetch = ArchiveFetchSettings()
    /// Lets `{url}` imports fetch from loopback, private, link-local and other non-public
    /// addresses. Off by default: the server fetches from its own network position, so a
    /// caller could otherwise make it read what only it can reach (cloud metadata, internal
    /// services). For trusted networks, and tests against local hosts.
    public var allowPrivateImportURLs = false
    /// The most shard databases open at once (``Engine/init(dataDirectory:chunker:maxOpenShards:logger:)``);
    /// nil derives it from the process's open-file limit.
    public var maxOpenShards: Int?
    /// Joins a cluster of regions through etcd; nil is the embedded single node.
    public var cluster: ClusterConfiguration?
    /// Operation-log entries each shard keeps for replicas to catch up from.
    public var logRetention = Engine.defaultLogRetention
    /// Tests only: where `{url}` imports may connect, in place of the rule
    /// ``allowPrivateImportURLs`` picks (for example one loopback address allowed, another not).
    var importURLPolicyOverride: FetchDestinationPolicy?

    /// Where `{url}` imports may connect. GitHub imports are not checked: their host is
    /// the operator's choice.
    var importURLPolicy: FetchDestinationPolicy {
        importURLPolicyOverride ?? (allowPrivateImportURLs ? .unrestricted : .publicOnly)
    }

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 7400
    public static let defaultRegion = "local"
    public static let defaultGitHubArchiveHost = "https://codeload.github.com"

    public init(
        dataDirectory: URL, host: String = Self.defaultHost, port: Int = Self.defaultPort, logLevel: Logger.Level = .info,
        limits: RequestLimits = RequestLimits(), region: String = Self.defaultRegion,
        authentication: TokenVerifier? = nil, allowUnauthenticated: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.limits = limits
        self.region = region
        self.authentication = authentication
        self.allowUnauthenticated = allowUnauthenticated
    }

    /// A region name goes into JSON and error messages as is: a short identifier.
    static func validateRegion(_ region: String) throws(StartupError) {
        let allowed = region.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard (1...64).contains(region.utf8.count), allowed else {
            throw StartupError("--region '\(region.prefix(80))' is not a region name: use 1-64 of A-Z a-z 0-9 _ - (for example wnam or eu-west).")
        }
    }

    /// Throws ``StartupError`` when a limit is out of range, or when the server would be
    /// reachable beyond loopback without authentication and the operator did not opt out.
    public func validate() throws(StartupError) {
        try limits.validate()
        try traffic.validate(requestLimits: limits)
        try Self.validateRegion(region)
        try MCPOriginPolicy.validate(mcpAllowedOrigins)
        try ArchiveFetchSettings.validateHost(githubArchiveHost)
        try cluster?.validate()
        guard logRetention >= 1 else { throw StartupError("--log-retention must be at least 1.") }
        if authentication == nil, !allowUnauthenticated, !ListenAddress.isLoopback(host) {
            throw .unauthenticatedNonLoopback(host)
        }
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
