import EyecrestEngine
import Logging

/// What the controllers share: the engine, metrics and limits. Built once per server.
public struct ServerServices: Sendable {
    public let engine: Engine
    public let metrics: ServerMetrics
    public let configuration: ServerConfiguration

    public init(engine: Engine, metrics: ServerMetrics, configuration: ServerConfiguration) {
        self.engine = engine
        self.metrics = metrics
        self.configuration = configuration
    }

    /// Refreshes the per-dataset gauges; a failure here must not fail the request.
    func refreshDatasetGauges(org: String, dataset: String) async {
        guard let stats = try? await engine.stats(org: org, dataset: dataset) else { return }
        metrics.recordDataset(org: org, dataset: dataset, files: stats.files, sections: stats.sections)
    }
}
