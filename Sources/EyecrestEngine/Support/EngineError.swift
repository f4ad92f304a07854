/// Every error the engine throws on purpose. Each case has a stable ``code`` that the
/// HTTP layer maps to a status; the message is safe to show to the caller (no SQL, no
/// file-system paths).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A dataset id outside `[A-Za-z0-9_-]{1,400}`.
    case invalidDatasetID(String)
    /// A filename that breaks the filename rules (``Validation``).
    case invalidFilename(String, reason: String)
    /// File content that is not valid UTF-8, or metadata that is not a JSON object.
    case invalidContent(filename: String, reason: String)
    /// Any other argument out of its documented range.
    case invalidArgument(String)
    /// A size or count over a configured limit.
    case limitExceeded(String)
    case datasetNotFound(String)
    case fileNotFound(String)
    /// The request contradicts the stored state (e.g. a different shard count).
    case conflict(String)
    /// A resharding to another shard count runs on the dataset.
    case reshardingInProgress(String)
    /// SQLite or the file system failed. The associated text names the failure without
    /// SQL or paths (for operators' reports such as ``Engine/checkIntegrity()``); the
    /// ``description`` shown to callers leaves it out, and the full error is logged.
    case storage(String)
    /// The process ran out of a resource (file descriptors, memory, disk space): the
    /// request may succeed later. The message says which, without paths or SQL.
    case unavailable(String)

    /// A stable machine-readable code, part of the public API.
    public var code: String {
        switch self {
        case .invalidDatasetID: "invalid_dataset_id"
        case .invalidFilename: "invalid_filename"
        case .invalidContent: "invalid_content"
        case .invalidArgument: "invalid_argument"
        case .limitExceeded: "limit_exceeded"
        case .datasetNotFound: "dataset_not_found"
        case .fileNotFound: "file_not_found"
        case .conflict: "conflict"
        case .reshardingInProgress: "resharding_in_progress"
        case .storage: "storage_error"
        case .unavailable: "resource_exhausted"
        }
    }

    public var description: String {
        switch self {
        case .invalidDatasetID(let id):
            "Invalid dataset id \(Self.quoted(id)): use 1 to 400 characters from A-Z, a-z, 0-9, '_' and '-'."
        case .invalidFilename(let name, let reason): "Invalid filename \(Self.quoted(name)): \(reason)."
        case .invalidContent(let name, let reason): "Invalid content for \(Self.quoted(name)): \(reason)."
        case .invalidArgument(let message): message
        case .limitExceeded(let message): message
        case .datasetNotFound(let id): "Dataset \(Self.quoted(id)) not found."
        case .fileNotFound(let name): "File \(Self.quoted(name)) not found."
        case .conflict(let message): message
        case .reshardingInProgress(let message): message
        case .storage: "The storage layer failed; the server log has the details."
        case .unavailable(let message): message
        }
    }

    /// Echoes caller input without letting a huge or control-character-laden value
    /// flood a log line or an error body.
    private static func quoted(_ value: String) -> String {
        let clipped = value.count > 80 ? String(value.prefix(80)) + "…" : value
        let printable = clipped.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : String($0) }
        return "'" + printable.joined() + "'"
    }
}
