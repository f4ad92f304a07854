import EyecrestCluster
import Foundation

/// How a node joins a cluster (`eyecrest serve --etcd …`, docs/cluster.md). Nil in
/// ``ServerConfiguration/cluster`` is the embedded single node.
public struct ClusterConfiguration: Sendable {
    /// etcd's client URLs (`http://127.0.0.1:2379`); the next is tried when one fails.
    public var etcdEndpoints: [String]
    /// The URL other nodes reach this one at.
    public var advertiseURL: String
    public var clusterKey: ClusterKey
    /// How long a write with `waitForReplication` waits for its replicas.
    public var replicationTimeout: Duration = .seconds(5)
    /// Regions to read from first, nearest first.
    public var regionOrder: [String] = []

    public init(etcdEndpoints: [String], advertiseURL: String, clusterKey: ClusterKey) {
        self.etcdEndpoints = etcdEndpoints
        self.advertiseURL = advertiseURL
        self.clusterKey = clusterKey
    }

    public static let replicationTimeoutRange: ClosedRange<Duration> = .milliseconds(100) ... .seconds(120)

    func validate() throws(StartupError) {
        guard !etcdEndpoints.isEmpty else { throw StartupError("--etcd needs at least one URL (http://HOST:PORT).") }
        for url in etcdEndpoints + [advertiseURL] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw StartupError("'\(url.prefix(200))' is not an http(s) URL (for --etcd and --advertise-url).")
            }
        }
        guard Self.replicationTimeoutRange.contains(replicationTimeout) else {
            throw StartupError("--replication-timeout must be between 0.1 and 120 seconds.")
        }
        for region in regionOrder { try ServerConfiguration.validateRegion(region) }
    }
}
