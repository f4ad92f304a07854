import EyecrestEngine
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the eyecrest HTTP server: opens the engine on the data directory, assembles the
/// router, and returns an application ready to run (`eyecrest serve` runs it under
/// swift-service-lifecycle; tests drive it through HummingbirdTesting).
///
/// Throws ``StartupError`` before opening anything when the configuration would expose an
/// unauthenticated server beyond loopback (``ServerConfiguration/validate()``).
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = Logger(label: "eyecrest")
    logger.logLevel = configuration.logLevel
    let engine = try Engine(dataDirectory: configuration.dataDirectory, maxOpenShards: configuration.maxOpenShards, logger: logger)
    let services = ServerServices(engine: engine, metrics: ServerMetrics(), configuration: configuration)
    let router = Routes.build(services: services).router
    let startupLogger = logger
    let authSummary = configuration.authentication.map { "bearer tokens, kids: " + $0.keys.map(\.kid).joined(separator: ", ") } ?? "none: every caller is org 'local'"
    return Application(
        router: router,
        server: GuardedHTTP1Channel.server(limits: configuration.traffic, metrics: services.metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "eyecrest"),
        onServerRunning: { channel in
            startupLogger.notice(
                "eyecrest is listening",
                metadata: [
                    "address": "\(channel.localAddress?.description ?? "?")",
                    "data_dir": "\(configuration.dataDirectory.path)",
                    "auth": "\(authSummary)",
                ])
        },
        logger: logger
    )
}

/// Builds the application and serves until SIGINT or SIGTERM. The service group then
/// stops accepting connections, lets requests in flight finish, and returns; the engine
/// and its databases are released with the application.
public func runServer(_ configuration: ServerConfiguration) async throws {
    let app = try await buildApplication(configuration)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
