import Foundation

/// How this node takes part in a cluster (`eyecrest serve --etcd …`).
public struct ClusterSettings: Sendable {
    /// This node's region: the name placements use for it.
    public var region: String
    /// The URL other nodes reach this node at.
    public var advertiseURL: String
    /// The secret every node-to-node request carries; tenants never hold it.
    public var clusterKey: ClusterKey
    /// How long a write with `waitForReplication` waits for its replicas.
    public var replicationTimeout: Duration
    /// How long a read with `minSeq` waits on a replica before going to the primary.
    public var readWaitTimeout: Duration
    /// Regions to read from first, nearest first; regions not named follow by measured
    /// round-trip time.
    public var regionOrder: [String]
    /// How often placements and members are re-read from etcd.
    public var syncInterval: Duration

    public init(
        region: String, advertiseURL: String, clusterKey: ClusterKey, replicationTimeout: Duration = .seconds(5),
        readWaitTimeout: Duration = .seconds(1), regionOrder: [String] = [], syncInterval: Duration = .seconds(1)
    ) {
        self.region = region
        self.advertiseURL = advertiseURL
        self.clusterKey = clusterKey
        self.replicationTimeout = replicationTimeout
        self.readWaitTimeout = readWaitTimeout
        self.regionOrder = regionOrder
        self.syncInterval = syncInterval
    }
}
