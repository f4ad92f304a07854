import ArgumentParser
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
            the variable. Without authentication configured, every caller is the org 'local'.
            """)

    @Option(help: "Data directory (env EYECREST_DATA_DIR). [default: ./eyecrest-data]")
    var dataDir: String?

    @Option(help: "Address to listen on (env EYECREST_HOST). [default: \(ServerConfiguration.defaultHost)]")
    var host: String?

    @Option(help: "Port to listen on (env EYECREST_PORT). [default: \(ServerConfiguration.defaultPort)]")
    var port: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env EYECREST_LOG_LEVEL). [default: info]")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let levelName = logLevel ?? environment["EYECREST_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            throw ValidationError("Unknown log level '\(levelName)'.")
        }
        let portText = port.map(String.init) ?? environment["EYECREST_PORT"] ?? String(ServerConfiguration.defaultPort)
        guard let port = Int(portText), (0...65_535).contains(port) else { throw ValidationError("Invalid port '\(portText)'.") }
        let dataDir = dataDir ?? environment["EYECREST_DATA_DIR"] ?? "./eyecrest-data"
        let configuration = ServerConfiguration(
            dataDirectory: URL(fileURLWithPath: dataDir, isDirectory: true),
            host: host ?? environment["EYECREST_HOST"] ?? ServerConfiguration.defaultHost, port: port, logLevel: level)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        try await runServer(configuration)
        Logger(label: "eyecrest").notice("eyecrest stopped")
    }
}
