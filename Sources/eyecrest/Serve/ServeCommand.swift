import ArgumentParser
import EyecrestEngine
import EyecrestServer
import Foundation
import Logging

/// `eyecrest serve`: runs the HTTP server until SIGINT or SIGTERM, then finishes the
/// requests in flight and exits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the eyecrest HTTP server.",
        discussion: """
            Every option can also be set with an environment variable; a flag wins over \
            the variable. Without a public key every caller is the org 'local' and the \
            server only listens on loopback (127.0.0.1, ::1, localhost) unless \
            --allow-unauthenticated is given. With keys, every /v1 route needs \
            'Authorization: Bearer <token>' (see 'eyecrest keys generate' and 'eyecrest token').
            """)

    @OptionGroup(title: "Server")
    var server: ServerOptions

    @Option(
        name: .customLong("auth-public-key"),
        help: "A PEM public key (ES256, EdDSA or RS256) that verifies bearer tokens; repeat for several (env EYECREST_AUTH_PUBLIC_KEYS, comma-separated paths).")
    var authPublicKeys: [String] = []

    @Flag(help: "Without a public key, listen on a non-loopback address anyway (env EYECREST_ALLOW_UNAUTHENTICATED=1).")
    var allowUnauthenticated = false

    @Option(
        name: .customLong("mcp-allowed-origin"),
        help: "A browser origin that may call POST /mcp: https://app.example.com, http://localhost:* (any port) or * (any); repeat for several. Replaces the default, loopback pages only; clients that send no Origin (agents, CLIs) are always served (env EYECREST_MCP_ALLOWED_ORIGINS, comma-separated).")
    var mcpAllowedOrigins: [String] = []

    @Option(help: "Where 'import/github' fetches branch archives: {host}/{owner}/{repo}/tar.gz/refs/heads/{branch} (env EYECREST_GITHUB_ARCHIVE_HOST). [default: \(ServerConfiguration.defaultGitHubArchiveHost)]")
    var githubArchiveHost: String?

    @Flag(
        name: .customLong("allow-private-import-urls"),
        help: "Let URL imports fetch from loopback, private and link-local addresses, which are refused by default; for trusted networks only (env EYECREST_ALLOW_PRIVATE_IMPORT_URLS=1).")
    var allowPrivateImportURLs = false

    @Option(help: "Seconds an import's URL or archive host may stay silent, before its answer or between its bytes, before the import fails with fetch_timeout (env EYECREST_IMPORT_READ_TIMEOUT). [default: 30]")
    var importReadTimeout: Int?

    @Option(help: "Most shard databases kept open at once; the least recently used idle datasets close beyond it and reopen on demand (env EYECREST_MAX_OPEN_SHARDS). [default: from the open-file limit, now \(Engine.defaultMaxOpenShards)]")
    var maxOpenShards: Int?

    @OptionGroup(title: "Cluster")
    var cluster: ClusterOptions

    // Untitled, so that help lists the limits last: after the titled "Server" and
    // "Cluster" groups and the options above (ArgumentParser puts titled groups before
    // the untitled ones).
    @OptionGroup
    var limits: LimitOptions

    @OptionGroup
    var traffic: TrafficOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let levelName = server.logLevel ?? environment["EYECREST_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            throw ValidationError("Unknown log level '\(levelName)'.")
        }
        let portText = server.port.map(String.init) ?? environment["EYECREST_PORT"] ?? String(ServerConfiguration.defaultPort)
        guard let port = Int(portText), (0...65_535).contains(port) else { throw ValidationError("Invalid port '\(portText)'.") }
        let dataDir = server.dataDir ?? environment["EYECREST_DATA_DIR"] ?? "./eyecrest-data"
        var configuration = ServerConfiguration(
            dataDirectory: URL(fileURLWithPath: dataDir, isDirectory: true),
            host: server.host ?? environment["EYECREST_HOST"] ?? ServerConfiguration.defaultHost, port: port, logLevel: level,
            limits: try limits.resolve(environment: environment),
            region: server.region ?? environment["EYECREST_REGION"] ?? ServerConfiguration.defaultRegion)
        configuration.traffic = try traffic.resolve(environment: environment)
        let keyPaths = authPublicKeys.isEmpty
            ? (environment["EYECREST_AUTH_PUBLIC_KEYS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            : authPublicKeys
        if !keyPaths.isEmpty {
            var keys: [VerificationKey] = []
            for path in keyPaths { keys.append(try await VerificationKey.load(contentsOf: URL(fileURLWithPath: path))) }
            configuration.authentication = try TokenVerifier(keys: keys)
        }
        let origins = mcpAllowedOrigins.isEmpty
            ? (environment["EYECREST_MCP_ALLOWED_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            : mcpAllowedOrigins
        if !origins.isEmpty { configuration.mcpAllowedOrigins = origins }
        configuration.githubArchiveHost = githubArchiveHost ?? environment["EYECREST_GITHUB_ARCHIVE_HOST"] ?? ServerConfiguration.defaultGitHubArchiveHost
        /// A switch set by its flag or by its environment variable (`1`, `true` or `yes`).
        func isOn(_ flag: Bool, _ variable: String) -> Bool {
            flag || ["1", "true", "yes"].contains(environment[variable]?.lowercased() ?? "")
        }
        configuration.allowUnauthenticated = isOn(allowUnauthenticated, "EYECREST_ALLOW_UNAUTHENTICATED")
        configuration.allowPrivateImportURLs = isOn(allowPrivateImportURLs, "EYECREST_ALLOW_PRIVATE_IMPORT_URLS")
        /// A whole number set by its flag or by its environment variable, nil when neither
        /// is; out of `range`, an error naming the flag and saying what to use.
        func number(_ flag: Int?, _ variable: String, _ name: String, in range: ClosedRange<Int>, use: String) throws -> Int? {
            guard let text = flag.map(String.init) ?? environment[variable] else { return nil }
            guard let value = Int(text), range.contains(value) else { throw ValidationError("Invalid --\(name) '\(text)': use \(use).") }
            return value
        }
        if let seconds = try number(
            importReadTimeout, "EYECREST_IMPORT_READ_TIMEOUT", "import-read-timeout", in: 1...3_600, use: "whole seconds from 1 to 3600")
        {
            configuration.archiveFetch.readTimeout = .seconds(seconds)
        }
        if let shards = try number(maxOpenShards, "EYECREST_MAX_OPEN_SHARDS", "max-open-shards", in: 1...Int.max, use: "a number of at least 1") {
            configuration.maxOpenShards = shards
        }
        try cluster.apply(to: &configuration, environment: environment)
        // Before anything is opened or logged: a clear message and a non-zero exit.
        try configuration.validate()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        try await runServer(configuration)
        Logger(label: "eyecrest").notice("eyecrest stopped")
    }
}
