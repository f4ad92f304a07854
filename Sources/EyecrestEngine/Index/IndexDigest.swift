/// An order-independent summary of what an index holds for its live sections: their
/// facts, and every (term, section, frequency, positions) posting. Two indexes of the
/// same sections have the same digest however their segments were built, merged or
/// deleted from, so `eyecrest check` compares a shard's live index with one rebuilt
/// from SQLite through it.
struct IndexDigest: Equatable, Sendable, CustomStringConvertible {
    var documents: Int64 = 0
    var tokens: Int64 = 0
    var postings: Int64 = 0
    var hash: UInt64 = 0

    init(_ snapshot: IndexSnapshot) {
        for (segment, deleted) in zip(snapshot.segments, snapshot.deletions) {
            let table = segment.documents
            for document in 0..<segment.documentCount where !deleted.contains(document) {
                documents += 1
                tokens += Int64(table.tokens[document])
                var hasher = FNV1a()
                hasher.add(UInt64(bitPattern: table.sectionIDs[document]))
                hasher.add(UInt64(bitPattern: table.fileIDs[document]))
                hasher.add(table.filenames[document].utf8)
                hasher.add([0])
                hasher.add(UInt64(UInt32(bitPattern: table.startLines[document])) << 32 | UInt64(UInt32(bitPattern: table.parts[document])))
                hasher.add(UInt64(UInt32(bitPattern: table.tokens[document])) << 32 | UInt64(UInt32(bitPattern: table.bodyTokens[document])))
                hasher.add(table.boosts[document].bitPattern)
                hash &+= hasher.value
            }
            for term in 0..<segment.termCount {
                var termHasher = FNV1a()
                termHasher.add(segment.term(term))
                termHasher.add([0])
                for posting in segment.postings(of: term) {
                    let document = Int(segment.postingDocuments[posting])
                    guard !deleted.contains(document) else { continue }
                    postings += 1
                    var hasher = termHasher
                    hasher.add(UInt64(bitPattern: table.sectionIDs[document]))
                    hasher.add(UInt64(segment.postingFrequencies[posting]))
                    for occurrence in segment.occurrences[segment.occurrences(of: posting)] { hasher.add(UInt64(occurrence)) }
                    hash &+= hasher.value
                }
            }
        }
    }

    var description: String { "\(documents) sections, \(tokens) tokens, \(postings) postings, digest \(String(hash, radix: 16))" }
}
