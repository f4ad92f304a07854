import EyecrestEngine
import EyecrestMarkdown
import Foundation

/// A seeded, reproducible query set derived from the corpus itself: 50 queries each of
/// rare, medium and common single words, two-word AND, two-word phrases, and 3–4
/// letter prefixes. Frequencies are counted per file over lowercase ASCII words.
struct QueryGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func queries(for corpus: Corpus, perKind: Int = 50) -> [String] {
        var frequency: [String: Int] = [:]
        var fileWords: [[String]] = []
        for file in corpus.files {
            let words = Self.words(in: file.content)
            fileWords.append(words)
            for word in Set(words) { frequency[word, default: 0] += 1 }
        }
        let byFrequency = frequency.filter { !SearchStopwords.contains($0.key) }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let rare = byFrequency.filter { (2...5).contains($0.value) }.map(\.key)
        let medium = byFrequency.filter { (20...200).contains($0.value) }.map(\.key)
        let common = byFrequency.prefix(200).map(\.key)
        let mediumSet = Set(medium), commonSet = Set(common)
        var queries: [String] = []
        queries += pick(rare, perKind)
        queries += pick(medium, perKind)
        queries += pick(common, perKind)
        var attempts = 0
        while queries.count < 4 * perKind, attempts < 100_000 {
            attempts += 1
            let words = fileWords[random.next(below: fileWords.count)].filter { mediumSet.contains($0) || commonSet.contains($0) }
            guard words.count >= 2 else { continue }
            let a = words[random.next(below: words.count)], b = words[random.next(below: words.count)]
            if a != b { queries.append("\(a) \(b)") }
        }
        attempts = 0
        while queries.count < 5 * perKind, attempts < 100_000 {
            attempts += 1
            let words = fileWords[random.next(below: fileWords.count)]
            guard words.count >= 2 else { continue }
            let index = random.next(below: words.count - 1)
            queries.append("\"\(words[index]) \(words[index + 1])\"")
        }
        let prefixSource = Array(common) + medium.prefix(300)
        for _ in 0..<perKind where !prefixSource.isEmpty {
            let word = prefixSource[random.next(below: prefixSource.count)]
            queries.append(String(word.prefix(3 + random.next(below: 2))) + "*")
        }
        return queries
    }

    private mutating func pick(_ pool: [String], _ count: Int) -> [String] {
        guard !pool.isEmpty else { return [] }
        return (0..<count).map { _ in pool[random.next(below: pool.count)] }
    }

    /// Lowercase ASCII letter runs of 3 to 15 letters, in order.
    static func words(in content: Data) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if (3...15).contains(current.count) { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in content {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            default: flush()
            }
        }
        flush()
        return words
    }
}

private let SearchStopwords: Set<String> = [
    "the", "and", "for", "are", "with", "this", "that", "from", "you", "your", "can", "not", "but", "have", "will", "its",
]

