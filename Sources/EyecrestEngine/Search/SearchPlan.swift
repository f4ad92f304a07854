import EyecrestMarkdown
import GRDB

/// A query turned into what the index matches and ranks, plus what snippets need.
///
/// Each term becomes one phrase: its tokens as the index's tokenizer reads them, so no
/// operator, `NEAR(`, `^` or column name the user typed means anything but its words.
/// Phrases are numbered in query order and each belongs to a group (a top-level word,
/// phrase or parenthesized expression), or to none when negated:
/// - `allMatch`: every group must match (the AND pass);
/// - `anyMatch`: at least one group (the relaxed pass, scores weighted by coverage).
/// `allTerms` and `anyTerm` render both in FTS5's syntax, which is how tests and
/// diagnostics read a plan.
struct SearchPlan: Sendable {
    /// For each phrase, its group, or -1 when it is negated.
    var phraseGroups: [Int]
    /// What the user typed for each group, for "which words matched".
    var groupLabels: [String]
    /// Stemmed tokens of the positive terms, for snippet highlighting.
    var highlightTokens: [HighlightToken]
    /// Each phrase's tokens, and the two passes as trees over phrase numbers.
    var phrases: [IndexPhrase]
    var allMatch: MatchNode
    var anyMatch: MatchNode
    /// Each phrase as FTS5 would quote it (`"text"`, `"pre" *`), for the renderings.
    var phraseTexts: [String]
    /// Each phrase's share of its IDF: 1 for what the user typed, less for the
    /// alternatives added to a word (typo neighbours, synonyms), so that they rank below
    /// the word itself.
    var phraseWeights: [Double]
    /// The plain words of the query that typo tolerance may correct (one token each,
    /// neither quoted, nor a prefix, nor negated).
    var correctableWords: [CorrectableWord]

    var groupCount: Int { groupLabels.count }
    var allTerms: String { allMatch.rendered(phraseTexts) }
    var anyTerm: String { anyMatch.rendered(phraseTexts) }
    var everyPhrase: String { phraseTexts.joined(separator: " OR ") }

    /// Phrases beyond this are ignored, bounding the work one query can ask for.
    static let maxPhrases = 64

    /// Builds the plan, or nil when nothing searchable is left (only symbols, only
    /// negations): such a query matches nothing.
    ///
    /// `alternatives` adds, to each plain word of the query that is one index token
    /// (keyed by that token), more index phrases that also satisfy it, with their weights.
    static func make(
        query: String, tokenizer: any FTS5Tokenizer, alternatives: [String: [WordAlternative]] = [:]
    ) throws -> SearchPlan? {
        guard let root = QueryParser.parse(query) else { return nil }
        var builder = Builder(tokenizer: tokenizer, alternatives: alternatives)
        return try builder.build(root)
    }

    private struct Builder {
        let tokenizer: any FTS5Tokenizer
        let alternatives: [String: [WordAlternative]]
        var phraseGroups: [Int] = []
        var phrases: [String] = []
        var indexPhrases: [IndexPhrase] = []
        var weights: [Double] = []
        var highlights: [HighlightToken] = []
        var correctable: [CorrectableWord] = []

        init(tokenizer: any FTS5Tokenizer, alternatives: [String: [WordAlternative]]) {
            self.tokenizer = tokenizer
            self.alternatives = alternatives
        }

        mutating func build(_ root: QueryNode) throws -> SearchPlan? {
            let parts: [QueryNode]
            if case .and(let list) = root { parts = list } else { parts = [root] }
            // A top-level word in CJK script is searched as its character pairs (``CJKText``).
            var positives = parts.filter { if case .not = $0 { false } else { true } }.flatMap { part -> [QueryNode] in
                guard case .term(let term) = part, term.kind == .word, let words = CJKText.queryWords(term.text) else { return [part] }
                return words.map { .term(QueryTerm(text: $0, kind: .word)) }
            }
            let negatives = parts.compactMap { part -> QueryNode? in if case .not(let inner) = part { inner } else { nil } }
            // Stopwords leave queries that have other words: they are neither required,
            // nor counted as coverage, nor highlighted, nor listed in `terms` (which says
            // what was searched). A query made only of them is searched as typed.
            let contentWords = positives.filter { !Self.isStopword($0) }
            if !contentWords.isEmpty { positives = contentWords }

            var groups: [MatchNode] = []
            var labels: [String] = []
            for part in positives.prefix(RankingModel.maxGroups) {
                let group = labels.count
                guard let rendered = try renderAtomically(part, group: group) else { continue }
                groups.append(rendered)
                labels.append(Self.label(part))
            }
            guard !groups.isEmpty else { return nil }
            var negated: [MatchNode] = []
            for part in negatives { if let rendered = try renderAtomically(part, group: -1) { negated.append(rendered) } }
            return SearchPlan(
                phraseGroups: phraseGroups, groupLabels: labels, highlightTokens: highlights, phrases: indexPhrases,
                allMatch: MatchNode.without(.all(groups), negated), anyMatch: MatchNode.without(.any(groups), negated),
                phraseTexts: phrases, phraseWeights: weights, correctableWords: correctable)
        }

        /// Registers one phrase under `group`.
        mutating func register(_ quoted: String, tokens: [String], prefix: Bool, group: Int, weight: Double = 1) -> MatchNode {
            phrases.append(quoted)
            phraseGroups.append(group)
            indexPhrases.append(IndexPhrase(tokens: tokens, isPrefix: prefix))
            weights.append(weight)
            return .phrase(phrases.count - 1)
        }

        /// A code identifier typed as a query word (`user_data`, `--dry-run`) also matches
        /// its joined form, which the index holds only where the identifier itself is
        /// written (``IdentifierSplitter/joinedForms(of:)``): those sections match both
        /// branches and rank first. The joined form is a prefix, so that `import.meta.env`
        /// also finds `import.meta.env.SITE`, whose joined form is longer. Not
        /// highlighted: the joined form is not in the text.
        mutating func joinedIdentifier(_ word: String, group: Int) throws -> MatchNode? {
            let forms = IdentifierSplitter.joinedForms(of: word)
            guard group >= 0, forms.count == 1, phrases.count < SearchPlan.maxPhrases else { return nil }
            let tokens = try tokenizer.indexTokens(ofQuery: forms[0])
            guard tokens.count == 1 else { return nil }
            return register("\"" + forms[0] + "\" *", tokens: tokens, prefix: true, group: group)
        }

        /// The token's alternatives as more branches of its group, each highlighted too.
        mutating func alternativeBranches(of token: String, group: Int) -> [MatchNode] {
            guard group >= 0, let choices = alternatives[token] else { return [] }
            var branches: [MatchNode] = []
            for choice in choices where !choice.tokens.isEmpty && phrases.count < SearchPlan.maxPhrases {
                let text = choice.tokens.joined(separator: " ")
                branches.append(register("\"" + text + "\"", tokens: choice.tokens, prefix: false, group: group, weight: choice.weight))
                highlights += choice.tokens.map { HighlightToken(token: $0, isPrefix: false) }
            }
            return branches
        }

        /// The index holds porter stems, which can be shorter than a prefix the caller
        /// typed: "iterat*" is meant to find "iterator", indexed as "iter". A prefix matches
        /// only stems that start with the prefix, so the stems a word starting with it
        /// could have been cut to (the prefix less up to three letters, at least three
        /// left) are searched as exact tokens too. Porter stems only English words, so
        /// only prefixes of ASCII letters get them.
        static func stemsBelow(prefix: String) -> [String] {
            let letters = Array(prefix.utf8)
            guard letters.count >= 4, letters.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return [] }
            return (max(3, letters.count - 3)..<letters.count).map { String(decoding: letters[0..<$0], as: UTF8.self) }
        }

        /// Renders a node, registering its phrases under `group`. Returns nil when the
        /// node holds nothing searchable.
        mutating func render(_ node: QueryNode, group: Int) throws -> MatchNode? {
            switch node {
            case .term(let term):
                guard phrases.count < SearchPlan.maxPhrases else { return nil }
                let tokens = try queryTokens(term.text)
                guard !tokens.isEmpty else { return nil }
                let quoted = "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let isPrefix = term.kind == .prefix
                let rendered = register(isPrefix ? quoted + " *" : quoted, tokens: tokens, prefix: isPrefix, group: group)
                if group >= 0 {
                    for (index, token) in tokens.enumerated() {
                        highlights.append(HighlightToken(token: token, isPrefix: isPrefix && index == tokens.count - 1))
                    }
                }
                if term.kind == .word, tokens.count == 1 {
                    if group >= 0 { correctable.append(CorrectableWord(word: term.text.lowercased(), token: tokens[0])) }
                    let branches = alternativeBranches(of: tokens[0], group: group)
                    return branches.isEmpty ? rendered : .any([rendered] + branches)
                }
                if term.kind == .word, tokens.count > 1, let joined = try joinedIdentifier(term.text, group: group) {
                    return .any([rendered, joined])
                }
                guard isPrefix, tokens.count == 1 else { return rendered }
                var branches = [rendered]
                for stem in Self.stemsBelow(prefix: tokens[0]).prefix(SearchPlan.maxPhrases - phrases.count) {
                    // Tokenized again, as a word of the query would be.
                    branches.append(register("\"" + stem + "\"", tokens: try queryTokens(stem), prefix: false, group: group))
                    if group >= 0 { highlights.append(HighlightToken(token: stem, isPrefix: false)) }
                }
                return branches.count > 1 ? .any(branches) : rendered
            case .and(let parts):
                var positives: [MatchNode] = []
                var negatives: [MatchNode] = []
                // Positives first: when none is left, the negations must not be registered.
                for part in parts {
                    if case .not = part { continue }
                    if let rendered = try renderAtomically(part, group: group) { positives.append(rendered) }
                }
                guard !positives.isEmpty else { return nil }
                for part in parts {
                    if case .not(let inner) = part, let rendered = try renderAtomically(inner, group: -1) {
                        negatives.append(rendered)
                    }
                }
                return negatives.isEmpty ? .all(positives) : .excluding(.all(positives), negatives)
            case .or(let parts):
                var branches: [MatchNode] = []
                for part in parts {
                    if case .not = part { continue }
                    if let rendered = try renderAtomically(part, group: group) { branches.append(rendered) }
                }
                guard !branches.isEmpty else { return nil }
                return branches.count == 1 ? branches[0] : .any(branches)
            case .not:
                return nil
            }
        }

        private func queryTokens(_ text: String) throws -> [String] {
            try tokenizer.indexTokens(ofQuery: text)
        }

        /// Renders `node`, or leaves no trace of it: a phrase registered for a node that is
        /// then dropped would shift the phrase numbering against `phraseGroups`.
        mutating func renderAtomically(_ node: QueryNode, group: Int) throws -> MatchNode? {
            let marks = (phrases.count, highlights.count, correctable.count)
            if let rendered = try render(node, group: group) { return rendered }
            phrases.removeLast(phrases.count - marks.0)
            phraseGroups.removeLast(phraseGroups.count - marks.0)
            indexPhrases.removeLast(indexPhrases.count - marks.0)
            weights.removeLast(weights.count - marks.0)
            highlights.removeLast(highlights.count - marks.1)
            correctable.removeLast(correctable.count - marks.2)
            return nil
        }

        static func isStopword(_ node: QueryNode) -> Bool {
            if case .term(let term) = node, term.kind == .word { return QueryStopwords.contains(term.text) }
            return false
        }

        static func label(_ node: QueryNode) -> String {
            switch node {
            case .term(let term):
                switch term.kind {
                case .word: term.text
                case .phrase: "\"" + term.text + "\""
                case .prefix: term.text + "*"
                }
            case .and(let parts): "(" + parts.map(label).joined(separator: " ") + ")"
            case .or(let parts): "(" + parts.map(label).joined(separator: " OR ") + ")"
            case .not(let inner): "-" + label(inner)
            }
        }
    }
}

/// Another index phrase that satisfies a query word (a typo neighbour, a synonym), and
/// its share of the IDF.
struct WordAlternative: Sendable, Hashable {
    var tokens: [String]
    var weight: Double
}

/// A plain query word as typed (lowercased) and its one index token.
struct CorrectableWord: Sendable, Hashable {
    var word: String
    var token: String
}

/// A stemmed query token to highlight; a prefix token matches any token it starts.
struct HighlightToken: Sendable, Hashable {
    var token: String
    var isPrefix: Bool
}

/// One phrase of a query as the index matches it: consecutive tokens in one field, the
/// last one standing for every token it starts when `isPrefix`.
struct IndexPhrase: Sendable, Equatable {
    var tokens: [String]
    var isPrefix: Bool
}

/// A match expression over a plan's phrases (by number): `all` is AND, `any` is OR,
/// `excluding` is `NOT`.
indirect enum MatchNode: Sendable, Equatable {
    case phrase(Int)
    case all([MatchNode])
    case any([MatchNode])
    case excluding(MatchNode, [MatchNode])

    /// Leaves out a one-child `all`/`any` and an empty exclusion.
    static func without(_ positive: MatchNode, _ negatives: [MatchNode]) -> MatchNode {
        let simplified: MatchNode
        switch positive {
        case .all(let nodes) where nodes.count == 1, .any(let nodes) where nodes.count == 1: simplified = nodes[0]
        default: simplified = positive
        }
        return negatives.isEmpty ? simplified : .excluding(simplified, negatives)
    }

    /// The expression in FTS5's syntax, `texts` being the quoted phrases.
    func rendered(_ texts: [String], nested: Bool = false) -> String {
        switch self {
        case .phrase(let index): return texts[index]
        case .all(let nodes): return "(" + nodes.map { $0.rendered(texts, nested: true) }.joined(separator: " AND ") + ")"
        case .any(let nodes): return "(" + nodes.map { $0.rendered(texts, nested: true) }.joined(separator: " OR ") + ")"
        case .excluding(let positive, let negatives):
            let exclusions = negatives.map { " NOT " + $0.rendered(texts, nested: true) }.joined()
            guard nested else { return positive.rendered(texts, nested: true) + exclusions }
            if case .all(let nodes) = positive {
                return "(" + nodes.map { $0.rendered(texts, nested: true) }.joined(separator: " AND ") + exclusions + ")"
            }
            return "(" + positive.rendered(texts, nested: true) + exclusions + ")"
        }
    }
}
