import Foundation

/// Body of `POST /v1/datasets/{datasetId}`. Regions, `waitForReplication` and `provider`
/// are the original eyecrest API's: accepted; regions are echoed back, and on a single
/// node there is nothing to wait for and one storage provider.
public struct CreateDatasetRequest: Codable, Equatable, Sendable, WireSchema {
    public var shards: Int?
    public var primaryRegion: String?
    public var replicaRegions: [String]?
    public var waitForReplication: Bool?
    /// `sqlite`, `upstash` or `neon` in the original; ignored.
    public var provider: String?

    public init(
        shards: Int? = nil, primaryRegion: String? = nil, replicaRegions: [String]? = nil, waitForReplication: Bool? = nil,
        provider: String? = nil
    ) {
        self.shards = shards
        self.primaryRegion = primaryRegion
        self.replicaRegions = replicaRegions
        self.waitForReplication = waitForReplication
        self.provider = provider
    }

    public static let fieldNotes: [String: FieldNote] = [
        "shards": FieldNote(
            "Default 1 for a new dataset. Another count for an existing dataset starts resharding it online (202).", ["minimum": 1, "maximum": 256]),
        "replicaRegions": FieldNote(nil, ["maxItems": 32]),
        "waitForReplication": FieldNote("Accepted for compatibility; a single node has no replicas to wait for."),
        "provider": FieldNote("The original eyecrest API's storage provider (sqlite, upstash, neon): accepted and ignored."),
    ]
}

/// Counts and sizes of a dataset, in `GET /v1/datasets/{datasetId}`.
public struct DatasetStats: Codable, Equatable, Sendable, WireSchema {
    public var files: Int
    public var sections: Int
    /// Bytes of file content as uploaded.
    public var contentBytes: Int
    /// Bytes on disk of the dataset's databases.
    public var diskBytes: Int
    /// The highest operation-log sequence number of each shard.
    public var shardSequences: [Int64]

    public init(files: Int, sections: Int, contentBytes: Int, diskBytes: Int, shardSequences: [Int64]) {
        self.files = files
        self.sections = sections
        self.contentBytes = contentBytes
        self.diskBytes = diskBytes
        self.shardSequences = shardSequences
    }

    public static let fieldNotes: [String: FieldNote] = ["shardSequences": FieldNote("Highest operation-log sequence number per shard.")]
}

/// A dataset's configuration, as every dataset route returns it.
public struct Dataset: Codable, Equatable, Sendable, WireSchema {
    public var datasetId: String
    public var orgId: String
    public var shards: Int
    public var primaryRegion: String
    public var replicaRegions: [String]
    /// The region of the node that answered.
    public var region: String
    public var createdAt: Date
    /// Only in the answer to a create: whether this call created it.
    public var created: Bool?
    /// Only in `GET /v1/datasets/{datasetId}`.
    public var stats: DatasetStats?
    /// Only in `GET /v1/datasets/{datasetId}` in a cluster: each replica's progress.
    public var replicas: [ReplicaStatus]?
    /// Only while the dataset is being resharded (`shards` is the count until the switch).
    public var resharding: ReshardingStatus?

    public init(
        datasetId: String, orgId: String, shards: Int, primaryRegion: String, replicaRegions: [String], region: String, createdAt: Date,
        created: Bool? = nil, stats: DatasetStats? = nil
    ) {
        self.datasetId = datasetId
        self.orgId = orgId
        self.shards = shards
        self.primaryRegion = primaryRegion
        self.replicaRegions = replicaRegions
        self.region = region
        self.createdAt = createdAt
        self.created = created
        self.stats = stats
    }

    public static let fieldNotes: [String: FieldNote] = [
        "region": FieldNote("The region of the node that answered."),
        "created": FieldNote("Only in the answer to a create."),
        "resharding": FieldNote("Only while the dataset is being resharded; `shards` is the old count until the switch."),
    ]
}

/// `GET /v1/datasets`.
public struct DatasetList: Codable, Equatable, Sendable, WireSchema {
    public var datasets: [Dataset]

    public init(datasets: [Dataset]) { self.datasets = datasets }
}

/// `DELETE /v1/datasets/{datasetId}`.
public struct DeletedDataset: Codable, Equatable, Sendable, WireSchema {
    public var datasetId: String
    public var deleted: Bool

    public init(datasetId: String, deleted: Bool) {
        self.datasetId = datasetId
        self.deleted = deleted
    }
}

/// `GET /v1/datasets/{datasetId}/size`: the original eyecrest API's fields first, then
/// eyecrest's own.
public struct DatasetSize: Codable, Equatable, Sendable, WireSchema {
    /// Where the bytes of ``DatasetSize/totalSizeBytes`` go.
    public struct Breakdown: Codable, Equatable, Sendable, WireSchema {
        /// Bytes on disk of the dataset's databases with their write-ahead logs (content,
        /// metadata, sections, index): the same as ``DatasetSize/totalSizeBytes``.
        public var databaseSizeBytes: Int
        /// Bytes of file content as uploaded (stored inside the databases).
        public var contentSizeBytes: Int
        /// Bytes of the files' metadata as stored JSON text (inside the databases).
        public var metadataSizeBytes: Int

        public init(databaseSizeBytes: Int, contentSizeBytes: Int, metadataSizeBytes: Int) {
            self.databaseSizeBytes = databaseSizeBytes
            self.contentSizeBytes = contentSizeBytes
            self.metadataSizeBytes = metadataSizeBytes
        }

        public static let schemaName = "DatasetSizeBreakdown"
        public static let fieldNotes: [String: FieldNote] = [
            "databaseSizeBytes": FieldNote(
                "Bytes on disk of the dataset's databases with their write-ahead logs (content, metadata, sections, index): the same as totalSizeBytes."),
            "contentSizeBytes": FieldNote("Bytes of file content as uploaded, stored inside the databases."),
            "metadataSizeBytes": FieldNote("Bytes of the files' metadata as stored JSON text, inside the databases."),
        ]
    }

    /// Bytes on disk: what the dataset costs to keep.
    public var totalSizeBytes: Int
    /// Bytes of file content as uploaded.
    public var uploadedContentSizeBytes: Int
    public var fileCount: Int
    public var sectionCount: Int
    public var breakdown: Breakdown
    public var datasetId: String
    public var shards: Int
    public var files: Int
    public var sections: Int
    public var contentBytes: Int
    public var diskBytes: Int

    /// The original's fields are the same numbers as eyecrest's own under their names.
    public init(datasetId: String, shards: Int, files: Int, sections: Int, contentBytes: Int, metadataBytes: Int, diskBytes: Int) {
        totalSizeBytes = diskBytes
        uploadedContentSizeBytes = contentBytes
        fileCount = files
        sectionCount = sections
        breakdown = Breakdown(databaseSizeBytes: diskBytes, contentSizeBytes: contentBytes, metadataSizeBytes: metadataBytes)
        self.datasetId = datasetId
        self.shards = shards
        self.files = files
        self.sections = sections
        self.contentBytes = contentBytes
        self.diskBytes = diskBytes
    }

    public static let fieldNotes: [String: FieldNote] = [
        "totalSizeBytes": FieldNote("Bytes on disk."),
        "uploadedContentSizeBytes": FieldNote("Bytes of file content as uploaded."),
    ]
}
