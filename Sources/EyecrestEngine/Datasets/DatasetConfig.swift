import Foundation

/// The stored configuration of one dataset.
public struct DatasetConfig: Sendable, Equatable, Codable {
    public var orgID: String
    public var datasetID: String
    /// How many SQLite databases the dataset's files are spread over (docs/engine.md, "Sharding").
    public var shardCount: Int
    public var createdAt: Date
    /// The folder name under `datasets/`: generated, so ids never become paths, and a
    /// deleted dataset's folder never collides with a new one of the same name.
    var storageID: String
    /// Which set of shard databases is current: a resharding writes the next one.
    var generation: Int
    /// Where the dataset lives (its regions), as recorded on this node.
    public var placement: DatasetPlacement
    /// The synonyms searches apply (``SynonymRules``).
    public var synonyms: SynonymRules

    init(orgID: String, datasetID: String, shardCount: Int, createdAt: Date, storageID: String, generation: Int = 0,
         placement: DatasetPlacement = DatasetPlacement(), synonyms: SynonymRules = .empty) {
        self.synonyms = synonyms
        self.orgID = orgID
        self.datasetID = datasetID
        self.shardCount = shardCount
        self.createdAt = createdAt
        self.storageID = storageID
        self.generation = generation
        self.placement = placement
    }
}

/// The regions that hold a dataset. The engine stores it and never acts on it: which node
/// writes and which copies follow is the cluster's business.
public struct DatasetPlacement: Sendable, Equatable, Codable {
    /// Nil for datasets created before regions were recorded: they belong to the node's own region.
    public var primaryRegion: String?
    public var replicaRegions: [String]
    /// The primary's epoch; log entries written under it carry it.
    public var epoch: Int
    /// Identifies one creation of the dataset across the cluster, so that a copy of a
    /// deleted dataset is never mistaken for a copy of a new one with the same id.
    public var uid: String?

    public init(primaryRegion: String? = nil, replicaRegions: [String] = [], epoch: Int = 1, uid: String? = nil) {
        self.primaryRegion = primaryRegion
        self.replicaRegions = replicaRegions
        self.epoch = epoch
        self.uid = uid
    }
}

/// Counts and sizes of one dataset, summed over its shards.
public struct DatasetStats: Sendable, Equatable, Codable {
    public var files: Int
    public var sections: Int
    /// Bytes of file content as uploaded.
    public var contentBytes: Int
    /// Bytes of the files' metadata as stored (JSON text).
    public var metadataBytes: Int
    /// Bytes on disk of all the dataset's databases (content, sections and index; both
    /// generations while it is being resharded).
    public var diskBytes: Int
    /// The highest operation-log sequence number of each shard, in shard order.
    public var shardSequences: [Int64]
}

/// A dataset's identity across the engine's API: its org and id.
public struct DatasetKey: Hashable, Sendable, Codable {
    public var org: String
    public var id: String

    public init(org: String, id: String) {
        self.org = org
        self.id = id
    }
}
