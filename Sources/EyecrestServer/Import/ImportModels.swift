import EyecrestAPI
import Foundation

/// The options both import routes share, validated: which folder of the archive to take
/// and the metadata every imported file gets.
struct ArchiveImportOptions {
    /// Segments of the `path` option ([] for the whole archive).
    var prefix: [Substring]
    /// JSON object text, as the engine stores metadata; nil for none.
    var metadata: String?
    /// The `waitForReplication` query parameter (default true, as for JSON writes).
    var waitForReplication: Bool?

    /// From JSON fields (400 `invalid_field` when invalid).
    init(path: String?, metadata: [String: JSONValue]?) throws(APIError) {
        guard let prefix = ArchivePath.prefix(path ?? "") else {
            throw APIError(.badRequest, code: "invalid_field", "Field 'path' " + Self.pathRule)
        }
        self.prefix = prefix
        if let metadata {
            self.metadata = try Self.text(metadata, invalid: APIError(.badRequest, code: "invalid_field", "Field 'metadata' could not be encoded."))
        }
    }

    /// From the query of a binary upload: `path`, and `metadata` as JSON object text
    /// (400 `invalid_parameter` when invalid).
    init(query: QueryParameters) throws(APIError) {
        guard let prefix = ArchivePath.prefix(query.string("path") ?? "") else {
            throw .invalidParameter("'path' " + Self.pathRule)
        }
        self.prefix = prefix
        guard let text = query.string("metadata") else {
            metadata = nil
            return
        }
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8)) else {
            throw .invalidParameter("'metadata' must be a JSON object, such as {\"source\":\"docs\"}.")
        }
        metadata = try Self.text(object, invalid: .invalidParameter("'metadata' could not be encoded."))
    }

    private static func text(_ object: [String: JSONValue], invalid: APIError) throws(APIError) -> String {
        do { return try JSONValue.object(object).jsonText() } catch { throw invalid }
    }

    private static let pathRule =
        "must be a relative folder path inside the archive (no '.' or '..' segments, no control characters, at most 500 bytes)."
}
