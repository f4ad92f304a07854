import Hummingbird

/// `GET /health`: 200 once the server serves. The engine is opened before the server
/// binds its port, so a server that answers at all is ready.
struct HealthController {
    struct Health: Codable { var status: String }

    func register(_ routes: RouteRegistrar) {
        routes.on(.get, "/health") { _, _ in JSONResponse.make(Health(status: "ok")) }
    }
}
