import Foundation
import EyecrestMarkdown

/// One file as a caller hands it to ``Engine/upsertFiles(org:dataset:files:)``.
public struct FileUpload: Sendable, Equatable {
    public var filename: String
    /// Raw bytes; must be valid UTF-8.
    public var content: Data
    /// A JSON object as text, or nil.
    public var metadata: String?
    /// Ranking weight, default 1.0 (see ``Validation/weightRange``).
    public var weight: Double

    public init(filename: String, content: Data, metadata: String? = nil, weight: Double = 1.0) {
        self.filename = filename
        self.content = content
        self.metadata = metadata
        self.weight = weight
    }

    public init(filename: String, content: String, metadata: String? = nil, weight: Double = 1.0) {
        self.init(filename: filename, content: Data(content.utf8), metadata: metadata, weight: weight)
    }
}

/// What an upsert did to one file.
public struct UpsertResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case created, updated, unchanged }
    public var filename: String
    public var status: Status
    public var sha: String
    public var sections: Int
    /// The operation-log sequence number of the change (for `unchanged`, of the last change).
    public var seq: Int64
    /// The shard that holds the file.
    public var shard: Int
}

/// A stored file with its content.
public struct StoredFile: Sendable, Equatable {
    public var filename: String
    public var content: String
    public var sha: String
    public var metadata: String?
    public var weight: Double
    public var title: String?
    public var sections: Int
    public var seq: Int64
}

/// A file in a listing (no content).
public struct FileSummary: Sendable, Equatable, Codable {
    public var filename: String
    public var sha: String
    public var size: Int
    public var weight: Double
    public var sections: Int
    public var title: String?
}

/// A validated upload, hashed and (when its content changed) decoded and chunked.
struct PreparedFile: Sendable {
    var upload: FileUpload
    /// Decoded only when the content changed: an unchanged file costs one SHA-1.
    var text: String?
    var sha: String
    /// Nil for files that are stored but not indexed (not markdown), or not chunked yet.
    var document: ChunkedDocument?
    var isMarkdown: Bool
    /// The document's sections as stored and their tokens, when prepared before the
    /// write (``FilePreparation/index(_:tokenizer:)``), so the writer only stores them.
    var sections: [IndexedSection]? = nil
    /// Set when the content differs from the stored one: the file must be decoded,
    /// chunked and tokenized before it is written.
    var needsIndexing = false
}

/// A section as stored, with the tokens the index takes from its fields.
struct IndexedSection: Sendable {
    var row: SectionRow
    var tokens: SectionTokens
}
