import Foundation

/// A change of a dataset's shard count in progress (docs/engine.md, "Resharding").
///
/// eyecrest reshards into a new *generation* of shard databases: while the jobs copy
/// every file of the old shards into the new ones, the old shards stay complete and are
/// the only ones read, and every write goes to both (double writes). When every job is
/// done the dataset switches to the new generation in one step and the old one is
/// deleted.
public struct Resharding: Sendable, Equatable, Codable {
    /// The shard count before and after.
    public var from: Int
    public var to: Int
    public var phase: Phase
    public var startedAt: Date
    /// One job per old shard, in shard order.
    public var jobs: [ReshardJob]

    public enum Phase: String, Sendable, Codable {
        /// The jobs copy files into the new shards; writes go to both generations.
        case copying
        /// Every job is done: the new shards catch up with the old shards' logs and the
        /// dataset switches to them.
        case switching
    }

    public var filesMoved: Int { jobs.reduce(0) { $0 + $1.filesMoved } }
    public var filesToMove: Int { jobs.reduce(0) { $0 + $1.filesToMove } }
}

/// The persisted state of the migration job of one old shard, enough to resume it
/// after a crash.
public struct ReshardJob: Sendable, Equatable, Codable {
    public var shard: Int
    /// The largest file row id when resharding started: rows after it were written
    /// since, and reached the new shards as double writes.
    public var lastRowID: Int64
    /// The old shard's log position when resharding started: every change after it is
    /// checked against the new shards before the switch.
    public var startSeq: Int64
    /// The last row id copied.
    public var cursor: Int64
    public var filesMoved: Int
    public var filesToMove: Int
    public var done: Bool
}
