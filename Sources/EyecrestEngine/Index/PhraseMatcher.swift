/// The live documents of one segment that hold a phrase, each with the phrase's
/// frequency code (``TermFrequency``), in document order. For one term in a segment
/// without deletions they are slices of the segment's own postings, not copies.
struct PhraseHits: Sendable {
    var documents: ArraySlice<UInt32> = []
    var codes: ArraySlice<UInt32> = []
}

/// Finds a phrase's occurrences in a segment as FTS5 phrase queries do: the tokens at
/// consecutive positions of one column, the last token standing for every term it
/// starts when the phrase is a prefix query; each such place is one instance.
enum PhraseMatcher {
    static func hits(of phrase: IndexPhrase, in segment: IndexSegment, deleted: DeletionSet) -> PhraseHits {
        guard !phrase.tokens.isEmpty else { return PhraseHits() }
        let last = phrase.tokens.count - 1
        let ranges = phrase.tokens.enumerated().map { index, token in
            segment.terms(matching: Array(token.utf8), prefix: phrase.isPrefix && index == last)
        }
        if ranges.contains(where: \.isEmpty) { return PhraseHits() }
        if ranges.count == 1 { return single(ranges[0], in: segment, deleted: deleted) }
        return consecutive(ranges, in: segment, deleted: deleted)
    }

    /// One token: the postings of its term, or of all the terms a prefix covers, summed.
    private static func single(_ terms: Range<Int>, in segment: IndexSegment, deleted: DeletionSet) -> PhraseHits {
        let postingDocuments = segment.postingDocuments
        let postingFrequencies = segment.postingFrequencies
        if terms.count == 1 {
            let postings = segment.postings(of: terms.lowerBound)
            if deleted.count == 0 {
                return PhraseHits(documents: postingDocuments[postings], codes: postingFrequencies[postings])
            }
            var documents: [UInt32] = []
            var codes: [UInt32] = []
            documents.reserveCapacity(postings.count)
            codes.reserveCapacity(postings.count)
            for posting in postings where !deleted.contains(Int(postingDocuments[posting])) {
                documents.append(postingDocuments[posting])
                codes.append(postingFrequencies[posting])
            }
            return PhraseHits(documents: documents[...], codes: codes[...])
        }
        // A prefix: every term's postings summed per document, in a dense array.
        var summed = [UInt32](repeating: 0, count: segment.documentCount)
        var count = 0
        for term in terms {
            for posting in segment.postings(of: term) {
                let document = Int(postingDocuments[posting])
                if summed[document] == 0 { count += 1 }
                summed[document] = TermFrequency.combine(summed[document], postingFrequencies[posting])
            }
        }
        var documents: [UInt32] = []
        var codes: [UInt32] = []
        documents.reserveCapacity(count)
        codes.reserveCapacity(count)
        for (document, code) in summed.enumerated() where code != 0 && !deleted.contains(document) {
            documents.append(UInt32(document))
            codes.append(code)
        }
        return PhraseHits(documents: documents[...], codes: codes[...])
    }

    /// Several tokens: documents holding every one, then the places where they follow
    /// each other.
    private static func consecutive(_ ranges: [Range<Int>], in segment: IndexSegment, deleted: DeletionSet) -> PhraseHits {
        // Candidates: live documents holding every token (one term, or a prefix's terms).
        var candidates = single(ranges[0], in: segment, deleted: deleted).documents
        for range in ranges.dropFirst() where !candidates.isEmpty {
            candidates = intersect(candidates, single(range, in: segment, deleted: deleted).documents)[...]
        }
        if ranges.allSatisfy({ $0.count == 1 }) { return consecutiveTerms(ranges.map(\.lowerBound), candidates: candidates, in: segment) }
        var documents: [UInt32] = []
        var codes: [UInt32] = []
        for document in candidates {
            let lists = ranges.map { occurrences(of: $0, document: document, in: segment) }
            let code = phraseCode(starts: lists[0], tokens: lists.count) { contains(lists[$0], $1) }
            guard code != 0 else { continue }
            documents.append(document)
            codes.append(code)
        }
        return PhraseHits(documents: documents[...], codes: codes[...])
    }

    /// Several tokens, each one term (no prefix): the common case, walked with one
    /// cursor per term's postings (candidates come in document order) and the positions
    /// read in place, without copying them.
    private static func consecutiveTerms(_ terms: [Int], candidates: ArraySlice<UInt32>, in segment: IndexSegment) -> PhraseHits {
        let postingDocuments = segment.postingDocuments
        let starts = segment.occurrenceStarts
        let occurrences = segment.occurrences
        let postings = terms.map { segment.postings(of: $0) }
        var cursors = postings.map(\.lowerBound)
        var places = [Range<Int>](repeating: 0..<0, count: terms.count)
        var documents: [UInt32] = []
        var codes: [UInt32] = []
        for document in candidates {
            for index in terms.indices {
                var cursor = cursors[index]
                while postingDocuments[cursor] < document { cursor += 1 }
                cursors[index] = cursor
                places[index] = Int(starts[cursor])..<Int(starts[cursor + 1])
            }
            let code = phraseCode(starts: occurrences[places[0]], tokens: terms.count) { token, position in
                search(occurrences, in: places[token], for: position) != nil
            }
            guard code != 0 else { continue }
            documents.append(document)
            codes.append(code)
        }
        return PhraseHits(documents: documents[...], codes: codes[...])
    }

    /// The frequency code of a phrase's instances in one document: each occurrence of its
    /// first token that the next tokens follow at consecutive positions
    /// (`holds(token, position)`); 0 when there is none.
    private static func phraseCode<S: Sequence<UInt32>>(starts: S, tokens: Int, holds: (Int, UInt32) -> Bool) -> UInt32 {
        var code: UInt32 = 0
        for start in starts where (1..<tokens).allSatisfy({ holds($0, start &+ UInt32($0)) }) {
            code = TermFrequency.adding(start, to: code)
        }
        return code
    }

    /// The sorted occurrences in `document` of the terms of `range`.
    private static func occurrences(of range: Range<Int>, document: UInt32, in segment: IndexSegment) -> [UInt32] {
        var result: [UInt32] = []
        for term in range {
            let postings = segment.postings(of: term)
            if let posting = search(segment.postingDocuments, in: postings, for: document) {
                result.append(contentsOf: segment.occurrences[segment.occurrences(of: posting)])
            }
        }
        if range.count > 1 { result.sort() }
        return result
    }

    /// The index in `array[range]` (sorted) holding `value`, if any.
    static func search(_ array: [UInt32], in range: Range<Int>, for value: UInt32) -> Int? {
        let index = lowerBound(array, in: range, value)
        return index < range.upperBound && array[index] == value ? index : nil
    }

    /// The first index in `array[range]` (sorted) whose value is at least `value`.
    @inline(__always)
    static func lowerBound<C: RandomAccessCollection<UInt32>>(_ array: C, in range: Range<Int>, _ value: UInt32) -> Int
    where C.Index == Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if array[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        search(sorted, in: sorted.indices, for: value) != nil
    }

    static func intersect(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(min(a.count, b.count))
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    static func union(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count + b.count)
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i == a.endIndex || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    static func subtract(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count)
        var j = b.startIndex
        for value in a {
            while j < b.endIndex, b[j] < value { j += 1 }
            if j < b.endIndex, b[j] == value { continue }
            result.append(value)
        }
        return result
    }
}
