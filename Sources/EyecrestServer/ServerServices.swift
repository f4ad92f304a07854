import EyecrestAPI
import EyecrestCluster
import EyecrestEngine
import Logging

/// What the controllers share: the engine, metrics and limits, and the cluster when the
/// node is part of one. Built once per server.
public struct ServerServices: Sendable {
    public let engine: Engine
    public let metrics: ServerMetrics
    public let configuration: ServerConfiguration
    public let cluster: Cluster?

    public init(engine: Engine, metrics: ServerMetrics, configuration: ServerConfiguration, cluster: Cluster? = nil) {
        self.engine = engine
        self.metrics = metrics
        self.configuration = configuration
        self.cluster = cluster
    }

    /// Refreshes the per-dataset gauges; a failure here must not fail the request.
    func refreshDatasetGauges(org: String, dataset: String) async {
        guard let stats = try? await engine.stats(org: org, dataset: dataset) else { return }
        metrics.recordDataset(org: org, dataset: dataset, files: stats.files, sections: stats.sections)
    }

    /// What a write's answer says of its position and replication: in a cluster, after
    /// waiting for the replicas when `wait` (the original API's default); on one node,
    /// the position alone. The write is committed whatever this finds, so it never fails
    /// the request: nil when even the position cannot be read.
    func replication(org: String, dataset: String, wait: Bool?) async -> WriteReplication? {
        let key = DatasetKey(org: org, id: dataset)
        if let cluster {
            return (try? await cluster.afterWrite(key, wait: wait ?? true)).map(WriteReplication.init)
        }
        guard let config = try? await engine.dataset(org: org, id: dataset),
            let positions = try? await engine.logPositions(org: org, dataset: dataset)
        else { return nil }
        return WriteReplication(ReplicationOutcome(position: WritePosition(epoch: config.placement.epoch, positions)))
    }
}
