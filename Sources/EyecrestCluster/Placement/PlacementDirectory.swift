import EyecrestEngine
import Foundation
import Synchronization

/// This node's copy of the cluster's metadata: the live members and every dataset's
/// placement, refreshed from etcd every sync and on demand. When etcd is unreachable the
/// copy stays as it was, so datasets whose placement is known keep working.
final class PlacementDirectory: Sendable {
    private struct State {
        var placements: [DatasetKey: Placement] = [:]
        var members: [String: String] = [:]
        var roundTrips: [String: Duration] = [:]
    }

    let metadata: any ClusterMetadata
    private let state = Mutex(State())

    init(metadata: any ClusterMetadata) {
        self.metadata = metadata
    }

    /// The placement of `key`: from the copy, else from etcd. Throws only when etcd
    /// cannot be asked and the copy does not know.
    func placement(_ key: DatasetKey) async throws -> Placement? {
        if let known = state.withLock({ $0.placements[key] }) { return known }
        let fetched = try await metadata.placement(org: key.org, dataset: key.id)
        if let fetched { remember(fetched) }
        return fetched
    }

    /// Re-reads the placement of `key` from etcd (after this node changed it, say).
    func refresh(_ key: DatasetKey) async throws -> Placement? {
        let fetched = try await metadata.placement(org: key.org, dataset: key.id)
        state.withLock { $0.placements[key] = fetched }
        return fetched
    }

    func remember(_ placement: Placement) {
        state.withLock { $0.placements[DatasetKey(org: placement.org, id: placement.dataset)] = placement }
    }

    func forget(_ key: DatasetKey) {
        state.withLock { _ = $0.placements.removeValue(forKey: key) }
    }

    /// Replaces the copy with what etcd holds now.
    func reload() async throws -> (placements: [Placement], members: [ClusterMember]) {
        let members = try await metadata.members()
        let placements = try await metadata.placements()
        state.withLock { state in
            state.members = Dictionary(members.map { ($0.region, $0.url) }, uniquingKeysWith: { first, _ in first })
            state.placements = Dictionary(placements.map { (DatasetKey(org: $0.org, id: $0.dataset), $0) }, uniquingKeysWith: { first, _ in first })
        }
        return (placements, members)
    }

    func url(of region: String) -> String? {
        state.withLock { $0.members[region] }
    }

    /// The URL of `region`'s node, asking etcd when the copy does not know it (a node
    /// that joined since the last sync).
    func resolveURL(of region: String) async -> String? {
        if let known = url(of: region) { return known }
        guard let members = try? await metadata.members() else { return nil }
        state.withLock { state in
            for member in members { state.members[member.region] = member.url }
        }
        return url(of: region)
    }

    var members: [String: String] { state.withLock { $0.members } }

    func recordRoundTrip(_ region: String, _ duration: Duration) {
        state.withLock { $0.roundTrips[region] = duration }
    }

    /// `regions` nearest first: the configured order, then measured round trips, then name.
    func nearest(_ regions: [String], order: [String]) -> [String] {
        let trips = state.withLock { $0.roundTrips }
        return regions.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? Int.max, ib = order.firstIndex(of: b) ?? Int.max
            if ia != ib { return ia < ib }
            let ta = trips[a] ?? .seconds(3_600), tb = trips[b] ?? .seconds(3_600)
            if ta != tb { return ta < tb }
            return a < b
        }
    }
}
