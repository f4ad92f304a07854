import EyecrestCluster
import EyecrestEngine
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the eyecrest HTTP server: opens the engine on the data directory, assembles the
/// router, and returns an application ready to run (`eyecrest serve` runs it under
/// swift-service-lifecycle; tests drive it through HummingbirdTesting).
///
/// Throws ``StartupError`` before opening anything when the configuration would expose an
/// unauthenticated server beyond loopback (``ServerConfiguration/validate()``).
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    try await buildApplication(configuration, printsBanner: false)
}

/// `printsBanner`: once listening, print ``StartupBanner`` on standard output for the
/// person who started `eyecrest serve`; the log gets the same facts either way.
func buildApplication(_ configuration: ServerConfiguration, printsBanner: Bool) async throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = Logger(label: "eyecrest")
    logger.logLevel = configuration.logLevel
    let engine = try Engine(
        dataDirectory: configuration.dataDirectory, maxOpenShards: configuration.maxOpenShards, logRetention: configuration.logRetention,
        logger: logger)
    var clusterServices: [any Service] = []
    var cluster: Cluster?
    if let setup = configuration.cluster {
        let etcd = EtcdClient(endpoints: setup.etcdEndpoints)
        let settings = ClusterSettings(
            region: configuration.region, advertiseURL: setup.advertiseURL, clusterKey: setup.clusterKey,
            replicationTimeout: setup.replicationTimeout, regionOrder: setup.regionOrder)
        let joined = Cluster(settings: settings, metadata: EtcdMetadata(client: etcd), engine: engine, logger: logger)
        cluster = joined
        clusterServices = [MemberRegistration(member: ClusterMember(region: configuration.region, url: setup.advertiseURL), client: etcd, logger: logger), joined]
    }
    let services = ServerServices(engine: engine, metrics: ServerMetrics(), configuration: configuration, cluster: cluster)
    let router = Routes.build(services: services).router
    let startupLogger = logger
    let authSummary = configuration.authentication.map { "bearer tokens, kids: " + $0.keys.map(\.kid).joined(separator: ", ") } ?? "none: every caller is org 'local'"
    var application = Application(
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
                    "version": "\(BuildInfo.version)",
                ])
            if printsBanner {
                let banner = StartupBanner.text(configuration: configuration, port: channel.localAddress?.port ?? configuration.port)
                FileHandle.standardOutput.write(Data(banner.utf8))
            }
        },
        logger: logger
    )
    application.addServices(clusterServices + [ReshardingService(engine: engine), WarmUpService(engine: engine)])
    return application
}

/// Builds the application and serves until SIGINT or SIGTERM. The service group then
/// stops accepting connections, lets requests in flight finish, and returns; the engine
/// and its databases are released with the application.
///
/// Throws ``StartupError`` when the port is taken or may not be used, naming it and what
/// to do, rather than the socket call's own message.
public func runServer(_ configuration: ServerConfiguration) async throws {
    let app = try await buildApplication(configuration, printsBanner: true)
    do {
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
        throw StartupError.portInUse(host: configuration.host, port: configuration.port)
    } catch let error as IOError where error.errnoCode == EACCES {
        throw StartupError.portNotPermitted(host: configuration.host, port: configuration.port)
    }
}
