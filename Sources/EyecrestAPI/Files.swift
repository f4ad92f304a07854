/// A file to upsert.
public struct FileInput: Codable, Equatable, Sendable, WireSchema {
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

    public static let fieldNotes: [String: FieldNote] = [
        "filename": FieldNote("A `/`-separated relative path, at most 500 bytes of UTF-8; no empty, `.` or `..` segment; no control characters."),
        "content": FieldNote("UTF-8 text, at most the server's file size limit."),
        "metadata": FieldNote("Any JSON object, returned with the file and its hits."),
        "weight": FieldNote(nil, ["minimum": 0.001, "maximum": 1000, "default": 1.0]),
    ]
}

/// Body of `PUT /v1/datasets/{datasetId}/files`.
public struct UpsertFilesRequest: Codable, Equatable, Sendable, WireSchema {
    public var files: [FileInput]
    /// The original eyecrest API's; accepted, nothing to wait for on one node.
    public var waitForReplication: Bool?

    public init(files: [FileInput], waitForReplication: Bool? = nil) {
        self.files = files
        self.waitForReplication = waitForReplication
    }
}

/// What an upsert did to one file.
public enum UpsertStatus: String, Codable, Sendable, WireEnum { case created, updated, unchanged }

/// One file's result of an upsert, in request order.
public struct UpsertResult: Codable, Equatable, Sendable, WireSchema {
    public var filename: String
    public var status: UpsertStatus
    /// The git blob SHA-1 of the content.
    public var sha: String
    public var sections: Int
    public var seq: Int64
    public var shard: Int

    public init(filename: String, status: UpsertStatus, sha: String, sections: Int, seq: Int64, shard: Int) {
        self.filename = filename
        self.status = status
        self.sha = sha
        self.sections = sections
        self.seq = seq
        self.shard = shard
    }

    public static let fieldNotes: [String: FieldNote] = ["sha": FieldNote("Git blob SHA-1 of the content.")]
}

/// The answer of `PUT /v1/datasets/{datasetId}/files`.
public struct UpsertResponse: Codable, Equatable, Sendable, WireSchema {
    public var results: [UpsertResult]
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// The write's position and replication.
    public var replication: WriteReplication?

    public init(results: [UpsertResult], replication: WriteReplication? = nil) {
        self.results = results
        self.replication = replication
        created = results.count { $0.status == .created }
        updated = results.count { $0.status == .updated }
        unchanged = results.count { $0.status == .unchanged }
    }

    public static let schemaName = "UpsertFilesResponse"
}

/// Body of `DELETE /v1/datasets/{datasetId}/files`.
public struct DeleteFilesRequest: Codable, Equatable, Sendable, WireSchema {
    public var filenames: [String]
    /// The original eyecrest API's; accepted, nothing to wait for on one node.
    public var waitForReplication: Bool?

    public init(filenames: [String], waitForReplication: Bool? = nil) {
        self.filenames = filenames
        self.waitForReplication = waitForReplication
    }
}

/// The answer of `DELETE /v1/datasets/{datasetId}/files`.
public struct DeleteFilesResponse: Codable, Equatable, Sendable, WireSchema {
    /// The names that existed and are now gone.
    public var deleted: [String]
    /// The names that did not exist.
    public var notFound: [String]
    /// The write's position and replication.
    public var replication: WriteReplication?

    public init(deleted: [String], notFound: [String], replication: WriteReplication? = nil) {
        self.deleted = deleted
        self.notFound = notFound
        self.replication = replication
    }
}

/// A file in a listing (no content).
public struct FileInfo: Codable, Equatable, Sendable, WireSchema {
    public var filename: String
    public var sha: String
    /// Bytes of content.
    public var size: Int
    public var weight: Double
    public var sections: Int
    public var title: String?

    public init(filename: String, sha: String, size: Int, weight: Double, sections: Int, title: String? = nil) {
        self.filename = filename
        self.sha = sha
        self.size = size
        self.weight = weight
        self.sections = sections
        self.title = title
    }

    public static let schemaName = "FileSummary"
}

/// `GET /v1/datasets/{datasetId}/files`: one page of the listing.
public struct FileList: Codable, Equatable, Sendable, WireSchema {
    public var files: [FileInfo]
    /// Pass as `cursor` to get the next page; absent on the last page.
    public var nextCursor: String?

    public init(files: [FileInfo], nextCursor: String? = nil) {
        self.files = files
        self.nextCursor = nextCursor
    }

    public static let fieldNotes: [String: FieldNote] = ["nextCursor": FieldNote("Absent on the last page.")]
}

/// `GET /v1/datasets/{datasetId}/files/{path}`: one file, possibly sliced to a line range.
public struct FileContent: Codable, Equatable, Sendable, WireSchema {
    public var filename: String
    public var content: String
    /// The git blob SHA-1 of the whole file.
    public var sha: String
    public var metadata: [String: JSONValue]?
    public var weight: Double
    public var title: String?
    public var sections: Int
    public var seq: Int64
    /// The line range `content` holds when `start`/`end` were given.
    public var startLine: Int?
    public var endLine: Int?

    public init(
        filename: String, content: String, sha: String, metadata: [String: JSONValue]? = nil, weight: Double, title: String? = nil,
        sections: Int, seq: Int64, startLine: Int? = nil, endLine: Int? = nil
    ) {
        self.filename = filename
        self.content = content
        self.sha = sha
        self.metadata = metadata
        self.weight = weight
        self.title = title
        self.sections = sections
        self.seq = seq
        self.startLine = startLine
        self.endLine = endLine
    }

    public static let schemaName = "File"
    public static let fieldNotes: [String: FieldNote] = [
        "sha": FieldNote("Git blob SHA-1 of the whole file."),
        "startLine": FieldNote("Set when `start` or `end` was given."),
    ]
}
