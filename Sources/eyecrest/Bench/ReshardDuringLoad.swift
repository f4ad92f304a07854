import EyecrestAPI
import EyecrestClient
import Foundation
import Synchronization

/// `eyecrest load --reshard-to M`: a resharding started a third of the way into the load,
/// followed until it is done, so that latencies before and during the move can be told
/// apart. Workers ask ``window`` when each request starts.
final class ReshardDuringLoad: Sendable {
    enum Window: Int, Sendable { case before, during, after }

    private let state = Atomic<Int>(Window.before.rawValue)
    let target: Int

    init(target: Int) { self.target = target }

    var window: Window { Window(rawValue: state.load(ordering: .relaxed)) ?? .before }

    /// What the resharding did, for the report.
    struct Outcome: Codable, Sendable {
        var from: Int
        var to: Int
        var files: Int
        var seconds: Double
        var finished: Bool
    }

    /// Waits `delay`, starts the resharding and polls the dataset every 250 ms until it has
    /// switched or `deadline` passes.
    func run(_ client: EyecrestClient, dataset: String, after delay: Duration, until deadline: ContinuousClock.Instant) async throws -> Outcome {
        try await Task.sleep(for: delay)
        let started = ContinuousClock.now
        state.store(Window.during.rawValue, ordering: .relaxed)
        defer { state.store(Window.after.rawValue, ordering: .relaxed) }
        let answer = try await client.reshard(dataset, shards: target)
        guard let resharding = answer.resharding else {
            return Outcome(from: answer.shards, to: target, files: 0, seconds: 0, finished: true)
        }
        var view = answer
        while view.resharding != nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            view = try await client.dataset(dataset)
        }
        return Outcome(
            from: resharding.from, to: resharding.to, files: resharding.filesToMove, seconds: (ContinuousClock.now - started).seconds,
            finished: view.resharding == nil)
    }
}
