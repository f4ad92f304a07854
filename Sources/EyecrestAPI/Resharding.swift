import Foundation

/// A resharding in progress, in `GET /v1/datasets/{datasetId}` and in the 202 answer that
/// starts one (docs/api.md, "Resharding").
public struct ReshardingStatus: Codable, Equatable, Sendable, WireSchema {
    public var from: Int
    public var to: Int
    /// `copying` (files are copied into the new shards; writes go to both) or
    /// `switching` (the new shards catch up and become current).
    public var phase: String
    public var startedAt: Date
    public var filesMoved: Int
    public var filesToMove: Int
    /// One migration job per old shard.
    public var jobs: [ReshardingJobStatus]

    public init(from: Int, to: Int, phase: String, startedAt: Date, filesMoved: Int, filesToMove: Int, jobs: [ReshardingJobStatus]) {
        self.from = from
        self.to = to
        self.phase = phase
        self.startedAt = startedAt
        self.filesMoved = filesMoved
        self.filesToMove = filesToMove
        self.jobs = jobs
    }

    public static let fieldNotes: [String: FieldNote] = [
        "phase": FieldNote(nil, ["enum": ["copying", "switching"]]),
        "filesToMove": FieldNote("Files the old shards held when resharding started; files written since reach the new shards as double writes."),
    ]
}

/// The migration job of one old shard.
public struct ReshardingJobStatus: Codable, Equatable, Sendable, WireSchema {
    public var shard: Int
    public var filesMoved: Int
    public var filesToMove: Int
    public var done: Bool

    public init(shard: Int, filesMoved: Int, filesToMove: Int, done: Bool) {
        self.shard = shard
        self.filesMoved = filesMoved
        self.filesToMove = filesToMove
        self.done = done
    }
}
