import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a URL's host to the addresses a connection to it may use, with the system's
/// getaddrinfo: the resolver SwiftNIO connects with, so names come from the same
/// `/etc/hosts` and DNS, and IP literals are read the same way, odd IPv4 forms included
/// (`2130706433`, `0x7f.1` and `127.1` are all 127.0.0.1).
enum HostResolver {
    /// Every address of `host`, each 4 (IPv4) or 16 (IPv6) bytes in network order; empty
    /// when the host does not resolve.
    static func addresses(of host: String) async throws -> [[UInt8]] {
        // getaddrinfo blocks, on DNS for seconds: on NIO's blocking pool it holds no thread
        // of Swift's small cooperative pool.
        try await NIOThreadPool.singleton.runIfActive { resolve(host) }
    }

    /// An address of 4 or 16 bytes as text (`203.0.113.7`, `2001:db8::1`), the form a
    /// connection target takes.
    static func text(of address: [UInt8]) -> String {
        let family = address.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = address.withUnsafeBytes { bytes in inet_ntop(family, bytes.baseAddress, &buffer, socklen_t(buffer.count)) }
        return written == nil ? "" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
            guard let address = entry.pointee.ai_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                addresses.append(withUnsafeBytes(of: ipv4) { Array($0) })
            case AF_INET6:
                let ipv6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                addresses.append(withUnsafeBytes(of: ipv6) { Array($0) })
            default:
                continue
            }
        }
        return addresses
    }
}
