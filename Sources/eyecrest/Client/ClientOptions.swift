import ArgumentParser
import EyecrestClient
import Foundation

/// `--server` and `--token`, shared by every command that talks to a server.
struct ClientOptions: ParsableArguments {
    @Option(help: "The eyecrest server (env EYECREST_SERVER). [default: \(EyecrestClient.defaultServer)]")
    var server: String?

    @Option(help: "A bearer token from 'eyecrest token' (env EYECREST_TOKEN, which keeps it out of the process list).")
    var token: String?

    /// `--server`, else `EYECREST_SERVER`, else the default.
    var serverURL: String { server ?? ProcessInfo.processInfo.environment["EYECREST_SERVER"] ?? EyecrestClient.defaultServer }

    func validate() throws {
        guard serverURL.hasPrefix("http://") || serverURL.hasPrefix("https://") else {
            throw ValidationError("--server (or EYECREST_SERVER) takes a URL such as \(EyecrestClient.defaultServer); got '\(serverURL)'.")
        }
    }

    /// A client that fails within seconds when nothing answers at the server's address.
    func client() -> EyecrestClient {
        let token = (token ?? ProcessInfo.processInfo.environment["EYECREST_TOKEN"]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return EyecrestClient.failingFast(baseURL: serverURL, token: token?.isEmpty == false ? token : nil)
    }
}
