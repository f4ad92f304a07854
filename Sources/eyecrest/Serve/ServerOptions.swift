import ArgumentParser
import EyecrestServer

/// `serve`'s everyday options, a group of their own so that its help lists them first.
struct ServerOptions: ParsableArguments {
    @Option(help: "Data directory (env EYECREST_DATA_DIR). [default: ./eyecrest-data]")
    var dataDir: String?

    @Option(help: "Address to listen on (env EYECREST_HOST). [default: \(ServerConfiguration.defaultHost)]")
    var host: String?

    @Option(help: "Port to listen on (env EYECREST_PORT). [default: \(ServerConfiguration.defaultPort)]")
    var port: Int?

    @Option(help: "The region this node serves, reported in search answers and datasets and accepted in x-force-region (env EYECREST_REGION). [default: \(ServerConfiguration.defaultRegion)]")
    var region: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env EYECREST_LOG_LEVEL). [default: info]")
    var logLevel: String?
}
