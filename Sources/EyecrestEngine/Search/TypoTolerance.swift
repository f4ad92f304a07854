import Foundation
import GRDB

/// Typo tolerance: a query word that the dataset lacks, or holds in only a few sections,
/// also matches the index terms one edit away (words of 5 or more letters) or two (9 or
/// more), ranked below the word itself (``neighbourWeight``).
///
/// The index holds Porter stems, and a typo can stop the stemmer from cutting a suffix
/// (`dyanmic` stays whole, `dynamic` is indexed as `dynam`; `pagnation` is `pagnat`,
/// `pagination` is `pagin`). So neighbours are found two ways: for a word the dataset
/// lacks, every word one edit from it as typed is stemmed as the index would stem it and
/// looked up; and the dictionary's terms that start like the stem are compared with it.
/// Only the neighbours of the fewest edits are kept, the most frequent first.
///
/// Neighbours are taken from every shard's dictionary and counted over live sections,
/// so a dataset answers the same whatever its shard count. Words with letters outside
/// a–z once their diacritics are folded (`ß`, any CJK) are left as they are.
enum TypoTolerance {
    /// A word found in more live sections than this is never corrected.
    static let rareDocuments = 3
    /// A word found in some sections is corrected only toward a term this many times as
    /// frequent: a rare word is usually meant.
    static let rareFactor = 10
    static let maxNeighbours = 3
    /// A neighbour's share of its IDF.
    static let neighbourWeight = 0.6

    /// The largest edit distance allowed for a word of `letters` letters.
    static func maxDistance(letters: Int) -> Int {
        letters >= 9 ? 2 : (letters >= 5 ? 1 : 0)
    }

    /// The corrections of `plan`'s words in the dataset whose shards' indexes are
    /// `snapshots`, in query order; `tokenizer` stems words as the index does.
    /// Words whose token `skipping` accepts (a synonym's trigger) are left as they are.
    static func corrections(
        for plan: SearchPlan, in snapshots: [IndexSnapshot], tokenizer: any FTS5Tokenizer, skipping: (String) -> Bool = { _ in false }
    ) throws -> [Correction] {
        var result: [Correction] = []
        var seen: Set<String> = []
        for candidate in plan.correctableWords where !skipping(candidate.token) && seen.insert(candidate.token).inserted {
            // Punctuation around a word (`pagnation?`) is not part of it; its diacritics
            // are folded as the index folds them (`intéresant` is edited as `interesant`).
            let folded = candidate.word.utf8.allSatisfy { $0 < 0x80 }
                ? candidate.word : candidate.word.folding(options: .diacriticInsensitive, locale: nil)
            let word = Array(folded.utf8.drop { !isLetter($0) }.reversed().drop { !isLetter($0) }.reversed())
            let limit = maxDistance(letters: word.count)
            guard limit > 0, isLowercaseLetters(word), isLowercaseLetters(Array(candidate.token.utf8)) else { continue }
            // Most words are common: counting their postings, deleted ones included, is enough.
            guard postings(of: candidate.token, in: snapshots, atMost: rareDocuments) else { continue }
            let frequency = liveDocuments(of: candidate.token, in: snapshots)
            guard frequency <= rareDocuments else { continue }
            // Stemming ~50 variants per letter costs milliseconds: only for a word the
            // dataset lacks, which is where a typo blocks the stemmer and nothing else helps.
            var costs = frequency > 0 ? [:] : try stemsOfOneEdit(word, tokenizer: tokenizer).reduce(into: [String: Int]()) { $0[$1] = 1 }
            for (term, distance) in dictionaryNeighbours(of: candidate.token, limit: limit, in: snapshots) {
                costs[term] = min(costs[term] ?? .max, distance)
            }
            costs[candidate.token] = nil
            let counted = costs.map { (term: $0.key, cost: $0.value, documents: liveDocuments(of: $0.key, in: snapshots)) }
                .filter { $0.documents > 0 && $0.documents >= frequency * rareFactor }
            guard let fewest = counted.map(\.cost).min() else { continue }
            let neighbours = counted.filter { $0.cost == fewest }
                .sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.term < $1.term }
                .prefix(maxNeighbours)
            result.append(Correction(word: candidate, terms: neighbours.map(\.term)))
        }
        return result
    }

    /// The alternatives a plan is rebuilt with.
    static func alternatives(_ corrections: [Correction]) -> [String: [WordAlternative]] {
        Dictionary(corrections.map { correction in
            (correction.word.token, correction.terms.map { WordAlternative(tokens: [$0], weight: neighbourWeight) })
        }, uniquingKeysWith: +)
    }

    /// A word and the neighbours it also matches.
    struct Correction {
        var word: CorrectableWord
        var terms: [String]

        var reported: TypoCorrection { TypoCorrection(word: word.word, terms: terms) }
    }

    /// The stems of the words one insertion, deletion, substitution or transposition of
    /// a–z letters away from `word`.
    private static func stemsOfOneEdit(_ word: [UInt8], tokenizer: any FTS5Tokenizer) throws -> Set<String> {
        let letters = Array(UInt8(ascii: "a")...UInt8(ascii: "z"))
        var edits: Set<[UInt8]> = []
        for index in word.indices {
            var deleted = word
            deleted.remove(at: index)
            edits.insert(deleted)
            if index + 1 < word.count {
                var swapped = word
                swapped.swapAt(index, index + 1)
                edits.insert(swapped)
            }
            for letter in letters where letter != word[index] {
                var substituted = word
                substituted[index] = letter
                edits.insert(substituted)
            }
        }
        for index in 0...word.count {
            for letter in letters {
                var inserted = word
                inserted.insert(letter, at: index)
                edits.insert(inserted)
            }
        }
        var stems: Set<String> = []
        for edit in edits {
            let tokens = try tokenizer.indexTokens(ofQuery: String(decoding: edit, as: UTF8.self))
            if tokens.count == 1 { stems.insert(tokens[0]) }
        }
        return stems
    }

    /// The dictionary's terms within `limit` edits of `stem`, with their distances. Only
    /// terms that start with the stem's first or second letter (a swap of the first two)
    /// are compared, found by binary search in each segment's sorted dictionary: people
    /// rarely mistype a word's first letter, and a scan of every term of every segment
    /// cost milliseconds.
    private static func dictionaryNeighbours(of stem: String, limit: Int, in snapshots: [IndexSnapshot]) -> [String: Int] {
        let key = Array(stem.utf8)
        guard let first = key.first else { return [:] }
        let heads = key.count > 1 && key[1] != first ? [first, key[1]] : [first]
        var measure = BoundedEditDistance(from: key, limit: limit)
        var found: [String: Int] = [:]
        for snapshot in snapshots {
            for segment in snapshot.segments {
                segment.termBytes.withUnsafeBufferPointer { bytes in
                    segment.termStarts.withUnsafeBufferPointer { starts in
                        for head in heads {
                            for number in segment.terms(matching: [head], prefix: true) {
                                let (start, end) = (Int(starts[number]), Int(starts[number + 1]))
                                guard abs(end - start - key.count) <= limit else { continue }
                                let term = UnsafeBufferPointer(rebasing: bytes[start..<end])
                                guard let distance = measure.distance(to: term) else { continue }
                                found[String(decoding: term, as: UTF8.self)] = distance
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// Whether the token has at most `limit` postings in all, live or deleted: a bound on
    /// its live documents read from the dictionary alone.
    private static func postings(of token: String, in snapshots: [IndexSnapshot], atMost limit: Int) -> Bool {
        let key = Array(token.utf8)
        var total = 0
        for snapshot in snapshots {
            for segment in snapshot.segments {
                for term in segment.terms(matching: key, prefix: false) { total += segment.postings(of: term).count }
                if total > limit { return false }
            }
        }
        return true
    }

    private static func liveDocuments(of token: String, in snapshots: [IndexSnapshot]) -> Int {
        let phrase = IndexPhrase(tokens: [token], isPrefix: false)
        return snapshots.reduce(0) { total, snapshot in
            zip(snapshot.segments, snapshot.deletions).reduce(total) { $0 + PhraseMatcher.hits(of: phrase, in: $1.0, deleted: $1.1).documents.count }
        }
    }

    private static func isLowercaseLetters(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isLetter)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
}

/// A query word typo tolerance corrected, and the index terms (Porter stems, as the
/// index holds them) it also matched.
public struct TypoCorrection: Sendable, Equatable {
    public var word: String
    public var terms: [String]
}
