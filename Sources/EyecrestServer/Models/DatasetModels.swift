import EyecrestAPI
import EyecrestCluster
import EyecrestEngine
import Foundation

extension Dataset {
    /// A dataset as every dataset route shows it; a dataset recorded without a primary
    /// region (created before regions were stored) belongs to `region`, the answering node's.
    init(_ config: DatasetConfig, region: String, created: Bool? = nil, stats: EyecrestEngine.DatasetStats? = nil) {
        self.init(
            datasetId: config.datasetID, orgId: config.orgID, shards: config.shardCount,
            primaryRegion: config.placement.primaryRegion ?? region, replicaRegions: config.placement.replicaRegions, region: region,
            createdAt: config.createdAt, created: created, stats: stats.map(EyecrestAPI.DatasetStats.init))
    }

    /// A dataset this node knows only from its placement (held in other regions).
    init(_ placement: Placement, region: String) {
        self.init(
            datasetId: placement.dataset, orgId: placement.org, shards: placement.shards, primaryRegion: placement.primaryRegion,
            replicaRegions: placement.replicaRegions, region: region, createdAt: placement.createdAt)
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

extension ReshardingStatus {
    init(_ state: Resharding) {
        self.init(
            from: state.from, to: state.to, phase: state.phase.rawValue, startedAt: state.startedAt, filesMoved: state.filesMoved,
            filesToMove: state.filesToMove,
            jobs: state.jobs.map { ReshardingJobStatus(shard: $0.shard, filesMoved: $0.filesMoved, filesToMove: $0.filesToMove, done: $0.done) })
    }
}
