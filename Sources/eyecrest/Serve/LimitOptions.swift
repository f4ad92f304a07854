import ArgumentParser
import EyecrestServer

/// `eyecrest serve`'s request limits. Each flag has an environment variable; a flag wins
/// over its variable, and both default to ``RequestLimits``' values.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest request body in bytes (env EYECREST_MAX_BODY_BYTES). [default: 33554432]")
    var maxBodyBytes: Int?

    @Option(help: "Most files or filenames per upsert or delete (env EYECREST_MAX_FILES_PER_BATCH). [default: 1000]")
    var maxFilesPerBatch: Int?

    @Option(help: "Largest single file in bytes (env EYECREST_MAX_FILE_BYTES). [default: 8388608]")
    var maxFileBytes: Int?

    @Option(help: "Longest search query in bytes (env EYECREST_MAX_QUERY_BYTES). [default: 2000]")
    var maxQueryBytes: Int?

    @Option(help: "Highest zero-based search page (env EYECREST_MAX_PAGE). [default: 1000]")
    var maxPage: Int?

    @Option(help: "Most hits per search page (env EYECREST_MAX_PER_PAGE). [default: 100]")
    var maxPerPage: Int?

    @Option(help: "Longest snippet in characters (env EYECREST_MAX_SNIPPET_LENGTH). [default: 2000]")
    var maxSnippetLength: Int?

    @Option(help: "Largest .tar.gz an import reads, compressed (env EYECREST_MAX_ARCHIVE_BYTES). [default: 134217728]")
    var maxArchiveBytes: Int?

    @Option(help: "Most bytes an import decompresses (env EYECREST_MAX_ARCHIVE_UNCOMPRESSED_BYTES). [default: 536870912]")
    var maxArchiveUncompressedBytes: Int?

    @Option(help: "Most entries in an imported archive (env EYECREST_MAX_ARCHIVE_ENTRIES). [default: 100000]")
    var maxArchiveEntries: Int?

    @Option(help: "Largest entry in an imported archive (env EYECREST_MAX_ARCHIVE_ENTRY_BYTES). [default: 104857600]")
    var maxArchiveEntryBytes: Int?

    /// The limits from flags, then `environment`, then the defaults. Ranges are checked
    /// later, by ``ServerConfiguration/validate()``, with messages naming the flag.
    func resolve(environment: [String: String]) throws -> RequestLimits {
        let limits = RequestLimits()
        let settings: [(flag: Int?, variable: String, keyPath: WritableKeyPath<RequestLimits, Int>)] = [
            (maxBodyBytes, "EYECREST_MAX_BODY_BYTES", \.maxBodyBytes),
            (maxFilesPerBatch, "EYECREST_MAX_FILES_PER_BATCH", \.maxFilesPerBatch),
            (maxFileBytes, "EYECREST_MAX_FILE_BYTES", \.maxFileBytes),
            (maxQueryBytes, "EYECREST_MAX_QUERY_BYTES", \.maxQueryBytes),
            (maxPage, "EYECREST_MAX_PAGE", \.maxPage),
            (maxPerPage, "EYECREST_MAX_PER_PAGE", \.maxPerPage),
            (maxSnippetLength, "EYECREST_MAX_SNIPPET_LENGTH", \.maxSnippetLength),
            (maxArchiveBytes, "EYECREST_MAX_ARCHIVE_BYTES", \.maxArchiveBytes),
            (maxArchiveUncompressedBytes, "EYECREST_MAX_ARCHIVE_UNCOMPRESSED_BYTES", \.maxArchiveUncompressedBytes),
            (maxArchiveEntries, "EYECREST_MAX_ARCHIVE_ENTRIES", \.maxArchiveEntries),
            (maxArchiveEntryBytes, "EYECREST_MAX_ARCHIVE_ENTRY_BYTES", \.maxArchiveEntryBytes),
        ]
        return try OptionResolution.apply(settings, to: limits, environment: environment)
    }
}
