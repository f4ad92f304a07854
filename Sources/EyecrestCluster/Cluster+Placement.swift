import EyecrestEngine
import Foundation

extension Cluster {
    /// Records where a dataset lives, with the original eyecrest API's rules: the primary
    /// (this node's region by default) is immutable, replica regions can be changed, and
    /// every region must be a live member. Returns the placement now in etcd.
    public func place(_ key: DatasetKey, primary: String?, replicas: [String]?, shards: Int?) async throws -> Placement {
        let live: [String]
        let existing: Placement?
        do {
            live = try await directory.metadata.members().map(\.region)
            existing = try await directory.refresh(key)
        } catch {
            throw ClusterError.metadataUnavailable
        }
        if let existing {
            if let primary, primary != existing.primaryRegion { throw ClusterError.primaryImmutable(current: existing.primaryRegion) }
            guard let replicas, replicas != existing.replicaRegions else { return existing }
            try Self.validate(primary: existing.primaryRegion, replicas: replicas, live: live)
            var updated = existing
            updated.replicaRegions = replicas
            let replaced: Bool
            do { replaced = try await directory.metadata.replacePlacement(existing, with: updated) } catch { throw ClusterError.metadataUnavailable }
            // Changed meanwhile by another request: decide again against what is there now.
            guard replaced else { return try await place(key, primary: primary, replicas: replicas, shards: shards) }
            directory.remember(updated)
            announcePlacementChange()
            return updated
        }
        let primary = primary ?? region
        let replicas = replicas ?? []
        try Self.validate(primary: primary, replicas: replicas, live: live)
        let proposal = Placement(
            org: key.org, dataset: key.id, primaryRegion: primary, replicaRegions: replicas, shards: shards ?? 1, epoch: 1,
            uid: UUID().uuidString.lowercased(), createdAt: Date())
        let stored: (placement: Placement, created: Bool)
        do { stored = try await directory.metadata.createPlacement(proposal) } catch { throw ClusterError.metadataUnavailable }
        guard stored.created else { return try await place(key, primary: primary, replicas: replicas, shards: shards) }
        directory.remember(stored.placement)
        announcePlacementChange()
        return stored.placement
    }

    /// Forgets a deleted dataset's placement; its replicas remove their copies.
    public func removePlacement(_ key: DatasetKey) async throws {
        do { try await directory.metadata.removePlacement(org: key.org, dataset: key.id) } catch { throw ClusterError.metadataUnavailable }
        directory.forget(key)
        progress.forget(key)
        announcePlacementChange()
    }

    static func validate(primary: String, replicas: [String], live: [String]) throws(ClusterError) {
        var seen = Set<String>()
        for replica in replicas {
            guard replica != primary else {
                throw .invalidRegions("'\(replica.prefix(64))' is the primary region; replica regions must be other regions.")
            }
            guard seen.insert(replica).inserted else { throw .invalidRegions("Region '\(replica.prefix(64))' is named twice.") }
        }
        guard replicas.count + 1 <= live.count else { throw .tooManyRegions(requested: replicas.count + 1, live: live.count) }
        for named in [primary] + replicas where !live.contains(named) { throw .unknownRegion(named, live: live) }
    }
}
