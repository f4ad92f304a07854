/// Edit distance between byte strings for typo tolerance: insertions, deletions,
/// substitutions and transpositions of adjacent letters each cost 1 (the optimal string
/// alignment distance, Damerau's restricted form), which is how people mistype:
/// `kubeclt` is one edit from `kubectl`, not two. The command line uses it too, for the
/// nearest command to a mistyped one.
public enum EditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`. Work is
    /// O(|a|·|b|) at most, and stops as soon as every cell of a row exceeds `limit`.
    public static func within<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B, limit: Int) -> Int? {
        let (a, b) = (Array(a), Array(b))
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        var before = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
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
            (before, previous, current) = (previous, current, before)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
