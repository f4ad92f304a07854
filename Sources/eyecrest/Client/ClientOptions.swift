import ArgumentParser
import EyecrestClient
import Foundation

/// `--server`, shared by every command that talks to a server.
struct ClientOptions: ParsableArguments {
    @Option(help: "The eyecrest server (env EYECREST_SERVER). [default: \(EyecrestClient.defaultServer)]")
    var server: String?

    func client() -> EyecrestClient {
        EyecrestClient(baseURL: server ?? ProcessInfo.processInfo.environment["EYECREST_SERVER"] ?? EyecrestClient.defaultServer)
    }
}
