import ArgumentParser
import EyecrestClient
import Foundation

/// `--server` and `--token`, shared by every command that talks to a server.
struct ClientOptions: ParsableArguments {
    @Option(help: "The eyecrest server (env EYECREST_SERVER). [default: \(EyecrestClient.defaultServer)]")
    var server: String?

    @Option(help: "A bearer token from 'eyecrest token' (env EYECREST_TOKEN, which keeps it out of the process list).")
    var token: String?

    func client() -> EyecrestClient {
        let environment = ProcessInfo.processInfo.environment
        let token = (token ?? environment["EYECREST_TOKEN"]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return EyecrestClient(
            baseURL: server ?? environment["EYECREST_SERVER"] ?? EyecrestClient.defaultServer, token: token?.isEmpty == false ? token : nil)
    }
}
