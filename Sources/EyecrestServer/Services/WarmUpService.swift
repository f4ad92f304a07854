import EyecrestEngine
import ServiceLifecycle

/// Opens every dataset when the server starts (``Engine/warmUp()``), so their indexes
/// are built before the first searches; `/health` answers `loading` meanwhile.
struct WarmUpService: Service {
    let engine: Engine

    func run() async throws {
        await cancelWhenGracefulShutdown { await engine.warmUp() }
        try? await gracefulShutdown()
    }
}
