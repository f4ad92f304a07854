/// 64-bit FNV-1a, fed incrementally: the one hash behind file placement
/// (``ShardHash``), the operation log's chained checksum (``LogChecksum``), the index's
/// term table (``TermTable``) and its digest (``IndexDigest``). Fast and well spread,
/// not a defence against anyone choosing collisions.
struct FNV1a: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }

    /// The eight bytes of `word`, least significant first.
    mutating func add(_ word: UInt64) { withUnsafeBytes(of: word.littleEndian) { add($0) } }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hasher = FNV1a()
        hasher.add(bytes)
        return hasher.value
    }
}
