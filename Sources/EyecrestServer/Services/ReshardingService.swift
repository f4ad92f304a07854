import EyecrestEngine
import ServiceLifecycle

/// Resumes the reshardings a stop or a crash interrupted when the server starts, and
/// stops them (their state kept, resumed at the next start) when it shuts down.
struct ReshardingService: Service {
    let engine: Engine

    func run() async throws {
        engine.resumeResharding()
        try? await gracefulShutdown()
        engine.stopResharding()
    }
}
