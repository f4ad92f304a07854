import Foundation

/// What `eyecrest serve` prints once it listens: the URL to open, where the data lives,
/// who may call, and the next step.
enum StartupBanner {
    static func text(configuration: ServerConfiguration, port: Int) -> String {
        let url = baseURL(host: configuration.host, port: port)
        let everyAddress = isWildcard(configuration.host) ? " (every address of this machine)" : ""
        let serverFlag = url == baseURL(host: ServerConfiguration.defaultHost, port: ServerConfiguration.defaultPort) ? "" : " --server \(url)"
        var lines = ["eyecrest \(BuildInfo.version) listening on \(url)\(everyAddress)"]
        lines.append("  data   \(configuration.dataDirectory.standardizedFileURL.path)")
        if let verifier = configuration.authentication {
            lines.append("  auth   bearer tokens signed by key \(verifier.keys.map(\.kid).joined(separator: ", "))")
            lines.append("  next   export EYECREST_TOKEN=$(eyecrest token --private-key private.pem --org ORG)")
            lines.append("         eyecrest push ./docs --dataset docs\(serverFlag), then open \(url)/ and paste the token")
        } else {
            let reach = ListenAddress.isLoopback(configuration.host) ? "this machine only" : "anyone who can reach it (--allow-unauthenticated)"
            lines.append("  auth   none: every caller is the org 'local'; \(reach)")
            lines.append("  next   eyecrest push ./docs --dataset docs\(serverFlag), then open \(url)/ to search it")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A URL a person can click: a wildcard address becomes loopback, an IPv6 literal gets brackets.
    static func baseURL(host: String, port: Int) -> String {
        let shown = isWildcard(host) ? "127.0.0.1" : unbracketed(host)
        return "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)"
    }

    private static func isWildcard(_ host: String) -> Bool { ["0.0.0.0", "::", ""].contains(unbracketed(host)) }

    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
