/// An immutable part of a shard's section index: a sorted term dictionary, postings with
/// per-field term frequencies and positions, and the facts ranking needs about each
/// section. Segments are built by ``SegmentBuilder`` (from new sections, or by merging
/// two segments) and never change afterwards; deletions are kept beside them, in the
/// ``IndexSnapshot`` that holds them, so a search reads a segment without any lock.
///
/// Layout, all in flat arrays so that a posting walk touches contiguous memory:
/// - terms: UTF-8 bytes sorted bytewise (`termBytes`, sliced by `termStarts`), so that a
///   prefix is a contiguous range found by binary search, as in FTS5's own b-tree;
/// - `postingStarts[t]..<postingStarts[t + 1]`: the postings of term `t`, by document;
/// - each posting: the document, ``TermFrequency/code`` (weighted frequency and whether
///   the section's own heading holds the term), and its occurrences
///   (`occurrenceStarts`), each `column << 30 | position` in FTS5's token numbering.
final class IndexSegment: Sendable {
    let documents: DocumentTable
    let termBytes: [UInt8]
    let termStarts: [UInt32]
    let postingStarts: [UInt32]
    let postingDocuments: [UInt32]
    let postingFrequencies: [UInt32]
    let occurrenceStarts: [UInt32]
    let occurrences: [UInt32]
    /// How many commits' sections this segment holds, which decides when it is merged
    /// (``SectionIndex``).
    let commits: Int

    init(
        documents: DocumentTable, termBytes: [UInt8], termStarts: [UInt32], postingStarts: [UInt32],
        postingDocuments: [UInt32], postingFrequencies: [UInt32], occurrenceStarts: [UInt32], occurrences: [UInt32],
        commits: Int
    ) {
        self.commits = commits
        self.documents = documents
        self.termBytes = termBytes
        self.termStarts = termStarts
        self.postingStarts = postingStarts
        self.postingDocuments = postingDocuments
        self.postingFrequencies = postingFrequencies
        self.occurrenceStarts = occurrenceStarts
        self.occurrences = occurrences
    }

    var termCount: Int { termStarts.count - 1 }

    /// The bytes of the segment's arrays (filenames counted once per document).
    var byteCount: Int {
        let words = termStarts.count + postingStarts.count + postingDocuments.count + postingFrequencies.count
            + occurrenceStarts.count + occurrences.count
        let perDocument = 8 + 8 + 16 + 4 + 4 + 4 + 4 + 8
        return termBytes.count + 4 * words + perDocument * documentCount
            + documents.filenames.reduce(0) { $0 + $1.utf8.count }
    }
    var documentCount: Int { documents.count }

    /// The terms equal to `key`, or starting with it when `prefix` is true, as a range of
    /// term numbers (empty when none).
    func terms(matching key: [UInt8], prefix: Bool) -> Range<Int> {
        let lower = firstTerm { compare(term: $0, with: key, asPrefix: false) >= 0 }
        if !prefix {
            return lower < termCount && compare(term: lower, with: key, asPrefix: false) == 0 ? lower..<(lower + 1) : lower..<lower
        }
        let upper = firstTerm { compare(term: $0, with: key, asPrefix: true) > 0 }
        return lower..<max(lower, upper)
    }

    /// The first term number for which `isAfter` holds (it must be monotonic).
    private func firstTerm(where isAfter: (Int) -> Bool) -> Int {
        var low = 0
        var high = termCount
        while low < high {
            let middle = (low + high) / 2
            if isAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Bytewise comparison of term `index` with `key`; with `asPrefix`, a term that
    /// starts with `key` compares equal.
    private func compare(term index: Int, with key: [UInt8], asPrefix: Bool) -> Int {
        let start = Int(termStarts[index])
        let length = Int(termStarts[index + 1]) - start
        let shared = min(length, key.count)
        for offset in 0..<shared {
            let a = termBytes[start + offset]
            let b = key[offset]
            if a != b { return a < b ? -1 : 1 }
        }
        if length == key.count || (asPrefix && length > key.count) { return 0 }
        return length < key.count ? -1 : 1
    }

    /// Bytewise order of `a`'s term `x` and `b`'s term `y`: -1, 0 or 1.
    static func compare(_ a: IndexSegment, term x: Int, _ b: IndexSegment, term y: Int) -> Int {
        let (left, right) = (a.term(x), b.term(y))
        for (p, q) in zip(left, right) where p != q { return p < q ? -1 : 1 }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }

    func term(_ index: Int) -> ArraySlice<UInt8> { termBytes[Int(termStarts[index])..<Int(termStarts[index + 1])] }

    func postings(of term: Int) -> Range<Int> { Int(postingStarts[term])..<Int(postingStarts[term + 1]) }

    func occurrences(of posting: Int) -> Range<Int> { Int(occurrenceStarts[posting])..<Int(occurrenceStarts[posting + 1]) }
}

/// The facts about each section of a segment that ranking reads, one array per fact,
/// indexed by the segment's document number.
struct DocumentTable: Sendable {
    var sectionIDs: [Int64] = []
    var fileIDs: [Int64] = []
    var filenames: [String] = []
    var startLines: [Int32] = []
    var parts: [Int32] = []
    /// Tokens in all four fields, and in the body alone, as FTS5 would count them.
    var tokens: [Int32] = []
    var bodyTokens: [Int32] = []
    /// Whether ranking damps the section as tiny: a body under
    /// ``RankingModel/tinyBodyTokens`` tokens, or frontmatter.
    var isTiny: [Bool] = []
    /// Tokens in the section's own heading: how much of it a query's words can cover.
    var headingTokens: [Int32] = []
    /// Tokens in the file's path words.
    var pathTokens: [Int32] = []
    var boosts: [Double] = []

    var count: Int { sectionIDs.count }

    mutating func append(_ facts: SectionFacts, tokens: Int32, bodyTokens: Int32, headingTokens: Int32, pathTokens: Int32) {
        sectionIDs.append(facts.sectionID)
        fileIDs.append(facts.fileID)
        filenames.append(facts.filename)
        startLines.append(Int32(clamping: facts.startLine))
        parts.append(Int32(clamping: facts.part))
        self.tokens.append(tokens)
        self.bodyTokens.append(bodyTokens)
        isTiny.append(bodyTokens < RankingModel.tinyBodyTokens || facts.isFrontmatter)
        self.headingTokens.append(headingTokens)
        self.pathTokens.append(pathTokens)
        boosts.append(facts.boost)
    }

    mutating func append(from other: DocumentTable, _ index: Int) {
        sectionIDs.append(other.sectionIDs[index])
        fileIDs.append(other.fileIDs[index])
        filenames.append(other.filenames[index])
        startLines.append(other.startLines[index])
        parts.append(other.parts[index])
        tokens.append(other.tokens[index])
        bodyTokens.append(other.bodyTokens[index])
        isTiny.append(other.isTiny[index])
        headingTokens.append(other.headingTokens[index])
        pathTokens.append(other.pathTokens[index])
        boosts.append(other.boosts[index])
    }
}

/// What the index is told about a section besides its text.
struct SectionFacts: Sendable {
    var sectionID: Int64
    var fileID: Int64
    var filename: String
    var startLine: Int
    var part: Int
    var boost: Double
    /// Frontmatter holds only a title and a description: ranked like a tiny section.
    var isFrontmatter: Bool
}

/// A posting's frequency, packed: the weighted term frequency in halves (every column
/// weight is a multiple of ½, so the sum is exact) shifted left twice, bit 0 set when the
/// section's own heading holds the term and bit 1 when its file's name does.
enum TermFrequency {
    /// Column weights in halves, from ``RankingModel/columnWeights``.
    static let halves: [UInt32] = RankingModel.columnWeights.map { UInt32(($0 * 2).rounded()) }

    static func weighted(_ code: UInt32) -> Double { Double(code >> 2) * 0.5 }
    static func inHeading(_ code: UInt32) -> Bool { code & 1 != 0 }
    static func inPath(_ code: UInt32) -> Bool { code & 2 != 0 }

    /// Two codes of the same document: halves summed, flags or-ed.
    @inline(__always)
    static func combine(_ a: UInt32, _ b: UInt32) -> UInt32 {
        ((a >> 2) &+ (b >> 2)) << 2 | ((a | b) & 3)
    }

    /// `code` with one more occurrence counted.
    @inline(__always)
    static func adding(_ occurrence: UInt32, to code: UInt32) -> UInt32 {
        let column = Int(occurrence >> 30)
        return (code &+ halves[column] << 2) | (column < RankingModel.headingColumns ? 1 : 0)
            | (column == Int(RankingModel.pathColumn) ? 2 : 0)
    }
}
