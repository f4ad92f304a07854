import EyecrestEngine

extension Cluster {
    /// Publishes a dataset's synonyms, just set on this node (its primary), in the
    /// dataset's etcd record, from which every replica's node copies them
    /// (``sync()``). When etcd cannot be reached the rules stay local until a later sync
    /// sees the record differ and publishes them again.
    public func publishSynonyms(_ key: DatasetKey, _ rules: SynonymRules) async {
        for _ in 0..<3 {
            do {
                guard let current = try await directory.metadata.placement(org: key.org, dataset: key.id),
                    current.primaryRegion == region
                else { return }
                guard current.synonymRules != rules else { return }
                var updated = current
                updated.synonyms = rules.isEmpty ? nil : rules
                if try await directory.metadata.replacePlacement(current, with: updated) {
                    directory.remember(updated)
                    announcePlacementChange()
                    return
                }
            } catch {
                logger.warning("could not publish synonyms; a later sync will", metadata: ["dataset": "\(key.id)", "error": "\(error)"])
                return
            }
        }
    }
}
