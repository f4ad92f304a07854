import GRDB

/// Collects sections into a new ``IndexSegment``: tokens are interned as they come,
/// recorded as (term, document, occurrence) entries, and sorted by term once at
/// ``build()`` (a counting sort: the entries of one term stay in document order).
struct SegmentBuilder {
    private var terms = TermTable()
    private var entryTerms: [UInt32] = []
    private var entryDocuments: [UInt32] = []
    private var entryOccurrences: [UInt32] = []
    private(set) var documents = DocumentTable()
    /// The document number of each section id added, and the documents removed again
    /// before the segment was built.
    private var added: [Int64: Int] = [:]
    private var dropped: Set<Int> = []

    var isEmpty: Bool { documents.count == dropped.count }

    /// Tokenizes a section's four indexed fields (heading, context, body, path) and adds it.
    mutating func add(_ facts: SectionFacts, fields: [String], tokenizer: any FTS5Tokenizer) {
        add(facts, tokens: SectionTokens(fields: fields, tokenizer: tokenizer))
    }

    /// Adds a section whose fields are tokenized already.
    mutating func add(_ facts: SectionFacts, tokens: SectionTokens) {
        let document = UInt32(documents.count)
        tokens.bytes.withUnsafeBufferPointer { arena in
            guard let base = arena.baseAddress else { return }
            var start = 0
            for (end, occurrence) in zip(tokens.ends, tokens.occurrences) {
                let term = terms.intern(UnsafeBufferPointer(start: base + start, count: Int(end) - start))
                start = Int(end)
                entryTerms.append(term)
                entryDocuments.append(document)
                entryOccurrences.append(occurrence)
            }
        }
        added[facts.sectionID] = documents.count
        documents.append(facts, tokens: tokens.total, bodyTokens: tokens.body, headingTokens: tokens.heading, pathTokens: tokens.path)
    }

    /// Forgets a section added to this builder, if it was.
    mutating func drop(sectionID: Int64) -> Bool {
        guard let document = added.removeValue(forKey: sectionID) else { return false }
        dropped.insert(document)
        return true
    }

    /// The segment, with terms in bytewise order, counting as `commits` commits.
    ///
    /// The builder is spent: its token entries are released once they are sorted, since
    /// they are the largest transient cost of building a shard's index at open.
    mutating func build(commits: Int = 1) -> IndexSegment {
        let order = terms.sortedOrder()
        var rank = [UInt32](repeating: 0, count: terms.count)
        for (position, term) in order.enumerated() { rank[term] = UInt32(position) }
        // Counting sort of the entries by term rank; stable, so documents stay in order.
        // Documents and occurrences are moved into term order here, so that the posting
        // loop below reads them one after another instead of jumping through the entries.
        let count = entryTerms.count
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for term in entryTerms { starts[Int(rank[Int(term)]) + 1] += 1 }
        for index in 0..<terms.count { starts[index + 1] += starts[index] }
        var sortedDocuments = [UInt32](repeating: 0, count: count)
        var sortedOccurrences = [UInt32](repeating: 0, count: count)
        var next = starts
        sortedDocuments.withUnsafeMutableBufferPointer { documentsOut in
            sortedOccurrences.withUnsafeMutableBufferPointer { occurrencesOut in
                for entry in 0..<count {
                    let slot = Int(rank[Int(entryTerms[entry])])
                    documentsOut[next[slot]] = entryDocuments[entry]
                    occurrencesOut[next[slot]] = entryOccurrences[entry]
                    next[slot] += 1
                }
            }
        }
        (entryTerms, entryDocuments, entryOccurrences) = ([], [], [])
        // Live documents are renumbered densely when some were dropped.
        let keep = dropped.isEmpty ? nil : documents.sectionIDs.indices.map { !dropped.contains($0) }
        var renumber = [UInt32](repeating: 0, count: documents.count)
        var table = DocumentTable()
        for index in 0..<documents.count where keep?[index] ?? true {
            renumber[index] = UInt32(table.count)
            table.append(from: documents, index)
        }
        var writer = PostingWriter(reserving: count)
        sortedDocuments.withUnsafeBufferPointer { documents in
            sortedOccurrences.withUnsafeBufferPointer { occurrences in
                for rankIndex in 0..<terms.count {
                    var cursor = starts[rankIndex]
                    let end = starts[rankIndex + 1]
                    while cursor < end {
                        let document = documents[cursor]
                        let first = cursor
                        var code: UInt32 = 0
                        while cursor < end, documents[cursor] == document {
                            code = TermFrequency.adding(occurrences[cursor], to: code)
                            cursor += 1
                        }
                        if keep?[Int(document)] ?? true {
                            writer.addPosting(
                                document: renumber[Int(document)], code: code,
                                occurrences: UnsafeBufferPointer(rebasing: occurrences[first..<cursor]))
                        }
                    }
                    writer.finishTerm(terms.term(order[rankIndex]))
                }
            }
        }
        return writer.segment(documents: table, commits: commits)
    }

    /// One segment holding the live documents of `parts`, in their order (oldest first).
    static func merge(_ parts: [(segment: IndexSegment, deleted: DeletionSet)]) -> IndexSegment {
        var table = DocumentTable()
        var maps: [[UInt32]] = []
        for (segment, deleted) in parts {
            var map = [UInt32](repeating: .max, count: segment.documentCount)
            for document in 0..<segment.documentCount where !deleted.contains(document) {
                map[document] = UInt32(table.count)
                table.append(from: segment.documents, document)
            }
            maps.append(map)
        }
        let sources = parts.map(\.segment)
        var writer = PostingWriter(reserving: sources.reduce(0) { $0 + $1.occurrences.count })
        var cursors = [Int](repeating: 0, count: parts.count)
        var current: [Int] = []
        while true {
            // The smallest term among the sources' next ones, and every source holding it.
            current.removeAll(keepingCapacity: true)
            for index in sources.indices where cursors[index] < sources[index].termCount {
                guard let first = current.first else {
                    current.append(index)
                    continue
                }
                let order = IndexSegment.compare(sources[index], term: cursors[index], sources[first], term: cursors[first])
                if order < 0 {
                    current = [index]
                } else if order == 0 {
                    current.append(index)
                }
            }
            guard let first = current.first else { break }
            for index in current {
                // Locals, so the posting loop does not retain the arrays at each read.
                let source = sources[index]
                let (documents, frequencies) = (source.postingDocuments, source.postingFrequencies)
                let occurrenceStarts = source.occurrenceStarts
                let map = maps[index]
                source.occurrences.withUnsafeBufferPointer { occurrences in
                    for posting in source.postings(of: cursors[index]) {
                        let document = map[Int(documents[posting])]
                        guard document != .max else { continue }
                        let range = Int(occurrenceStarts[posting])..<Int(occurrenceStarts[posting + 1])
                        writer.addPosting(
                            document: document, code: frequencies[posting], occurrences: UnsafeBufferPointer(rebasing: occurrences[range]))
                    }
                }
            }
            writer.finishTerm(sources[first].term(cursors[first]))
            for index in current { cursors[index] += 1 }
        }
        return writer.segment(documents: table, commits: parts.reduce(0) { $0 + $1.segment.commits })
    }
}

/// The tokens of a section's four fields, in order, each with its occurrence
/// (`column << 30 | position`, positions counted per field as FTS5 counts them), and the
/// token counts ranking uses.
struct SectionTokens: Sendable {
    /// The tokens' UTF-8 bytes, one after another; token `i` ends at `ends[i]`.
    var bytes: [UInt8] = []
    var ends: [UInt32] = []
    var occurrences: [UInt32] = []
    var total: Int32 = 0
    var body: Int32 = 0
    var heading: Int32 = 0
    var path: Int32 = 0

    fileprivate init() {}

    init(fields: [String], tokenizer: any FTS5Tokenizer) {
        var sink = TokenSink()
        for (column, text) in fields.enumerated() {
            sink.column = UInt32(column)
            sink.position = 0
            var utf8 = CJKText.spaced(text)
            utf8.withUTF8 { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else { return }
                withUnsafeMutablePointer(to: &sink) { pointer in
                    _ = tokenizer.tokenize(
                        context: UnsafeMutableRawPointer(pointer), tokenization: .document,
                        pText: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), nText: CInt(buffer.count)
                    ) { context, flags, token, length, _, _ in
                        guard let context, let token else { return 0 }
                        let sink = context.assumingMemoryBound(to: TokenSink.self)
                        // A colocated token shares the previous token's position and is not
                        // counted, as in FTS5 (none of eyecrest's tokenizers emit them).
                        if flags & 1 != 0 { return 0 }
                        let bytes = UnsafeRawBufferPointer(start: token, count: Int(length))
                        sink.pointee.tokens.bytes.append(contentsOf: bytes)
                        sink.pointee.tokens.ends.append(UInt32(sink.pointee.tokens.bytes.count))
                        sink.pointee.tokens.occurrences.append(sink.pointee.column << 30 | sink.pointee.position)
                        sink.pointee.position += 1
                        return 0
                    }
                }
            }
            sink.tokens.total += Int32(sink.position)
            if column == Int(RankingModel.bodyColumn) { sink.tokens.body = Int32(sink.position) }
            if column < RankingModel.headingColumns { sink.tokens.heading += Int32(sink.position) }
            if column == Int(RankingModel.pathColumn) { sink.tokens.path = Int32(sink.position) }
        }
        self = sink.tokens
    }
}

/// Receives tokens from the C tokenizer for ``SectionTokens``: where the next token goes.
private struct TokenSink {
    var column: UInt32 = 0
    var position: UInt32 = 0
    var tokens = SectionTokens()
}

/// Appends postings term by term into a segment's flat arrays; a term whose postings
/// all belonged to deleted documents is left out.
private struct PostingWriter {
    var termBytes: [UInt8] = []
    var termStarts: [UInt32] = [0]
    var postingStarts: [UInt32] = [0]
    var postingDocuments: [UInt32] = []
    var postingFrequencies: [UInt32] = []
    var occurrenceStarts: [UInt32] = [0]
    var occurrences: [UInt32] = []

    /// Room for the `occurrences` the segment will hold at most, the largest array.
    init(reserving occurrences: Int) {
        self.occurrences.reserveCapacity(occurrences)
    }

    mutating func addPosting(document: UInt32, code: UInt32, occurrences list: UnsafeBufferPointer<UInt32>) {
        postingDocuments.append(document)
        postingFrequencies.append(code)
        // Most postings hold one or two occurrences: a loop beats a bulk append's setup.
        for occurrence in list { occurrences.append(occurrence) }
        occurrenceStarts.append(UInt32(occurrences.count))
    }

    mutating func finishTerm(_ bytes: ArraySlice<UInt8>) {
        guard postingDocuments.count > Int(postingStarts[postingStarts.count - 1]) else { return }
        termBytes.append(contentsOf: bytes)
        termStarts.append(UInt32(termBytes.count))
        postingStarts.append(UInt32(postingDocuments.count))
    }

    func segment(documents: DocumentTable, commits: Int) -> IndexSegment {
        IndexSegment(
            documents: documents, termBytes: termBytes, termStarts: termStarts, postingStarts: postingStarts,
            postingDocuments: postingDocuments, postingFrequencies: postingFrequencies, occurrenceStarts: occurrenceStarts,
            occurrences: occurrences, commits: commits)
    }
}
