import GRDB
import Synchronization

/// A dataset's ``SynonymRules`` as the query planner uses them: for each index token
/// that triggers a rule, the token sequences that also satisfy it.
struct SynonymTable: Sendable {
    /// The plan's alternatives, by the token that triggers them: every synonym counts as
    /// the word itself.
    private(set) var wordAlternatives: [String: [WordAlternative]] = [:]

    /// Tokenizes every word of `rules` as the index does. A rule word that is not exactly
    /// one token (`node.js`, punctuation only) never triggers.
    init(_ rules: SynonymRules, tokenizer: any FTS5Tokenizer) throws {
        func tokens(_ word: String) throws -> [String] {
            try tokenizer.indexTokens(ofQuery: word)
        }
        for group in rules.groups {
            let members = try group.map(tokens).filter { !$0.isEmpty }
            for member in members where member.count == 1 {
                add(members.filter { $0 != member }, to: member[0])
            }
        }
        for rule in rules.oneWay {
            let word = try tokens(rule.word)
            guard word.count == 1 else { continue }
            add(try rule.synonyms.map(tokens).filter { !$0.isEmpty && $0 != word }, to: word[0])
        }
    }

    private mutating func add(_ phrases: [[String]], to token: String) {
        var list = wordAlternatives[token, default: []]
        for phrase in phrases where !list.contains(where: { $0.tokens == phrase }) {
            list.append(WordAlternative(tokens: phrase, weight: 1))
        }
        wordAlternatives[token] = list
    }
}

/// The rules a dataset's open handle searches with, compiled once on first use.
final class SynonymCache: Sendable {
    let rules: SynonymRules
    private let compiled = Mutex<SynonymTable?>(nil)

    init(_ rules: SynonymRules) { self.rules = rules }

    static let none = SynonymCache(.empty)

    func table(tokenizer: any FTS5Tokenizer) throws -> SynonymTable? {
        guard !rules.isEmpty else { return nil }
        if let table = compiled.withLock({ $0 }) { return table }
        let table = try SynonymTable(rules, tokenizer: tokenizer)
        compiled.withLock { $0 = table }
        return table
    }
}
