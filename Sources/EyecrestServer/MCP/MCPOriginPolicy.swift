/// Which web pages may call `POST /mcp` from a browser: the streamable-HTTP spec asks a
/// server to check `Origin`, so that a page the user happens to visit cannot drive a local
/// MCP server through DNS rebinding.
///
/// A pattern is an origin (`https://docs.example.com`, `http://localhost:3000`), an origin
/// with any port (`http://localhost:*`, which also matches no port), or `*` (any origin).
/// Matching ignores case. A request without an `Origin` header (an agent, a CLI, a
/// server-side client) is never refused: only browsers send one, and they always do for a
/// cross-site POST.
///
/// Unlike the SDK's `OriginValidator`, the `Host` header is not checked: behind a proxy or
/// on a public name it is not a loopback name, and the `Origin` check already stops the
/// rebinding attack it guards against.
public struct MCPOriginPolicy: Sendable, Equatable {
    /// The default: pages served from this machine only.
    public static let loopbackOrigins = [
        "http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
        "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*",
    ]

    public let patterns: [String]

    public init(patterns: [String]) {
        self.patterns = patterns.map { $0.lowercased() }
    }

    /// Whether a request with this `Origin` header value may go on.
    public func allows(origin: String) -> Bool {
        let origin = origin.lowercased()
        return patterns.contains { pattern in
            if pattern == "*" { return true }
            guard pattern.hasSuffix(":*") else { return origin == pattern }
            // `scheme://host:*`: the bare origin (default port) or any numeric port.
            let base = String(pattern.dropLast(2))
            if origin == base { return true }
            guard origin.hasPrefix(base + ":") else { return false }
            let port = origin.dropFirst(base.count + 1)
            return !port.isEmpty && port.allSatisfy(\.isASCIIDigit)
        }
    }

    /// Refuses a pattern that could never match, with a message naming the flag, so that
    /// a typo fails at startup instead of refusing every browser.
    public static func validate(_ patterns: [String]) throws(StartupError) {
        for pattern in patterns where pattern != "*" {
            let parts = pattern.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
            let scheme = parts.first ?? ""
            let authority = parts.count == 2 ? parts[1] : ""
            let validScheme = !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            let validAuthority = !authority.isEmpty && !authority.contains { $0 == "/" || $0.isWhitespace || $0 == "?" || $0 == "#" }
            guard parts.count == 2, validScheme, validAuthority else {
                throw StartupError(
                    "--mcp-allowed-origin '\(pattern)' is not an origin: use scheme://host[:port], scheme://host:* for any port, or * for any origin (no path, no trailing slash).")
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
