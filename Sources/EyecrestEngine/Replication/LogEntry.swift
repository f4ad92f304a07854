import Foundation

/// Where a shard's operation log stands: its last entry's sequence number and the rolling
/// checksum of every entry up to it. The same definition holds on a primary and on its
/// replicas (a replica stores the primary's entries verbatim), so two copies at the same
/// `seq` with different checksums have diverged.
public struct LogPosition: Codable, Sendable, Equatable, Hashable {
    public var seq: Int64
    public var checksum: Int64

    public init(seq: Int64, checksum: Int64) {
        self.seq = seq
        self.checksum = checksum
    }

    /// An empty log.
    public static let start = LogPosition(seq: 0, checksum: 0)
}

/// One change in a shard's operation log, as the primary wrote it.
///
/// An entry names the file, not its bytes: the bytes ship as the file's current
/// ``FileState`` beside the entry, so the log itself stays a few dozen bytes per change.
public struct LogEntry: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable {
        /// Content changed (or the file was created).
        case upsert
        /// Only metadata or weight changed.
        case update
        case delete
    }

    public var seq: Int64
    /// The primary's epoch when it wrote the entry, so that a later failover can fence
    /// off an old primary's entries.
    public var epoch: Int
    public var op: Operation
    public var filename: String
    public var sha: String?
    /// Seconds since 1970 when the primary committed the entry (for lag in seconds).
    public var at: Double
    /// ``LogChecksum`` of this entry chained to the one before it.
    public var checksum: Int64

    public init(seq: Int64, epoch: Int, op: Operation, filename: String, sha: String?, at: Double, checksum: Int64) {
        self.seq = seq
        self.epoch = epoch
        self.op = op
        self.filename = filename
        self.sha = sha
        self.at = at
        self.checksum = checksum
    }
}

/// A file as the primary stores it now. `seq` is the entry that produced this version.
public struct FileState: Codable, Sendable, Equatable {
    public var filename: String
    public var seq: Int64
    public var sha: String
    public var content: Data
    public var metadata: String?
    public var weight: Double

    public init(filename: String, seq: Int64, sha: String, content: Data, metadata: String?, weight: Double) {
        self.filename = filename
        self.seq = seq
        self.sha = sha
        self.content = content
        self.metadata = metadata
        self.weight = weight
    }
}

/// What a replica gets when it asks a primary's shard for the entries after its position.
///
/// Entries ship with the *current* state of the files they name (absent: the file is
/// deleted now), read in the same transaction. A replica that applies a batch therefore
/// holds every file at least as new as the batch's last entry, never a version the
/// primary has since replaced: reads from a replica move only forward.
public struct LogBatch: Codable, Sendable, Equatable {
    /// Entries after the requested position, in order; empty when the replica is current.
    public var entries: [LogEntry]
    /// The current state of each file named by `entries` that exists.
    public var states: [FileState]
    /// The primary's last position when the batch was read.
    public var last: LogPosition
    /// The requested position is no longer in the log (truncated), or is not one the
    /// primary ever had (diverged): the replica must install a snapshot.
    public var snapshotRequired: Bool

    public init(entries: [LogEntry], states: [FileState], last: LogPosition, snapshotRequired: Bool) {
        self.entries = entries
        self.states = states
        self.last = last
        self.snapshotRequired = snapshotRequired
    }
}
