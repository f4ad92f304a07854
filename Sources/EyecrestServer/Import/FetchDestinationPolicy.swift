import Foundation

/// Which addresses a fetch may connect to. The server fetches from its own network
/// position, so a caller-given URL could otherwise make it read what only the server can
/// reach: cloud metadata (169.254.169.254), its own loopback services, the private network
/// behind it. ``publicOnly`` is what `{url}` imports get unless the operator allows
/// private addresses.
///
/// A URL passes when every address its host resolves to is allowed: one private answer
/// among public ones is enough to refuse, since the connection may pick any of them. The
/// connection then goes to the checked address, not to a fresh lookup of the name, so a
/// DNS answer that changes in between (rebinding) cannot reach another address.
struct FetchDestinationPolicy: Sendable {
    /// Nil: everything is allowed and nothing is resolved.
    private let allows: (@Sendable ([UInt8]) -> Bool)?

    /// Publicly routable unicast addresses only (``isPublic(_:)``).
    static let publicOnly = FetchDestinationPolicy(allowing: isPublic)
    /// No check: a trusted network (`--allow-private-import-urls`), or a host the operator
    /// configured (`--github-archive-host`).
    static let unrestricted = FetchDestinationPolicy(allows: nil)

    /// A policy with its own rule over addresses of 4 (IPv4) or 16 (IPv6) bytes; tests use
    /// it to treat one loopback address as public and another as private.
    init(allowing allows: @escaping @Sendable ([UInt8]) -> Bool) {
        self.allows = allows
    }

    private init(allows: (@Sendable ([UInt8]) -> Bool)?) {
        self.allows = allows
    }

    /// The address a connection to `url` must use, as text; nil when everything is
    /// allowed (the connection then resolves the name itself). Throws 400
    /// `url_not_allowed` unless every address of the host is allowed, and 400
    /// `fetch_failed` when the host does not resolve. Called before each connection.
    func checkedAddress(of url: URL) async throws -> String? {
        guard let allows else { return nil }
        let addresses = try await HostResolver.addresses(of: Self.bare(url.host ?? ""))
        guard let first = addresses.first else { throw APIError.fetchFailed("the archive host's name could not be resolved") }
        guard addresses.allSatisfy(allows) else { throw APIError.urlNotAllowed() }
        // Only one address is tried: IPv4 when there is one, since hosts without IPv6
        // routes (many containers) still get AAAA answers, often sorted first.
        return HostResolver.text(of: addresses.first { $0.count == 4 } ?? first)
    }

    /// A host without an IPv6 literal's brackets, which some Foundation versions keep;
    /// AsyncHTTPClient trims them the same way before it connects.
    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// True for an address that may be on the public internet: not unspecified, loopback,
    /// private, shared (CGNAT), link-local, documentation, benchmarking, multicast or
    /// reserved. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by
    /// that address, since that is where a connection goes. Anything but 4 or 16 bytes is
    /// refused.
    static func isPublic(_ address: [UInt8]) -> Bool {
        switch address.count {
        case 4:
            return !refusedIPv4.contains { $0.contains(address) }
        case 16:
            if mappedIPv4.contains(address) || nat64.contains(address) { return isPublic(Array(address[12..<16])) }
            if sixToFour.contains(address) { return isPublic(Array(address[2..<6])) }
            return !refusedIPv6.contains { $0.contains(address) }
        default:
            return false
        }
    }

    private static let refusedIPv4: [Prefix] = [
        Prefix([0], 8),  // "this network"; 0.0.0.0 reaches the local host on Linux
        Prefix([10], 8),
        Prefix([100, 64], 10),  // shared address space (carrier-grade NAT)
        Prefix([127], 8),
        Prefix([169, 254], 16),  // link-local, where cloud metadata services listen
        Prefix([172, 16], 12),
        Prefix([192, 0, 0], 24),  // IETF protocol assignments
        Prefix([192, 0, 2], 24),  // documentation
        Prefix([192, 88, 99], 24),  // former 6to4 relay anycast
        Prefix([192, 168], 16),
        Prefix([198, 18], 15),  // benchmarking
        Prefix([198, 51, 100], 24),  // documentation
        Prefix([203, 0, 113], 24),  // documentation
        Prefix([224], 4),  // multicast
        Prefix([240], 4),  // reserved, and the broadcast 255.255.255.255
    ]

    private static let refusedIPv6: [Prefix] = [
        // The unspecified ::, the loopback ::1 and the deprecated IPv4-compatible
        // ::a.b.c.d, which no public host uses.
        Prefix([UInt8](repeating: 0, count: 12), 96),
        Prefix([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),  // discard-only
        Prefix([0x20, 0x01, 0x0D, 0xB8], 32),  // documentation
        Prefix([0xFC], 7),  // unique local
        Prefix([0xFE, 0x80], 10),  // link-local
        Prefix([0xFE, 0xC0], 10),  // the deprecated site-local, still routable where configured
        Prefix([0xFF], 8),  // multicast
    ]

    private static let mappedIPv4 = Prefix([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF], 96)
    private static let nat64 = Prefix([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0], 96)
    private static let sixToFour = Prefix([0x20, 0x02], 16)

    /// A CIDR prefix: the address's first `length` bits equal those of `bytes`.
    private struct Prefix: Sendable {
        let bytes: [UInt8]
        let length: Int

        init(_ bytes: [UInt8], _ length: Int) {
            self.bytes = bytes
            self.length = length
        }

        func contains(_ address: [UInt8]) -> Bool {
            var remaining = length
            for (index, byte) in bytes.enumerated() where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8.max << (8 - bits)
                guard index < address.count, address[index] & mask == byte & mask else { return false }
                remaining -= bits
            }
            return true
        }
    }
}
