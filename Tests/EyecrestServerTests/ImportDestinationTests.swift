import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FetchDestinationPolicy {
    /// The public-only rule, except that 127.0.0.1 counts as public: the local archive
    /// host is reachable while 127.0.0.2 stands for a private address.
    static let loopbackOneIsPublic = FetchDestinationPolicy(allowing: { $0 == [127, 0, 0, 1] || isPublic($0) })
}

/// `{url}` imports may reach public addresses only, unless the server allows private ones:
/// the classifier on its own, then the route against a local host, directly and through
/// redirects.
@Suite("Import: URL destinations")
struct ImportDestinationTests {
    /// Inside every refused range, at both edges where an edge is meaningful, and IPv6
    /// forms that carry a refused IPv4 address.
    @Test(arguments: [
        "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.0.0.1", "10.255.255.255", "100.64.0.0", "100.127.255.255",
        "127.0.0.1", "127.0.0.2", "127.255.255.255", "169.254.0.0", "169.254.169.254", "169.254.255.255",
        "172.16.0.0", "172.31.255.255", "192.0.0.0", "192.0.0.255", "192.0.2.0", "192.0.2.255", "192.88.99.0",
        "192.88.99.255", "192.168.0.0", "192.168.255.255", "198.18.0.0", "198.19.255.255", "198.51.100.0",
        "198.51.100.255", "203.0.113.0", "203.0.113.255", "224.0.0.0", "239.255.255.255", "240.0.0.0",
        "255.255.255.254", "255.255.255.255",
        "::", "::1", "::127.0.0.1", "fe80::", "fe80::1", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::1",
        "fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::", "ff02::1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "100::",
        "100::ffff:ffff:ffff:ffff",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:0.0.0.0", "64:ff9b::127.0.0.1",
        "64:ff9b::10.0.0.1", "64:ff9b::192.168.1.1", "2002:7f00:1::", "2002:c0a8:101::1", "2002:a9fe:a9fe::1",
    ])
    func refusedAddresses(_ literal: String) throws {
        #expect(!FetchDestinationPolicy.isPublic(try Self.bytes(literal)))
    }

    /// Public hosts, and the first address outside each refused range.
    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0",
        "192.88.98.255", "192.88.100.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
        "198.51.99.255", "198.51.101.0", "203.0.112.255", "203.0.114.0", "223.255.255.255",
        "2606:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::200e", "2001:db7:ffff::1", "2001:db9::",
        "100:0:0:1::", "fbff:ffff::1", "fe00::1", "fe7f::1", "2003::1",
        "::ffff:8.8.8.8", "64:ff9b::1.1.1.1", "2002:808:808::1",
    ])
    func publicAddresses(_ literal: String) throws {
        #expect(FetchDestinationPolicy.isPublic(try Self.bytes(literal)))
    }

    @Test func addressesOfOtherLengthsAreRefused() {
        for bytes: [UInt8] in [[], [8, 8, 8], [8, 8, 8, 8, 8], [UInt8](repeating: 0x26, count: 15)] {
            #expect(!FetchDestinationPolicy.isPublic(bytes), "\(bytes)")
        }
    }

    /// With the default configuration, a local host that would serve a valid archive is
    /// refused under every spelling of a loopback or private address, before any
    /// connection (no request arrives); the dataset
    /// keeps what it held; no answer names the host.
    @Test func privateURLsAreRefusedByDefault() async throws {
        try await ArchiveHost.run(archives: ["small": Self.smallArchive]) { host in
            let port = try #require(URL(string: host.baseURL)?.port)
            try await withTestServer { client in
                try await client.seed("target", [("keep.md", "# Keep\n\nStill here.\n")])
                for url in [
                    "\(host.baseURL)/archives/small", "http://localhost:\(port)/archives/small", "http://LocalHost:\(port)/archives/small",
                    "http://[::1]:\(port)/archives/small", "http://2130706433:\(port)/archives/small", "http://0x7f.1:\(port)/archives/small",
                    "http://127.1:\(port)/archives/small", "http://[::ffff:127.0.0.1]:\(port)/archives/small",
                    "http://0.0.0.0:\(port)/archives/small", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/a.tar.gz",
                    "https://192.168.1.1/a.tar.gz", "http://[fe80::1]/a.tar.gz", "http://[fd00::1]:\(port)/a.tar.gz",
                ] {
                    let result = try await client.importJSON("target", "tar", ["url": url])
                    expectError(result, .badRequest, "url_not_allowed")
                    #expect(result.error?.contains("--allow-private-import-urls") == true, "\(result.text)")
                    for leak in ["127.0.0.1", String(port), "localhost", "169.254", "::1"] {
                        #expect(result.text.contains(leak) == false, "\(url): \(result.text)")
                    }
                }
                #expect(host.requests == 0)
                #expect(try await client.filenames("target") == ["keep.md"])
                // A name that does not resolve is still a failed fetch, not a refusal.
                expectError(try await client.importJSON("target", "tar", ["url": "http://nothing-here.invalid/a.tar.gz"]), .badRequest, "fetch_failed")
            }
        }
    }

    /// With 127.0.0.1 declared public and 127.0.0.2 private: a direct import and every
    /// kind of redirect to 127.0.0.1 work, a redirect to 127.0.0.2 (or to another scheme)
    /// is refused after the one request that answered with it.
    @Test func everyRedirectHopIsChecked() async throws {
        try await ArchiveHost.run(archives: ["small": Self.smallArchive]) { host in
            let port = try #require(URL(string: host.baseURL)?.port)
            try await withTestServer(configure: { $0.importURLPolicyOverride = .loopbackOneIsPublic }) { client in
                try await client.createDataset("target")
                let direct = try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/archives/small"])
                #expect(direct.status == .ok, "\(direct.text)")
                #expect(direct.importCounts == [2, 0, 0], "\(direct.text)")
                for status in [301, 302, 303, 307, 308] {
                    let relative = try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/redirect/\(status)?to=/archives/small"])
                    #expect(relative.importCounts == [0, 2, 0], "\(status): \(relative.text)")
                }
                let absolute = try await client.importJSON(
                    "target", "tar", ["url": "\(host.baseURL)/redirect/302?to=\(Self.encoded("\(host.baseURL)/archives/small"))"])
                #expect(absolute.importCounts == [0, 2, 0], "\(absolute.text)")

                let before = host.requests
                for target in ["http://127.0.0.2:\(port)/archives/small", "http://[::1]:\(port)/archives/small", "http://169.254.169.254/"] {
                    let refused = try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/redirect/302?to=\(Self.encoded(target))"])
                    expectError(refused, .badRequest, "url_not_allowed")
                    #expect(refused.text.contains("127.0.0.2") == false, "\(refused.text)")
                }
                #expect(host.requests - before == 3)
                let ftp = try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/redirect/302?to=\(Self.encoded("ftp://127.0.0.1/a"))"])
                expectError(ftp, .badRequest, "fetch_failed")
                // A redirect without a Location is an answer like any other non-2xx.
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/redirect/304"]), .badRequest, "fetch_failed")
                #expect(try await client.filenames("target").sorted() == ["a.md", "b.md"])
            }
        }
    }

    /// A host name is resolved, checked, and connected to at the address checked: with
    /// both loopback addresses allowed, `localhost` (which may resolve to ::1 first) reaches
    /// the host that listens on 127.0.0.1 only, since the IPv4 address is preferred.
    @Test func aNameIsConnectedToAtItsCheckedAddress() async throws {
        let loopback = FetchDestinationPolicy(allowing: { $0 == [127, 0, 0, 1] || $0 == [UInt8](repeating: 0, count: 15) + [1] })
        try await ArchiveHost.run(archives: ["small": Self.smallArchive]) { host in
            let port = try #require(URL(string: host.baseURL)?.port)
            try await withTestServer(configure: { $0.importURLPolicyOverride = loopback }) { client in
                try await client.createDataset("target")
                let named = try await client.importJSON("target", "tar", ["url": "http://localhost:\(port)/archives/small"])
                #expect(named.importCounts == [2, 0, 0], "\(named.text)")
                #expect(host.requests == 1)
            }
        }
    }

    /// `allowPrivateImportURLs` turns the check off: the same loopback URL imports.
    @Test func theSwitchAllowsPrivateURLs() async throws {
        try await ArchiveHost.run(archives: ["small": Self.smallArchive]) { host in
            try await withTestServer(configure: { $0.allowPrivateImportURLs = true }) { client in
                try await client.createDataset("target")
                let result = try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/archives/small"])
                #expect(result.importCounts == [2, 0, 0], "\(result.text)")
            }
        }
    }

    static let smallArchive: [UInt8] = {
        var tar = TarBuilder()
        tar.file("docs/a.md", "# A\n\nFirst.\n")
        tar.file("docs/b.md", "# B\n\nSecond.\n")
        tar.end()
        return tar.gzipped
    }()

    static func encoded(_ url: String) -> String {
        url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
    }

    /// An IP literal's bytes in network order, parsed by the system (inet_pton).
    static func bytes(_ literal: String) throws -> [UInt8] {
        if literal.contains(":") {
            var address = in6_addr()
            try #require(inet_pton(AF_INET6, literal, &address) == 1, "\(literal)")
            return withUnsafeBytes(of: address) { Array($0) }
        }
        var address = in_addr()
        try #require(inet_pton(AF_INET, literal, &address) == 1, "\(literal)")
        return withUnsafeBytes(of: address) { Array($0) }
    }
}
