import CoreMetrics
import EyecrestEngine
import Metrics

extension ServerMetrics {
    /// The reshardings running on this node, measured when scraped: each dataset's files
    /// moved and to move, and how many run. A dataset whose resharding ended drops to
    /// zero (the registry cannot forget a label set; see ``forgetDataset(org:dataset:)``).
    func recordReshardings(_ running: [(key: DatasetKey, state: Resharding)]) {
        let current = Set(running.map(\.key))
        let ended = reshardingsReported.withLock { reported in
            defer { reported = current }
            return reported.subtracting(current)
        }
        for (key, state) in running { recordResharding(key, moved: state.filesMoved, toMove: state.filesToMove) }
        for key in ended { recordResharding(key, moved: 0, toMove: 0) }
        Gauge(label: "eyecrest_reshardings_running", dimensions: [], factory: factory).record(running.count)
    }

    private func recordResharding(_ key: DatasetKey, moved: Int, toMove: Int) {
        let dimensions = [("org", key.org), ("dataset", key.id)]
        Gauge(label: "eyecrest_resharding_files_moved", dimensions: dimensions, factory: factory).record(moved)
        Gauge(label: "eyecrest_resharding_files_to_move", dimensions: dimensions, factory: factory).record(toMove)
    }
}
