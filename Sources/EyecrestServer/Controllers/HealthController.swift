import EyecrestAPI
import EyecrestEngine
import Hummingbird

/// `GET /health`: 200 `{"status": "ok"}` while the server serves.
///
/// At start the server opens its datasets, building each one's in-memory index from
/// SQLite (``WarmUpService``); until that is done the answer is 503 `{"status":
/// "loading", "datasetsLoaded": …, "datasetsToLoad": …}` with `Retry-After: 1`, so that
/// a load balancer sends no search before the indexes are built. Requests are served
/// meanwhile: a dataset not loaded yet is opened by its first request.
///
/// When the engine ran out of file descriptors, memory or disk within the last
/// ``recentExhaustion`` seconds, the answer is 503 `{"status": "degraded", "reason": …}`,
/// so a load balancer or supervisor sees what the failing requests saw. Open shard
/// databases and their limit are reported either way.
struct HealthController {
    static let recentExhaustion: Int64 = 60
    let engine: Engine

    func register(_ routes: RouteRegistrar) {
        routes.on(.get, "/health") { _, _ in
            let health = engine.health
            if let loading = health.loading {
                var response = JSONResponse.make(
                    Health.loading(
                        loading.loaded, of: loading.total, openShards: health.openShards, maxOpenShards: health.maxOpenShards,
                        version: BuildInfo.version),
                    status: .serviceUnavailable)
                response.headers[.retryAfter] = "1"
                return response
            }
            if let seconds = health.secondsSinceResourceExhaustion, seconds < Self.recentExhaustion {
                var response = JSONResponse.make(
                    Health(
                        status: "degraded", reason: health.resourceExhaustion, openShards: health.openShards, maxOpenShards: health.maxOpenShards,
                        version: BuildInfo.version),
                    status: .serviceUnavailable)
                response.headers[.retryAfter] = "1"
                return response
            }
            return JSONResponse.make(Health(status: "ok", openShards: health.openShards, maxOpenShards: health.maxOpenShards, version: BuildInfo.version))
        }
    }
}
