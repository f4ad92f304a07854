import EyecrestAPI
import EyecrestEngine
import Foundation

extension Dataset {
    /// A dataset as every dataset route shows it; `primaryRegion` defaults to `region`,
    /// the answering node's.
    init(
        _ config: DatasetConfig, region: String, primaryRegion: String? = nil, replicaRegions: [String] = [], created: Bool? = nil,
        stats: EyecrestEngine.DatasetStats? = nil
    ) {
        self.init(
            datasetId: config.datasetID, orgId: config.orgID, shards: config.shardCount, primaryRegion: primaryRegion ?? region,
            replicaRegions: replicaRegions, region: region, createdAt: config.createdAt, created: created,
            stats: stats.map(EyecrestAPI.DatasetStats.init))
    }
}

extension EyecrestAPI.DatasetStats {
    init(_ stats: EyecrestEngine.DatasetStats) {
        self.init(
            files: stats.files, sections: stats.sections, contentBytes: stats.contentBytes, diskBytes: stats.diskBytes,
            shardSequences: stats.shardSequences)
    }
}

extension DatasetSize {
    init(datasetId: String, shards: Int, stats: EyecrestEngine.DatasetStats) {
        self.init(
            datasetId: datasetId, shards: shards, files: stats.files, sections: stats.sections, contentBytes: stats.contentBytes,
            metadataBytes: stats.metadataBytes, diskBytes: stats.diskBytes)
    }
}
