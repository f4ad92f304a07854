import Foundation

/// The stored configuration of one dataset.
public struct DatasetConfig: Sendable, Equatable, Codable {
    public var orgID: String
    public var datasetID: String
    /// How many SQLite databases the dataset's files are spread over (docs/engine.md, "Sharding").
    public var shardCount: Int
    public var createdAt: Date
    /// The folder name under `datasets/`: generated, so ids never become paths, and a
    /// deleted dataset's folder never collides with a new one of the same name.
    var storageID: String
}

/// Counts and sizes of one dataset, summed over its shards.
public struct DatasetStats: Sendable, Equatable, Codable {
    public var files: Int
    public var sections: Int
    /// Bytes of file content as uploaded.
    public var contentBytes: Int
    /// Bytes of the files' metadata as stored (JSON text).
    public var metadataBytes: Int
    /// Bytes on disk of all the dataset's databases (content, sections and index).
    public var diskBytes: Int
    /// The highest operation-log sequence number of each shard, in shard order.
    public var shardSequences: [Int64]
}
