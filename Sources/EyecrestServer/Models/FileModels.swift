import EyecrestEngine
import Foundation

/// Body of `PUT /v1/datasets/{datasetId}/files`.
struct UpsertFilesRequest: Decodable {
    struct File: Decodable {
        var filename: String
        var content: String
        var metadata: [String: JSONValue]?
        var weight: Double?
    }
    var files: [File]
    var waitForReplication: Bool?
}

struct UpsertFilesBody: Codable {
    var results: [UpsertResult]
    var created: Int
    var updated: Int
    var unchanged: Int
}

/// Body of `DELETE /v1/datasets/{datasetId}/files`.
struct DeleteFilesRequest: Decodable {
    var filenames: [String]
    var waitForReplication: Bool?
}

struct DeleteFilesBody: Codable {
    /// The names that existed and are now gone.
    var deleted: [String]
    /// The names that did not exist.
    var notFound: [String]
}

struct FileListBody: Codable {
    var files: [FileSummary]
    /// Pass as `cursor` to get the next page; absent on the last page.
    var nextCursor: String?
}

/// One file, possibly sliced to a line range.
struct FileBody: Codable {
    var filename: String
    var content: String
    var sha: String
    var metadata: JSONValue?
    var weight: Double
    var title: String?
    var sections: Int
    var seq: Int64
    /// The line range `content` holds when `start`/`end` were given.
    var startLine: Int?
    var endLine: Int?
}
