import EyecrestCluster
import EyecrestEngine
import Hummingbird

/// `GET /metrics`: Prometheus text exposition format.
struct MetricsController {
    let metrics: ServerMetrics
    let cluster: Cluster?
    let engine: Engine

    func register(_ routes: RouteRegistrar) {
        let (metrics, cluster, engine) = (self.metrics, self.cluster, self.engine)
        routes.on(.get, "/metrics") { _, _ in
            if let running = try? engine.reshardings() { metrics.recordReshardings(running) }
            // Replication lag is measured when scraped: it grows while nothing happens.
            if let cluster {
                for (region, lag) in await cluster.lagByRegion() {
                    metrics.recordReplicationLag(region: region, entries: lag.entries, seconds: lag.seconds)
                }
            }
            return JSONResponse.text(metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
