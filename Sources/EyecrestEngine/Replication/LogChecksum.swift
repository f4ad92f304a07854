/// The rolling checksum of an operation log: 64-bit FNV-1a over the previous checksum and
/// the entry's fields. It is chained, so equal checksums at the same position mean equal
/// histories, and a replica that applied anything the primary did not write (or missed
/// an entry) sees a mismatch at the next entry and resyncs by snapshot.
enum LogChecksum {
    static func next(after previous: Int64, seq: Int64, epoch: Int, op: LogEntry.Operation, filename: String, sha: String?) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        func mix(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { mix($0) } }
        mix(previous)
        mix(seq)
        mix(Int64(epoch))
        mix(op.rawValue.utf8)
        mix([0])
        mix(filename.utf8)
        mix([0])
        mix((sha ?? "").utf8)
        return Int64(bitPattern: hash)
    }

    static func next(after previous: Int64, _ entry: LogEntry) -> Int64 {
        next(after: previous, seq: entry.seq, epoch: entry.epoch, op: entry.op, filename: entry.filename, sha: entry.sha)
    }
}
