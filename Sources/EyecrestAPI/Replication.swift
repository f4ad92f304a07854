import Foundation

/// In every write's answer: the dataset's position after the write and, in a cluster,
/// what its replicas had applied when the answer was sent.
public struct WriteReplication: Codable, Equatable, Sendable, WireSchema {
    /// `"<epoch>:<seq of shard 0>,<seq of shard 1>,…"`. Pass it as `minSeq` to read
    /// this write back from any region.
    public var position: String
    /// `replicated` (every replica applied the write), `lagging` (the wait ended first:
    /// see ``lagging``), `not_waited` (`waitForReplication: false`), or `no_replicas`.
    public var status: String
    /// Replica regions that applied the write before the answer.
    public var replicated: [String]
    /// Replica regions that had not applied it when the wait timed out; they catch up.
    public var lagging: [String]

    public init(position: String, status: String, replicated: [String] = [], lagging: [String] = []) {
        self.position = position
        self.status = status
        self.replicated = replicated
        self.lagging = lagging
    }

    public static let fieldNotes: [String: FieldNote] = [
        "position": FieldNote("The dataset's position after the write: pass it as `minSeq` to read the write back from a replica."),
        "status": FieldNote(nil, ["enum": ["replicated", "lagging", "not_waited", "no_replicas"]]),
        "lagging": FieldNote("Replica regions that had not applied the write when the wait (serve --replication-timeout) ended."),
    ]
}

/// One replica of a dataset, as its primary sees it (`GET /v1/datasets/{datasetId}`).
public struct ReplicaStatus: Codable, Equatable, Sendable, WireSchema {
    public var region: String
    /// The position it has applied; absent before it first contacted the primary.
    public var appliedPosition: String?
    /// Log entries it has not applied yet, over all shards.
    public var lagEntries: Int64
    /// How long ago the oldest entry it has not applied was written.
    public var lagSeconds: Double
    public var lastContact: Date?

    public init(region: String, appliedPosition: String?, lagEntries: Int64, lagSeconds: Double, lastContact: Date?) {
        self.region = region
        self.appliedPosition = appliedPosition
        self.lagEntries = lagEntries
        self.lagSeconds = lagSeconds
        self.lastContact = lastContact
    }
}

/// A node's view of its cluster (node-to-node `GET /internal/v1/status`, shown by
/// `eyecrest cluster status`).
public struct ClusterStatus: Codable, Equatable, Sendable {
    public struct DatasetStatus: Codable, Equatable, Sendable {
        public var org: String
        public var datasetId: String
        public var primaryRegion: String
        public var replicaRegions: [String]
        public var shards: Int
        /// Only from the dataset's primary.
        public var replicas: [ReplicaStatus]?

        public init(org: String, datasetId: String, primaryRegion: String, replicaRegions: [String], shards: Int, replicas: [ReplicaStatus]?) {
            self.org = org
            self.datasetId = datasetId
            self.primaryRegion = primaryRegion
            self.replicaRegions = replicaRegions
            self.shards = shards
            self.replicas = replicas
        }
    }

    /// The node that answered.
    public var region: String
    /// Live members: region → URL.
    public var members: [String: String]
    public var datasets: [DatasetStatus]

    public init(region: String, members: [String: String], datasets: [DatasetStatus]) {
        self.region = region
        self.members = members
        self.datasets = datasets
    }
}
