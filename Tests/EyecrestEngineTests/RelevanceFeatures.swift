import Testing

/// The relevance features' suites (typo tolerance, synonyms, identifiers, CJK), one
/// after another: each loads real corpora, and run side by side at the start of the
/// whole run they starved the timing-sensitive tests of the two cores.
@Suite("Relevance features", .serialized)
struct RelevanceFeatures {}
