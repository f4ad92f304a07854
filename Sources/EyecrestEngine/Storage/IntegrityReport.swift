/// What ``Engine/checkIntegrity()`` found in a data directory.
///
/// A problem is something stored that contradicts the engine's own invariants: a
/// database SQLite calls damaged, an index that differs from its rebuild, a file whose sections differ from a fresh
/// chunking of its content (half-indexed), a SHA that does not match the content, rows
/// that belong to nothing. Each is one line of text naming where it is, for example
/// `acme/docs shard 1, file 'guide.md': section 3 of 4 (slug 'install', part 0): endLine is '12', expected '11'`.
public struct IntegrityReport: Sendable, Equatable {
    /// Datasets in the catalog whose shards could be opened and checked.
    public var datasets = 0
    /// Shard databases checked.
    public var shards = 0
    /// File rows checked, each re-chunked and compared with its stored sections.
    public var files = 0
    /// Section rows checked.
    public var sections = 0
    /// Human-readable problems, in dataset and shard order; empty when all is well.
    public var problems: [String] = []

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    public init() {}
}
