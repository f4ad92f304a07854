import CoreMetrics
import Metrics
import EyecrestEngine
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into a Prometheus registry that
/// belongs to this server (not the process-wide `MetricsSystem`), so several servers in
/// one test process never share or double-bootstrap counters.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    /// Datasets whose resharding progress the last scrape reported.
    let reshardingsReported = Mutex<Set<DatasetKey>>([])

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Search latency lives in the low milliseconds: finer buckets than the defaults.
        factory.durationHistogramBuckets["eyecrest_search_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
        self.factory = factory
    }

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "eyecrest_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "eyecrest_http_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .record(duration: duration)
    }

    func recordSearch(duration: Duration) {
        Timer(label: "eyecrest_search_duration_seconds", dimensions: [], factory: factory).record(duration: duration)
    }

    /// Files and sections of one dataset, refreshed whenever the server learns them
    /// (stats, size, upserts, deletes).
    func recordDataset(org: String, dataset: String, files: Int, sections: Int) {
        let dimensions = [("org", org), ("dataset", dataset)]
        Gauge(label: "eyecrest_dataset_files", dimensions: dimensions, factory: factory).record(files)
        Gauge(label: "eyecrest_dataset_sections", dimensions: dimensions, factory: factory).record(sections)
    }

    /// A deleted dataset's gauges drop to zero (the registry cannot forget a label set
    /// through swift-metrics without keeping every handle).
    func forgetDataset(org: String, dataset: String) {
        recordDataset(org: org, dataset: dataset, files: 0, sections: 0)
    }

    /// The largest lag of one replica region over the datasets this node is primary of.
    func recordReplicationLag(region: String, entries: Int64, seconds: Double) {
        Gauge(label: "eyecrest_replication_lag_entries", dimensions: [("region", region)], factory: factory).record(entries)
        Gauge(label: "eyecrest_replication_lag_seconds", dimensions: [("region", region)], factory: factory).record(seconds)
    }

    /// The Prometheus text exposition of everything recorded, each family with its
    /// `# HELP` and `# TYPE`, then the process's own figures and the build.
    public func render() -> String { MetricsHelp.annotate(registry.emitToString()) + ProcessMetrics.exposition() }
}
