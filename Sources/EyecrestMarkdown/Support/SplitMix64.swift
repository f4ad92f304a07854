/// Vigna's SplitMix64: a tiny, fast, deterministic generator, so that a seed always
/// replays the same benchmark queries, load mix or randomized test. Not for anything
/// that must be unpredictable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive), by modulo: the tiny bias
    /// does not matter for test data, and the sequence stays what earlier seeds produced.
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
