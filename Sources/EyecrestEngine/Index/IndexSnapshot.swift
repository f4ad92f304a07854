/// The documents of one segment that are deleted, as a bitset.
struct DeletionSet: Sendable {
    private(set) var words: [UInt64]
    private(set) var count = 0

    init(documents: Int) { words = [UInt64](repeating: 0, count: (documents + 63) / 64) }

    @inline(__always)
    func contains(_ document: Int) -> Bool { words[document >> 6] & (1 << UInt64(document & 63)) != 0 }

    mutating func insert(_ document: Int) {
        guard !contains(document) else { return }
        words[document >> 6] |= 1 << UInt64(document & 63)
        count += 1
    }
}

/// What one search reads: the segments of a shard's index at one moment, with their
/// deletions. A value: a search keeps its copy while writers publish newer ones, so it
/// never waits for a writer nor sees half of a write.
struct IndexSnapshot: Sendable {
    var segments: [IndexSegment] = []
    var deletions: [DeletionSet] = []
    /// Live sections, and their tokens over all fields: BM25's N and length total.
    var liveDocuments: Int64 = 0
    var liveTokens: Int64 = 0

    mutating func append(_ segment: IndexSegment) {
        segments.append(segment)
        deletions.append(DeletionSet(documents: segment.documentCount))
        liveDocuments += Int64(segment.documentCount)
        liveTokens += segment.documents.tokens.reduce(Int64(0)) { $0 + Int64($1) }
    }

    mutating func delete(_ location: IndexLocation) {
        let segment = Int(location.segment)
        let document = Int(location.document)
        guard !deletions[segment].contains(document) else { return }
        deletions[segment].insert(document)
        liveDocuments -= 1
        liveTokens -= Int64(segments[segment].documents.tokens[document])
    }

    /// Replaces the segments in `range` by their merge (which holds only live documents).
    mutating func replace(_ range: Range<Int>, with merged: IndexSegment) {
        segments.replaceSubrange(range, with: [merged])
        deletions.replaceSubrange(range, with: [DeletionSet(documents: merged.documentCount)])
    }
}

/// Where a section's document is: segment number in the snapshot, document number in it.
struct IndexLocation: Sendable, Hashable {
    var segment: Int32
    var document: UInt32
}
