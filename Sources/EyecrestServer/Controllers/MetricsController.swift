import Hummingbird

/// `GET /metrics`: Prometheus text exposition format.
struct MetricsController {
    let metrics: ServerMetrics

    func register(_ routes: RouteRegistrar) {
        let metrics = self.metrics
        routes.on(.get, "/metrics") { _, _ in
            JSONResponse.text(metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
