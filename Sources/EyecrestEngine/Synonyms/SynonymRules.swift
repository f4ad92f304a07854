/// A dataset's synonyms, applied at query time: a query word also matches its synonyms,
/// as Meilisearch and Typesense users expect.
///
/// - A **group** (`["k8s", "kubernetes", "kube"]`) is multi-way: any of its words finds
///   the others.
/// - A **one-way rule** (`js` → `javascript`) widens only its word: `js` finds
///   `javascript`, `javascript` does not find `js`.
///
/// Words are matched as the index reads them (lowercased, diacritics folded, Porter
/// stems), so `Cars` triggers a rule written for `car`. A rule's word must be one query
/// word; a synonym may be several (`ml` → `machine learning`), matched as a phrase.
public struct SynonymRules: Sendable, Equatable, Codable {
    public var groups: [[String]]
    public var oneWay: [OneWaySynonym]

    public init(groups: [[String]] = [], oneWay: [OneWaySynonym] = []) {
        self.groups = groups
        self.oneWay = oneWay
    }

    public static let empty = SynonymRules()
    public var isEmpty: Bool { groups.isEmpty && oneWay.isEmpty }

    /// At most this many rules (groups and one-way rules together) per dataset.
    public static let maxRules = 1_000
    /// At most this many words in a group, or synonyms in a one-way rule.
    public static let maxWordsPerRule = 32
    /// A word or synonym is at most this many bytes of UTF-8.
    public static let maxWordBytes = 100

    /// Checks the limits and that every word is something a query can hold.
    public func validate() throws(EngineError) {
        guard groups.count + oneWay.count <= Self.maxRules else {
            throw .limitExceeded("At most \(Self.maxRules) synonym rules (groups and one-way rules together) per dataset.")
        }
        for (index, group) in groups.enumerated() {
            let name = "groups[\(index)]"
            guard group.count >= 2 else { throw .invalidArgument("\(name) must hold at least 2 words.") }
            try Self.check(group, name, singleWords: true)
        }
        for (index, rule) in oneWay.enumerated() {
            let name = "oneWay[\(index)]"
            try Self.check([rule.word], name + ".word", singleWords: true)
            guard !rule.synonyms.isEmpty else { throw .invalidArgument("\(name).synonyms must hold at least 1 word.") }
            try Self.check(rule.synonyms, name + ".synonyms", singleWords: false)
        }
    }

    private static func check(_ words: [String], _ name: String, singleWords: Bool) throws(EngineError) {
        guard words.count <= maxWordsPerRule else { throw .limitExceeded("\(name) holds more than \(maxWordsPerRule) words.") }
        for word in words {
            guard !word.allSatisfy(\.isWhitespace) else { throw .invalidArgument("\(name) holds an empty word.") }
            guard word.utf8.count <= maxWordBytes else { throw .limitExceeded("\(name) holds a word longer than \(maxWordBytes) bytes.") }
            guard !word.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidArgument("\(name) holds a control character.")
            }
            if singleWords, word.contains(where: \.isWhitespace) {
                throw .invalidArgument("\(name) holds '\(word.prefix(40))': a word that triggers synonyms is one word, without spaces.")
            }
        }
    }
}

/// `word` also matches each of `synonyms`; not the other way round.
public struct OneWaySynonym: Sendable, Equatable, Codable {
    public var word: String
    public var synonyms: [String]

    public init(word: String, synonyms: [String]) {
        self.word = word
        self.synonyms = synonyms
    }
}
