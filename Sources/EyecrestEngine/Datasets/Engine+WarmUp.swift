import Foundation

extension Engine {
    /// Opens every dataset, by org and name, so that the first search of each finds its
    /// index built (``SectionIndex`` is rebuilt from SQLite when a shard opens). Stops
    /// before the open shards would exceed the limit: the rest open on first use, as
    /// they always may. ``health`` reports the progress while it runs.
    public func warmUp() async {
        let datasets = (try? catalog.allDatasets()) ?? []
        warming.withLock { $0 = WarmUpProgress(loaded: 0, total: datasets.count) }
        defer { warming.withLock { $0 = nil } }
        var shardsOpened = 0
        for config in datasets {
            guard shardsOpened + config.shardCount <= registry.maxOpenShards, !Task.isCancelled else { break }
            if let handle = try? await lease(org: config.orgID, id: config.datasetID) {
                handle.release()
                shardsOpened += config.shardCount
            }
            warming.withLock { $0?.loaded += 1 }
        }
    }
}

/// Datasets opened so far by ``Engine/warmUp()``, and how many there are.
public struct WarmUpProgress: Sendable, Equatable {
    public var loaded: Int
    public var total: Int
}
