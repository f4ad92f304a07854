#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the server may run without authentication on the address it was asked for.
public enum ListenAddress {
    /// True for `localhost`, any 127.0.0.0/8 address and `::1` (brackets allowed). Any other
    /// name counts as reachable from elsewhere, even one that resolves to loopback.
    public static func isLoopback(_ host: String) -> Bool {
        var host = host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }
}

/// The server refuses to start as configured.
public struct StartupError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// Listening beyond loopback with no key and no explicit opt-out.
    static func unauthenticatedNonLoopback(_ host: String) -> StartupError {
        StartupError(
            "Refusing to listen on '\(host)' without authentication: anyone who can reach it could read and change every dataset. "
                + "Give a public key with --auth-public-key FILE (or EYECREST_AUTH_PUBLIC_KEYS), listen on 127.0.0.1, "
                + "or pass --allow-unauthenticated if the network is trusted.")
    }
}
