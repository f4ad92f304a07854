/// Where a file lives: `jumpConsistentHash(fnv1a64(filename), shardCount)` (docs/engine.md, "Sharding").
///
/// Both functions are frozen: changing either would move every file of every sharded
/// dataset, so their outputs are pinned by tests against published reference values.
public enum ShardHash {
    /// 64-bit FNV-1a over the UTF-8 bytes of `string`.
    public static func fnv1a64(_ string: String) -> UInt64 { FNV1a.hash(string.utf8) }

    /// Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014):
    /// growing from N to N+1 buckets moves only 1/(N+1) of the keys.
    public static func jumpConsistentHash(_ key: UInt64, buckets: Int) -> Int {
        guard buckets > 1 else { return 0 }
        var key = key
        var bucket: Int64 = -1
        var next: Int64 = 0
        while next < Int64(buckets) {
            bucket = next
            key = key &* 2_862_933_555_777_941_757 &+ 1
            next = Int64(Double(bucket + 1) * (Double(Int64(1) << 31) / Double((key >> 33) + 1)))
        }
        return Int(bucket)
    }

    /// The shard that owns `filename` in a dataset of `shardCount` shards.
    public static func shard(of filename: String, shardCount: Int) -> Int {
        jumpConsistentHash(fnv1a64(filename), buckets: shardCount)
    }
}
