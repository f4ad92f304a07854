import Foundation

/// Interns a segment's terms by their UTF-8 bytes: an open-addressing hash table over
/// one byte arena. Tokens arrive as bytes from the tokenizer and stay bytes: no `String`
/// is made or hashed per token, which was the largest cost of indexing a section.
struct TermTable: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [UInt32] = [0]
    /// Term number + 1 per slot, 0 when empty; the capacity is a power of two.
    private var slots = [UInt32](repeating: 0, count: 1024)
    private var hashes: [UInt32] = []

    var count: Int { starts.count - 1 }

    func term(_ number: Int) -> ArraySlice<UInt8> { bytes[Int(starts[number])..<Int(starts[number + 1])] }

    /// The term's number, adding it when new.
    mutating func intern(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(token)
        var mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let number = Int(entry - 1)
            if hashes[number] == hash, equals(number, token) { return UInt32(number) }
            slot = (slot + 1) & mask
        }
        let number = UInt32(count)
        bytes.append(contentsOf: token)
        starts.append(UInt32(bytes.count))
        hashes.append(hash)
        slots[slot] = number + 1
        if count * 2 > slots.count {
            // Grow and re-insert by stored hash.
            slots = [UInt32](repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for (index, stored) in hashes.enumerated() {
                var position = Int(stored) & mask
                while slots[position] != 0 { position = (position + 1) & mask }
                slots[position] = UInt32(index + 1)
            }
        }
        return number
    }

    private func equals(_ number: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[number])
        let length = Int(starts[number + 1]) - start
        guard length == token.count else { return false }
        return bytes.withUnsafeBufferPointer { arena in
            guard let base = arena.baseAddress, let other = token.baseAddress else { return length == 0 }
            return memcmp(base + start, other, length) == 0
        }
    }

    /// FNV-1a, folded to 32 bits.
    @inline(__always)
    private static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let value = FNV1a.hash(token)
        return UInt32(truncatingIfNeeded: value ^ (value >> 32))
    }

    /// Term numbers in bytewise order of their terms.
    func sortedOrder() -> [Int] {
        bytes.withUnsafeBufferPointer { arena in
            let base = arena.baseAddress
            return (0..<count).sorted { a, b in
                let (sa, sb) = (Int(starts[a]), Int(starts[b]))
                let (la, lb) = (Int(starts[a + 1]) - sa, Int(starts[b + 1]) - sb)
                let shared = min(la, lb)
                if shared > 0, let base {
                    let order = memcmp(base + sa, base + sb, shared)
                    if order != 0 { return order < 0 }
                }
                return la < lb
            }
        }
    }
}
