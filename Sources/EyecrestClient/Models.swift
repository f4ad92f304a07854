import Foundation

/// A dataset's configuration, as every dataset route returns it.
public struct Dataset: Codable, Equatable, Sendable {
    public var datasetId: String
    public var orgId: String
    public var shards: Int
    public var primaryRegion: String
    public var replicaRegions: [String]
    /// The region of the node that answered.
    public var region: String
    public var createdAt: Date
    /// Set only in the answer to ``EyecrestClient/createDataset(_:shards:primaryRegion:replicaRegions:waitForReplication:)``.
    public var created: Bool?
    /// Set only by ``EyecrestClient/dataset(_:)``.
    public var stats: DatasetStats?
}

public struct DatasetStats: Codable, Equatable, Sendable {
    public var files: Int
    public var sections: Int
    public var contentBytes: Int
    public var diskBytes: Int
    public var shardSequences: [Int64]
}

/// `GET …/size`: the original eyecrest API's fields first, then eyecrest's own.
public struct DatasetSize: Codable, Equatable, Sendable {
    public struct Breakdown: Codable, Equatable, Sendable {
        /// Bytes on disk of the dataset's databases (the same as `totalSizeBytes`).
        public var databaseSizeBytes: Int
        /// Bytes of file content as uploaded.
        public var contentSizeBytes: Int
        /// Bytes of the files' metadata as stored JSON text.
        public var metadataSizeBytes: Int
    }

    /// Bytes on disk.
    public var totalSizeBytes: Int
    /// Bytes of file content as uploaded.
    public var uploadedContentSizeBytes: Int
    public var fileCount: Int
    public var sectionCount: Int
    public var breakdown: Breakdown
    public var datasetId: String
    public var shards: Int
    public var files: Int
    public var sections: Int
    public var contentBytes: Int
    public var diskBytes: Int
}

/// A file to upsert.
public struct FileInput: Codable, Equatable, Sendable {
    public var filename: String
    public var content: String
    public var metadata: [String: JSONValue]?
    public var weight: Double?

    public init(filename: String, content: String, metadata: [String: JSONValue]? = nil, weight: Double? = nil) {
        self.filename = filename
        self.content = content
        self.metadata = metadata
        self.weight = weight
    }
}

public enum UpsertStatus: String, Codable, Sendable { case created, updated, unchanged }

public struct UpsertResult: Codable, Equatable, Sendable {
    public var filename: String
    public var status: UpsertStatus
    /// The git blob SHA-1 of the content.
    public var sha: String
    public var sections: Int
    public var seq: Int64
    public var shard: Int
}

public struct UpsertResponse: Codable, Equatable, Sendable {
    public var results: [UpsertResult]
    public var created: Int
    public var updated: Int
    public var unchanged: Int
}

public struct DeleteFilesResponse: Codable, Equatable, Sendable {
    public var deleted: [String]
    public var notFound: [String]
}

/// A file in a listing (no content).
public struct FileInfo: Codable, Equatable, Sendable {
    public var filename: String
    public var sha: String
    public var size: Int
    public var weight: Double
    public var sections: Int
    public var title: String?
}

public struct FileList: Codable, Equatable, Sendable {
    public var files: [FileInfo]
    public var nextCursor: String?
}

/// One file, possibly sliced to a line range.
public struct FileContent: Codable, Equatable, Sendable {
    public var filename: String
    public var content: String
    public var sha: String
    public var metadata: JSONValue?
    public var weight: Double
    public var title: String?
    public var sections: Int
    public var seq: Int64
    public var startLine: Int?
    public var endLine: Int?
}

/// Search parameters besides the query; nil leaves the server's default.
public struct SearchOptions: Equatable, Sendable {
    public var page: Int?
    public var perPage: Int?
    public var maxChunksPerFile: Int?
    public var snippetLength: Int?
    public var pathPrefix: String?

    public init(page: Int? = nil, perPage: Int? = nil, maxChunksPerFile: Int? = nil, snippetLength: Int? = nil, pathPrefix: String? = nil) {
        self.page = page
        self.perPage = perPage
        self.maxChunksPerFile = maxChunksPerFile
        self.snippetLength = snippetLength
        self.pathPrefix = pathPrefix
    }
}

/// `[start, end)` of a match in a snippet, in UTF-16 code units.
public struct Highlight: Codable, Equatable, Sendable {
    public var start: Int
    public var end: Int
}

public struct SearchHit: Codable, Equatable, Sendable {
    public var filename: String
    public var title: String?
    /// The section's slug (its heading's anchor), "" for a file's frontmatter or text before its first heading.
    public var sectionSlug: String
    public var part: Int
    public var heading: String
    public var headingPath: [String]
    public var level: Int
    public var startLine: Int
    public var endLine: Int
    public var score: Double
    public var matchedTerms: [String]
    public var snippet: String
    public var highlights: [Highlight]
    public var cleanedSnippet: String
    public var metadata: JSONValue?
}

public struct SearchResults: Codable, Equatable, Sendable {
    public var results: [SearchHit]
    public var page: Int
    public var perPage: Int
    public var hasNextPage: Bool
    public var relaxed: Bool
    public var terms: [String]
    /// The region of the node that answered.
    public var region: String
}
