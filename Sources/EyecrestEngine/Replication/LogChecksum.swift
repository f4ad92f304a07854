/// The rolling checksum of an operation log: 64-bit FNV-1a over the previous checksum and
/// the entry's fields. It is chained, so equal checksums at the same position mean equal
/// histories, and a replica that applied anything the primary did not write (or missed
/// an entry) sees a mismatch at the next entry and resyncs by snapshot.
enum LogChecksum {
    static func next(after previous: Int64, seq: Int64, epoch: Int, op: LogEntry.Operation, filename: String, sha: String?) -> Int64 {
        var hash = FNV1a()
        hash.add(UInt64(bitPattern: previous))
        hash.add(UInt64(bitPattern: seq))
        hash.add(UInt64(bitPattern: Int64(epoch)))
        hash.add(op.rawValue.utf8)
        hash.add([0])
        hash.add(filename.utf8)
        hash.add([0])
        hash.add((sha ?? "").utf8)
        return Int64(bitPattern: hash.value)
    }

    static func next(after previous: Int64, _ entry: LogEntry) -> Int64 {
        next(after: previous, seq: entry.seq, epoch: entry.epoch, op: entry.op, filename: entry.filename, sha: entry.sha)
    }
}
