/// JSON body of `POST /v1/datasets/{datasetId}/import/tar`: an archive to fetch.
public struct ImportURLRequest: Codable, Equatable, Sendable, WireSchema {
    public var url: String
    public var path: String?
    public var metadata: [String: JSONValue]?

    public init(url: String, path: String? = nil, metadata: [String: JSONValue]? = nil) {
        self.url = url
        self.path = path
        self.metadata = metadata
    }

    public static let fieldNotes: [String: FieldNote] = [
        "url": FieldNote(
            "An absolute http or https URL of a .tar.gz. Redirects are followed (a few); the fetch has connect, read and total timeouts. Unless the server allows private addresses, the URL and every redirect must lead to public addresses (else url_not_allowed).",
            ["maxLength": 8192]),
        "path": FieldNote("Import just this folder of the archive (relative to its top-level folder), named relative to it.", ["maxLength": 500]),
        "metadata": FieldNote("Set as every imported file's metadata."),
    ]
}

/// Body of `POST /v1/datasets/{datasetId}/import/github`.
public struct ImportGitHubRequest: Codable, Equatable, Sendable, WireSchema {
    public var owner: String
    public var repo: String
    /// Default `main`.
    public var branch: String?
    public var path: String?
    public var metadata: [String: JSONValue]?

    public init(owner: String, repo: String, branch: String? = nil, path: String? = nil, metadata: [String: JSONValue]? = nil) {
        self.owner = owner
        self.repo = repo
        self.branch = branch
        self.path = path
        self.metadata = metadata
    }

    public static let fieldNotes: [String: FieldNote] = [
        "owner": FieldNote(nil, ["pattern": "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$"]),
        "repo": FieldNote("Not `.` or `..`.", ["pattern": "^[A-Za-z0-9._-]{1,100}$"]),
        "branch": FieldNote(
            "No `..` and no `.lock` suffix.",
            ["default": "main", "maxLength": 255, "pattern": "^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$"]),
        "path": FieldNote("Import just this folder of the repository (e.g. `docs`), named relative to it.", ["maxLength": 500]),
        "metadata": FieldNote("Set as every imported file's metadata."),
    ]
}

/// Why an import left a markdown-named archive entry out.
public enum ImportSkipReason: String, Codable, Sendable, WireEnum {
    /// A symbolic link: its target could be anything, inside the archive or not.
    case symlink
    case hardLink = "hard_link"
    /// A device, FIFO, or an entry type eyecrest does not read (GNU sparse, …).
    case specialFile = "special_file"
    /// An absolute path or one with a `..` segment.
    case unsafePath = "unsafe_path"
    /// Breaks the filename rules once the prefixes are removed, or is not UTF-8.
    case invalidFilename = "invalid_filename"
    /// Not UTF-8 text, or contains a NUL byte.
    case binary
    /// Larger than the server's file limit (`--max-file-bytes`).
    case tooLarge = "too_large"
}

/// An archive entry an import left out.
public struct ImportSkippedEntry: Codable, Equatable, Sendable, WireSchema {
    /// The entry's path inside the archive.
    public var path: String
    public var reason: ImportSkipReason

    public init(path: String, reason: ImportSkipReason) {
        self.path = path
        self.reason = reason
    }

    public static let fieldNotes: [String: FieldNote] = ["path": FieldNote("The entry's path inside the archive.")]
}

/// The answer of both import routes (`import/tar`, `import/github`).
public struct ImportResponse: Codable, Equatable, Sendable, WireSchema {
    /// Files created or changed.
    public var filesImported: Int
    /// Files already stored with the same content, metadata and weight.
    public var filesUnchanged: Int
    /// Markdown-named entries left out; the first 100 are in ``skipped``.
    public var filesSkipped: Int
    /// Bytes of markdown in the imported and unchanged files.
    public var totalSizeBytes: Int
    public var skipped: [ImportSkippedEntry]
    /// The write's position and replication.
    public var replication: WriteReplication?

    public init(
        filesImported: Int, filesUnchanged: Int, filesSkipped: Int, totalSizeBytes: Int, skipped: [ImportSkippedEntry],
        replication: WriteReplication? = nil
    ) {
        self.replication = replication
        self.filesImported = filesImported
        self.filesUnchanged = filesUnchanged
        self.filesSkipped = filesSkipped
        self.totalSizeBytes = totalSizeBytes
        self.skipped = skipped
    }

    public static let fieldNotes: [String: FieldNote] = [
        "filesImported": FieldNote("Files created or changed.", ["minimum": 0]),
        "filesUnchanged": FieldNote("Files already stored with the same content and metadata.", ["minimum": 0]),
        "filesSkipped": FieldNote("Markdown-named entries left out; the first 100 are listed in `skipped`.", ["minimum": 0]),
        "totalSizeBytes": FieldNote("Bytes of markdown in the imported and unchanged files.", ["minimum": 0]),
        "skipped": FieldNote(nil, ["maxItems": 100]),
    ]
}
