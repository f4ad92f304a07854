import EyecrestEngine
import Foundation

/// Body of `POST /v1/datasets/{datasetId}`. Regions, `waitForReplication` and `provider`
/// are accepted for compatibility with the original eyecrest API: regions are echoed back,
/// and on a single node there is nothing to wait for and one storage provider.
struct CreateDatasetRequest: Decodable {
    var shards: Int?
    var primaryRegion: String?
    var replicaRegions: [String]?
    var waitForReplication: Bool?
    /// `sqlite`, `upstash` or `neon` in the original; ignored.
    var provider: String?
}

struct DatasetStatsBody: Codable {
    var files: Int
    var sections: Int
    var contentBytes: Int
    var diskBytes: Int
    var shardSequences: [Int64]

    init(_ stats: DatasetStats) {
        files = stats.files
        sections = stats.sections
        contentBytes = stats.contentBytes
        diskBytes = stats.diskBytes
        shardSequences = stats.shardSequences
    }
}

/// A dataset as every dataset route shows it.
struct DatasetBody: Codable {
    var datasetId: String
    var orgId: String
    var shards: Int
    var primaryRegion: String
    var replicaRegions: [String]
    /// The region of the node that answered.
    var region: String
    var createdAt: Date
    /// Only in the answer to a create: whether this call created it.
    var created: Bool?
    /// Only in `GET /v1/datasets/{datasetId}`.
    var stats: DatasetStatsBody?

    /// `primaryRegion` defaults to `region`, the answering node's.
    init(
        _ config: DatasetConfig, region: String, primaryRegion: String? = nil, replicaRegions: [String] = [], created: Bool? = nil,
        stats: DatasetStats? = nil
    ) {
        datasetId = config.datasetID
        orgId = config.orgID
        shards = config.shardCount
        self.primaryRegion = primaryRegion ?? region
        self.replicaRegions = replicaRegions
        self.region = region
        createdAt = config.createdAt
        self.created = created
        self.stats = stats.map(DatasetStatsBody.init)
    }
}

struct DatasetListBody: Codable { var datasets: [DatasetBody] }

struct DeletedDatasetBody: Codable {
    var datasetId: String
    var deleted: Bool
}

/// `GET /v1/datasets/{datasetId}/size`: the original eyecrest's fields, then ours.
struct DatasetSizeBody: Codable {
    /// Where the bytes of ``totalSizeBytes`` go.
    struct Breakdown: Codable {
        /// Bytes on disk of the dataset's databases (with their write-ahead logs): content,
        /// metadata, sections and the full-text index. The same as ``totalSizeBytes``.
        var databaseSizeBytes: Int
        /// Bytes of file content as uploaded (stored inside the databases).
        var contentSizeBytes: Int
        /// Bytes of the files' metadata as stored JSON text (inside the databases).
        var metadataSizeBytes: Int
    }

    /// Bytes on disk: what the dataset costs to keep.
    var totalSizeBytes: Int
    /// Bytes of file content as uploaded.
    var uploadedContentSizeBytes: Int
    var fileCount: Int
    var sectionCount: Int
    var breakdown: Breakdown
    var datasetId: String
    var shards: Int
    var files: Int
    var sections: Int
    var contentBytes: Int
    var diskBytes: Int

    init(datasetId: String, shards: Int, stats: DatasetStats) {
        totalSizeBytes = stats.diskBytes
        uploadedContentSizeBytes = stats.contentBytes
        fileCount = stats.files
        sectionCount = stats.sections
        breakdown = Breakdown(databaseSizeBytes: stats.diskBytes, contentSizeBytes: stats.contentBytes, metadataSizeBytes: stats.metadataBytes)
        self.datasetId = datasetId
        self.shards = shards
        files = stats.files
        sections = stats.sections
        contentBytes = stats.contentBytes
        diskBytes = stats.diskBytes
    }
}
