import EyecrestEngine
import Testing

@Suite("Shard hashing")
struct ShardHashTests {
    @Test("FNV-1a 64 matches the published test vectors")
    func fnvReferenceValues() {
        // From the FNV reference test suite (Fowler/Noll/Vo).
        #expect(ShardHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(ShardHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ShardHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("Jump consistent hash matches the reference implementation's vectors")
    func jumpReferenceValues() {
        #expect(ShardHash.jumpConsistentHash(1, buckets: 1) == 0)
        #expect(ShardHash.jumpConsistentHash(42, buckets: 57) == 43)
        #expect(ShardHash.jumpConsistentHash(0xDEAD_10CC, buckets: 1) == 0)
        #expect(ShardHash.jumpConsistentHash(0xDEAD_10CC, buckets: 666) == 361)
        #expect(ShardHash.jumpConsistentHash(256, buckets: 1024) == 520)
    }

    @Test("Growing from N to N+1 shards moves only the keys that land on the new shard")
    func consistency() {
        let names = (0..<5_000).map { "docs/page-\($0).md" }
        for shards in 1..<8 {
            var moved = 0
            for name in names {
                let before = ShardHash.shard(of: name, shardCount: shards)
                let after = ShardHash.shard(of: name, shardCount: shards + 1)
                if before != after {
                    moved += 1
                    #expect(after == shards, "a moved key must move to the new shard")
                }
            }
            // Expected share 1/(N+1); allow generous slack for 5,000 keys.
            let share = Double(moved) / Double(names.count)
            #expect(abs(share - 1 / Double(shards + 1)) < 0.05)
        }
    }
}
