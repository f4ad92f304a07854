import EyecrestEngine
import Foundation

/// Body of `POST /v1/datasets/{datasetId}`. Regions are accepted for compatibility with
/// the original eyecrest API and echoed back; this node is single-region.
struct CreateDatasetRequest: Decodable {
    var shards: Int?
    var primaryRegion: String?
    var replicaRegions: [String]?
    var waitForReplication: Bool?
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
    var createdAt: Date
    /// Only in the answer to a create: whether this call created it.
    var created: Bool?
    /// Only in `GET /v1/datasets/{datasetId}`.
    var stats: DatasetStatsBody?

    init(_ config: DatasetConfig, region: String, replicaRegions: [String] = [], created: Bool? = nil, stats: DatasetStats? = nil) {
        datasetId = config.datasetID
        orgId = config.orgID
        shards = config.shardCount
        primaryRegion = region
        self.replicaRegions = replicaRegions
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

struct DatasetSizeBody: Codable {
    var datasetId: String
    var shards: Int
    var files: Int
    var sections: Int
    var contentBytes: Int
    var diskBytes: Int
}
