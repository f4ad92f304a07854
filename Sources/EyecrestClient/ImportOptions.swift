import EyecrestAPI

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
