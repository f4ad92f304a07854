import Foundation

/// The answer of the import routes (`import/tar`, `import/github`).
public struct ImportResponse: Codable, Equatable, Sendable {
    /// Files created or changed.
    public var filesImported: Int
    /// Files already stored with the same content, metadata and weight.
    public var filesUnchanged: Int
    /// Markdown-named entries left out; the first 100 are in ``skipped``.
    public var filesSkipped: Int
    /// Bytes of markdown in the imported and unchanged files.
    public var totalSizeBytes: Int
    public var skipped: [ImportSkippedEntry]
}

/// An archive entry an import left out.
public struct ImportSkippedEntry: Codable, Equatable, Sendable {
    /// The entry's path inside the archive.
    public var path: String
    /// `symlink`, `hard_link`, `special_file`, `unsafe_path`, `invalid_filename`, `binary`
    /// or `too_large`.
    public var reason: String
}

/// What the import routes share besides the archive itself.
public struct ImportOptions: Equatable, Sendable {
    /// Only entries under this folder of the archive (after its single top-level folder,
    /// if any, is removed) are imported, and it is removed from their names.
    public var path: String?
    /// Set as the metadata of every imported file.
    public var metadata: [String: JSONValue]?

    public init(path: String? = nil, metadata: [String: JSONValue]? = nil) {
        self.path = path
        self.metadata = metadata
    }
}
