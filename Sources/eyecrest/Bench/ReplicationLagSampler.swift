import EyecrestClient
import Foundation

/// Samples a replicated dataset's replica lag (`GET /v1/datasets/{id}`, answered by the
/// primary) every quarter second during `eyecrest load`: the largest lag of any replica
/// at each sample, in entries and seconds.
enum ReplicationLagSampler {
    struct Sample: Sendable {
        var entries: Int64
        var seconds: Double
    }

    static func sample(_ client: EyecrestClient, dataset: String, until deadline: ContinuousClock.Instant) async -> [Sample] {
        var samples: [Sample] = []
        while ContinuousClock.now < deadline {
            if let replicas = try? await client.dataset(dataset).replicas, !replicas.isEmpty {
                samples.append(Sample(entries: replicas.map(\.lagEntries).max() ?? 0, seconds: replicas.map(\.lagSeconds).max() ?? 0))
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return samples
    }
}
