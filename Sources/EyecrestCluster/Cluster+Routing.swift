import EyecrestEngine

/// Which node answers a request for a dataset.
public enum Route: Sendable, Equatable {
    /// This node.
    case local
    /// The node of `region`, at `url`.
    case forward(region: String, url: String)
}

extension Cluster {
    /// Writes go to the primary. A dataset without a placement is this node's own (or
    /// does not exist, which this node then answers).
    public func routeWrite(_ key: DatasetKey) async throws -> Route {
        guard let placement = try await knownPlacement(key), placement.primaryRegion != region else { return .local }
        return try await forward(to: placement.primaryRegion)
    }

    /// Reads go to the nearest region that holds the dataset: the one `x-force-region`
    /// names; else this node when it is the primary or a caught-up replica (that has
    /// reached `minPosition`, waiting briefly for it); else the nearest holder, or the
    /// primary when a position is asked for or the request was already forwarded once.
    public func routeRead(_ key: DatasetKey, forcedRegion: String?, hops: Int, minPosition: WritePosition?) async throws -> Route {
        guard let placement = try await knownPlacement(key) else { return .local }
        let holders = [placement.primaryRegion] + placement.replicaRegions
        if let forced = forcedRegion {
            guard holders.contains(forced) else {
                throw ClusterError.misdirected(dataset: key.id, requested: forced, holders: holders)
            }
            return forced == region || hops > 0 ? .local : try await forward(to: forced)
        }
        if placement.primaryRegion == region || hops >= 2 { return .local }
        if placement.replicaRegions.contains(region), isReadyReplica(key) {
            guard let minPosition else { return .local }
            if await awaitPosition(key, minPosition) { return .local }
            return try await forward(to: placement.primaryRegion)
        }
        if minPosition != nil || hops > 0 { return try await forward(to: placement.primaryRegion) }
        let others = directory.nearest(holders.filter { $0 != region }, order: settings.regionOrder)
        for candidate in others {
            if let url = await directory.resolveURL(of: candidate) { return .forward(region: candidate, url: url) }
        }
        throw ClusterError.regionUnavailable(placement.primaryRegion)
    }

    /// The URL of `region`'s live node; nil when it has none.
    public func memberURL(_ region: String) async -> String? {
        await directory.resolveURL(of: region)
    }

    /// The regions holding `key` (primary first); nil when it has no placement.
    public func holders(_ key: DatasetKey) async throws -> [String]? {
        try await knownPlacement(key).map { [$0.primaryRegion] + $0.replicaRegions }
    }

    func knownPlacement(_ key: DatasetKey) async throws -> Placement? {
        do {
            return try await directory.placement(key)
        } catch {
            throw ClusterError.metadataUnavailable
        }
    }

    private func forward(to target: String) async throws -> Route {
        guard let url = await directory.resolveURL(of: target) else { throw ClusterError.regionUnavailable(target) }
        return .forward(region: target, url: url)
    }
}
