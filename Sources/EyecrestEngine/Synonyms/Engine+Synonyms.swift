extension Engine {
    /// The synonyms a dataset's searches apply.
    public func synonyms(org: String, id: String) async throws -> SynonymRules {
        try await withDataset(org: org, id: id) { $0.config.synonyms }
    }

    /// Replaces a dataset's synonyms, after checking them (``SynonymRules/validate()``).
    /// The open handle is retired, so the next search compiles the new rules.
    public func setSynonyms(org: String, id: String, _ rules: SynonymRules) async throws {
        try Validation.validateDatasetID(id)
        try rules.validate()
        let catalog = self.catalog
        let failures = self.failures
        try await exclusive(org: org, id: id) {
            guard try failures.translating({ try catalog.setSynonyms(org: org, id: id, rules) }) else {
                throw EngineError.datasetNotFound(id)
            }
        }
    }
}
