/// Collects a shard's scored sections and returns the best few in the order every
/// shard and the merge agree on (``RankedCandidate/precedes(_:_:)``), after the
/// per-file limit, without sorting every match: a bounded heap keeps the best `fetch`
/// by score, ties at its boundary are added back so the order among equal
/// scores stays the full order's, and only that selection is sorted.
struct CandidatePool {
    private var items: [Scored] = []

    var count: Int { items.count }

    mutating func add(_ scored: Scored) { items.append(scored) }

    /// Whether `a` ranks strictly before `b` by the keys the heap uses.
    @inline(__always)
    private func isBetter(_ a: Scored, _ b: Scored) -> Bool { a.score > b.score }

    func best(limit: Int, maxPerFile: Int, make: (Scored) -> RankedCandidate) -> [RankedCandidate] {
        var fetch = max(limit * 2, 16)
        while true {
            let selection = top(fetch).map(make).sorted { RankedCandidate.precedes($0, $1) }
            var perFile: [Int64: Int] = [:]
            var kept: [RankedCandidate] = []
            for candidate in selection {
                let count = perFile[candidate.fileID, default: 0]
                guard count < maxPerFile else { continue }
                perFile[candidate.fileID] = count + 1
                kept.append(candidate)
                if kept.count == limit { return kept }
            }
            if selection.count >= items.count { return kept }
            fetch *= 4
        }
    }

    /// The best `fetch` items by key, and every item tied with the worst of them.
    private func top(_ fetch: Int) -> [Scored] {
        guard items.count > fetch else { return items }
        // A min-heap by key: its root is the worst item kept so far.
        var heap: [Int] = []
        heap.reserveCapacity(fetch)
        func worse(_ a: Int, _ b: Int) -> Bool { isBetter(items[b], items[a]) }
        for index in items.indices {
            if heap.count < fetch {
                heap.append(index)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard worse(heap[child], heap[parent]) else { break }
                    heap.swapAt(child, parent)
                    child = parent
                }
            } else if isBetter(items[index], items[heap[0]]) {
                heap[0] = index
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    guard left < heap.count else { break }
                    var child = left
                    if left + 1 < heap.count, worse(heap[left + 1], heap[left]) { child = left + 1 }
                    guard worse(heap[child], heap[parent]) else { break }
                    heap.swapAt(child, parent)
                    parent = child
                }
            }
        }
        let boundary = items[heap[0]]
        var kept = [Bool](repeating: false, count: items.count)
        for index in heap { kept[index] = true }
        var result = heap.map { items[$0] }
        for index in items.indices where !kept[index] && !isBetter(boundary, items[index]) && !isBetter(items[index], boundary) {
            result.append(items[index])
        }
        return result
    }
}
