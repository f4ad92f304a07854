/// What a candidate is ranked by, and what a bound is compared with: its score (which
/// holds its coverage in the relaxed pass).
struct RankKey {
    var score: Double

    /// Whether `self` ranks strictly before `other`.
    @inline(__always)
    func isBetter(than other: RankKey) -> Bool { score > other.score }
}

/// A lower bound on the key of the last candidate a shard returns: the `limit`-th best
/// among the best-scoring section of each file seen so far. Distinct files' best
/// sections are an answer every per-file limit (at least 1) allows, so the real
/// `limit`-th key can only be at least this good, and a document whose bound is strictly
/// worse can be skipped without changing the answer, ties included.
struct PruningThreshold {
    let limit: Int
    /// A min-heap by key of distinct files: its root is the worst of the best files.
    private var heap: [(key: RankKey, file: Int64)] = []
    /// The files in the heap. Only consulted when a key would enter it, which is rare
    /// once it is full, so most sections cost no hashing.
    private var members: Set<Int64> = []
    private var file: Int64 = -1
    private var best = RankKey(score: 0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Records a scored section. Its file's best so far enters the heap when the next
    /// file's section comes (consecutive sections of a file are one offer).
    mutating func offer(file: Int64, _ key: RankKey) {
        if file != self.file {
            flush()
            self.file = file
            best = key
        } else if key.isBetter(than: best) {
            best = key
        }
    }

    /// Moves the current file's best into the heap if it ranks there; a file already in
    /// the heap keeps its better key, so the heap never counts a file twice.
    private mutating func flush() {
        guard file >= 0, heap.count < limit || best.isBetter(than: heap[0].key) else { return }
        if members.contains(file) {
            guard let index = heap.firstIndex(where: { $0.file == file }),
                best.isBetter(than: heap[index].key) else { return }
            heap[index].key = best
            siftDown(index)
        } else if heap.count < limit {
            members.insert(file)
            heap.append((best, file))
            siftUp(heap.count - 1)
        } else {
            members.remove(heap[0].file)
            members.insert(file)
            heap[0] = (best, file)
            siftDown(0)
        }
    }

    /// Whether no document with a key of at most `bound` can be among the answers.
    func excludes(_ bound: RankKey) -> Bool {
        guard heap.count == limit, let worst = heap.first else { return false }
        return worst.key.isBetter(than: bound)
    }

    private func isWorse(_ a: Int, _ b: Int) -> Bool { heap[b].key.isBetter(than: heap[a].key) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard isWorse(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var child = 2 * parent + 1
            guard child < heap.count else { return }
            if child + 1 < heap.count, isWorse(child + 1, child) { child += 1 }
            guard isWorse(child, parent) else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }
}
