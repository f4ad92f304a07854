import EyecrestEngine

/// The operator-tunable bounds on what one request may ask of the server. Each is checked
/// before any work is done (a body is never read past ``maxBodyBytes``, a batch is checked
/// whole before the engine sees it) and answered with 413 or 400 and a stable code.
///
/// Names (dataset ids, filenames) follow fixed rules in ``Validation`` instead: they reach
/// paths and keys, so loosening them is not a tuning decision.
public struct RequestLimits: Sendable, Equatable {
    /// The largest request body, in bytes (413 `payload_too_large`).
    public var maxBodyBytes = 32 * 1024 * 1024
    /// The most files one upsert or delete may name (413 `too_many_files`).
    public var maxFilesPerBatch = 1_000
    /// The largest single file in an upsert, in bytes of UTF-8 content (413 `file_too_large`).
    public var maxFileBytes = 8 * 1024 * 1024
    /// The longest search query, in bytes of UTF-8 (413 `query_too_long`).
    public var maxQueryBytes = 2_000
    /// The highest zero-based search page (400 `invalid_parameter`). Deep pages cost
    /// ranking `(page + 1) × perPage` rows on every shard.
    public var maxPage = 1_000
    /// The most hits one search page may ask for (400 `invalid_parameter`).
    public var maxPerPage = 100
    /// The longest snippet a search may ask for, in characters (400 `invalid_parameter`).
    public var maxSnippetLength = 2_000
    /// The largest `.tar.gz` an import reads, compressed: the body of `import/tar` or the
    /// fetched archive (413 `archive_too_large`).
    public var maxArchiveBytes = 128 * 1024 * 1024
    /// The most bytes an import decompresses, every entry and header counted: bounds the
    /// work a small, highly compressed archive can cause (413 `archive_too_large`). The
    /// markdown an import keeps is held in memory until it is stored, so this also bounds
    /// an import's memory.
    public var maxArchiveUncompressedBytes = 512 * 1024 * 1024
    /// The most entries (files, folders, links, of any kind) an archive may have (413
    /// `too_many_entries`). Every imported file goes to the engine in one batch, so this
    /// is also an import's batch limit; `maxFilesPerBatch` is for JSON batches.
    public var maxArchiveEntries = 100_000
    /// The largest size any one entry may declare (413 `archive_entry_too_large`).
    /// Markdown files over ``maxFileBytes`` are skipped as `too_large` instead; this bounds
    /// the rest. The default is GitHub's own per-file limit.
    public var maxArchiveEntryBytes = 100 * 1024 * 1024

    public init() {}

    /// The largest value each limit may be configured to: what the engine itself accepts.
    static var ceilings: [(name: String, keyPath: KeyPath<RequestLimits, Int>, range: ClosedRange<Int>)] {
        [
            ("max-body-bytes", \.maxBodyBytes, 1_024...(1 << 30)),
            ("max-files-per-batch", \.maxFilesPerBatch, 1...100_000),
            ("max-file-bytes", \.maxFileBytes, 1...(1 << 30)),
            ("max-query-bytes", \.maxQueryBytes, 1...SearchRequest.maxQueryLength),
            ("max-page", \.maxPage, 0...SearchRequest.pageRange.upperBound),
            ("max-per-page", \.maxPerPage, 1...SearchRequest.perPageRange.upperBound),
            ("max-snippet-length", \.maxSnippetLength, SearchRequest.snippetLengthRange),
            ("max-archive-bytes", \.maxArchiveBytes, 1_024...(1 << 36)),
            ("max-archive-uncompressed-bytes", \.maxArchiveUncompressedBytes, 1_024...(1 << 36)),
            ("max-archive-entries", \.maxArchiveEntries, 1...1_000_000),
            ("max-archive-entry-bytes", \.maxArchiveEntryBytes, 1...(1 << 36)),
        ]
    }

    /// Throws ``StartupError`` for a value outside its ceiling, or for a
    /// file limit above the body limit (such a file could never arrive).
    public func validate() throws(StartupError) {
        for (name, keyPath, range) in Self.ceilings where !range.contains(self[keyPath: keyPath]) {
            throw StartupError("--\(name) must be between \(range.lowerBound) and \(range.upperBound).")
        }
        if maxFileBytes > maxBodyBytes { throw StartupError("--max-file-bytes must not exceed --max-body-bytes.") }
    }
}
