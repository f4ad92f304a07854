import GRDB

/// Collects sections into a new ``IndexSegment``: tokens are interned as they come,
/// recorded as (term, document, occurrence) entries, and sorted by term once at
/// ``build()`` (a counting sort: the entries of one term stay in document order).
struct SegmentBuilder {
    private var termNumbers: [String: UInt32] = [:]
    private var terms: [String] = []
    private var entryTerms: [UInt32] = []
    private var entryDocuments: [UInt32] = []
    private var entryOccurrences: [UInt32] = []
    private(set) var documents = DocumentTable()
    /// The document number of each section id added, and the documents removed again
    /// before the segment was built.
    private var added: [Int64: Int] = [:]
    private var dropped: Set<Int> = []

    var isEmpty: Bool { documents.count == dropped.count }

    /// Tokenizes the four indexed fields of a section (heading, context, body, path) and
    /// adds it. Returns its token counts, all fields and body, as FTS5 would count them.
    @discardableResult
    mutating func add(_ facts: SectionFacts, fields: [String], tokenizer: any FTS5Tokenizer) -> (tokens: Int32, body: Int32) {
        let document = UInt32(documents.count)
        var sink = TokenSink()
        var counts: [Int32] = []
        for (column, text) in fields.enumerated() {
            sink.column = UInt32(column)
            sink.position = 0
            var utf8 = text
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
                        sink.pointee.tokens.append(String(decoding: bytes, as: UTF8.self))
                        sink.pointee.occurrences.append(sink.pointee.column << 30 | sink.pointee.position)
                        sink.pointee.position += 1
                        return 0
                    }
                }
            }
            counts.append(Int32(sink.position))
        }
        for (token, occurrence) in zip(sink.tokens, sink.occurrences) {
            let term: UInt32
            if let known = termNumbers[token] {
                term = known
            } else {
                term = UInt32(terms.count)
                termNumbers[token] = term
                terms.append(token)
            }
            entryTerms.append(term)
            entryDocuments.append(document)
            entryOccurrences.append(occurrence)
        }
        let total = counts.reduce(0, +)
        let body = counts.count > Int(RankingModel.bodyColumn) ? counts[Int(RankingModel.bodyColumn)] : 0
        added[facts.sectionID] = documents.count
        documents.append(facts, tokens: total, bodyTokens: body)
        return (total, body)
    }

    /// Forgets a section added to this builder, if it was.
    mutating func drop(sectionID: Int64) -> Bool {
        guard let document = added.removeValue(forKey: sectionID) else { return false }
        dropped.insert(document)
        return true
    }

    /// The segment, with terms in bytewise order.
    func build() -> IndexSegment {
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        var rank = [UInt32](repeating: 0, count: terms.count)
        for (position, term) in order.enumerated() { rank[term] = UInt32(position) }
        // Counting sort of the entries by term rank; stable, so documents stay in order.
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for term in entryTerms { starts[Int(rank[Int(term)]) + 1] += 1 }
        for index in 0..<terms.count { starts[index + 1] += starts[index] }
        var sorted = [Int](repeating: 0, count: entryTerms.count)
        var next = starts
        for (entry, term) in entryTerms.enumerated() {
            let slot = Int(rank[Int(term)])
            sorted[next[slot]] = entry
            next[slot] += 1
        }
        // Live documents are renumbered densely when some were dropped.
        let keep = dropped.isEmpty ? nil : documents.sectionIDs.indices.map { !dropped.contains($0) }
        var renumber = [UInt32](repeating: 0, count: documents.count)
        var table = DocumentTable()
        for index in 0..<documents.count where keep?[index] ?? true {
            renumber[index] = UInt32(table.count)
            table.append(from: documents, index)
        }
        var writer = PostingWriter()
        for rankIndex in 0..<terms.count {
            var cursor = starts[rankIndex]
            let end = starts[rankIndex + 1]
            while cursor < end {
                let document = Int(entryDocuments[sorted[cursor]])
                var last = cursor
                while last < end, Int(entryDocuments[sorted[last]]) == document { last += 1 }
                if keep?[document] ?? true {
                    writer.addPosting(document: renumber[document], occurrences: sorted[cursor..<last].lazy.map { entryOccurrences[$0] })
                }
                cursor = last
            }
            writer.finishTerm(Array(terms[order[rankIndex]].utf8))
        }
        return writer.segment(documents: table)
    }

    /// One segment holding the live documents of `older` then `newer`, in that order.
    static func merge(_ older: IndexSegment, deleted olderDeleted: DeletionSet, _ newer: IndexSegment, deleted newerDeleted: DeletionSet) -> IndexSegment {
        var table = DocumentTable()
        func renumbering(_ segment: IndexSegment, _ deleted: DeletionSet) -> [UInt32] {
            var map = [UInt32](repeating: .max, count: segment.documentCount)
            for document in 0..<segment.documentCount where !deleted.contains(document) {
                map[document] = UInt32(table.count)
                table.append(from: segment.documents, document)
            }
            return map
        }
        let maps = [renumbering(older, olderDeleted), renumbering(newer, newerDeleted)]
        let segments = [older, newer]
        var writer = PostingWriter()
        var cursors = [0, 0]
        while cursors[0] < older.termCount || cursors[1] < newer.termCount {
            // The smaller term next; both when equal.
            var sources: [Int] = []
            if cursors[0] < older.termCount, cursors[1] < newer.termCount {
                let a = older.term(cursors[0])
                let b = newer.term(cursors[1])
                if a.elementsEqual(b) {
                    sources = [0, 1]
                } else {
                    sources = a.lexicographicallyPrecedes(b) ? [0] : [1]
                }
            } else {
                sources = cursors[0] < older.termCount ? [0] : [1]
            }
            for source in sources {
                let segment = segments[source]
                for posting in segment.postings(of: cursors[source]) {
                    let document = maps[source][Int(segment.postingDocuments[posting])]
                    guard document != .max else { continue }
                    writer.addPosting(document: document, occurrences: segment.occurrences[segment.occurrences(of: posting)])
                }
            }
            writer.finishTerm(Array(segments[sources[0]].term(cursors[sources[0]])))
            for source in sources { cursors[source] += 1 }
        }
        return writer.segment(documents: table)
    }
}

/// Receives tokens from the C tokenizer for ``SegmentBuilder/add(_:fields:tokenizer:)``.
private struct TokenSink {
    var column: UInt32 = 0
    var position: UInt32 = 0
    var tokens: [String] = []
    var occurrences: [UInt32] = []
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

    mutating func addPosting<C: Collection>(document: UInt32, occurrences list: C) where C.Element == UInt32 {
        postingDocuments.append(document)
        postingFrequencies.append(TermFrequency.code(of: list))
        occurrences.append(contentsOf: list)
        occurrenceStarts.append(UInt32(occurrences.count))
    }

    mutating func finishTerm(_ bytes: [UInt8]) {
        guard postingDocuments.count > Int(postingStarts[postingStarts.count - 1]) else { return }
        termBytes.append(contentsOf: bytes)
        termStarts.append(UInt32(termBytes.count))
        postingStarts.append(UInt32(postingDocuments.count))
    }

    func segment(documents: DocumentTable) -> IndexSegment {
        IndexSegment(
            documents: documents, termBytes: termBytes, termStarts: termStarts, postingStarts: postingStarts,
            postingDocuments: postingDocuments, postingFrequencies: postingFrequencies, occurrenceStarts: occurrenceStarts,
            occurrences: occurrences)
    }
}
