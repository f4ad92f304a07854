import EyecrestEngine

/// A dataset's position: the primary's epoch and each shard's log sequence number,
/// written `"<epoch>:<seq of shard 0>,<seq of shard 1>,…"` (e.g. `"1:42,17"`).
///
/// Every write answers with one; a read passing it as `minSeq` is answered only by a copy
/// at or past it in every shard. Positions are per shard because each shard has its own
/// log: a sequence number alone would not say which shard's history it counts. A plain
/// integer is accepted as shard 0's number, for single-shard datasets.
public struct WritePosition: Sendable, Equatable, CustomStringConvertible {
    public var epoch: Int
    public var sequences: [Int64]

    public init(epoch: Int, sequences: [Int64]) {
        self.epoch = epoch
        self.sequences = sequences
    }

    public init(epoch: Int, _ positions: [LogPosition]) {
        self.init(epoch: epoch, sequences: positions.map(\.seq))
    }

    /// Nil for text that is not a position.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1, let seq = Int64(text), seq >= 0 {
            self.init(epoch: 0, sequences: [seq])
            return
        }
        guard parts.count == 2, let epoch = Int(parts[0]), epoch >= 0, !parts[1].isEmpty, parts[1].count <= 4_096 else { return nil }
        var sequences: [Int64] = []
        for part in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
            guard let seq = Int64(part), seq >= 0 else { return nil }
            sequences.append(seq)
        }
        self.init(epoch: epoch, sequences: sequences)
    }

    public var description: String { "\(epoch):" + sequences.map(String.init).joined(separator: ",") }

    /// Whether `positions` (one per shard) are at or past this position in every shard.
    public func isReached(by positions: [LogPosition]) -> Bool {
        for (shard, seq) in sequences.enumerated() where seq > 0 {
            guard shard < positions.count, positions[shard].seq >= seq else { return false }
        }
        return true
    }
}
