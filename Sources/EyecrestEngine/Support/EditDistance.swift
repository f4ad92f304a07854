/// Edit distance between byte strings for typo tolerance: insertions, deletions,
/// substitutions and transpositions of adjacent letters each cost 1 (the optimal string
/// alignment distance, Damerau's restricted form), which is how people mistype:
/// `kubeclt` is one edit from `kubectl`, not two. The command line uses it too, for the
/// nearest command to a mistyped one.
public enum EditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    public static func within<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B, limit: Int) -> Int? {
        var bounded = BoundedEditDistance(from: Array(a), limit: limit)
        return Array(b).withUnsafeBufferPointer { bounded.distance(to: $0) }
    }
}

/// The distance from one word to many others, within a limit, reusing its rows: a scan
/// of a whole term dictionary allocates nothing per term. Work is O(|a|·|b|) at most, and
/// stops as soon as every cell of a row exceeds the limit.
struct BoundedEditDistance {
    let word: [UInt8]
    let limit: Int
    private var before: [Int]
    private var previous: [Int]
    private var current: [Int]

    init(from word: [UInt8], limit: Int) {
        self.word = word
        self.limit = limit
        before = []
        previous = []
        current = []
    }

    /// The distance from ``word`` to `other`, or nil when it exceeds ``limit``.
    mutating func distance(to other: UnsafeBufferPointer<UInt8>) -> Int? {
        let (a, b) = (word, other)
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        if previous.count < width {
            before = [Int](repeating: 0, count: width)
            previous = [Int](repeating: 0, count: width)
            current = [Int](repeating: 0, count: width)
        }
        for j in 0...b.count { previous[j] = j }
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
