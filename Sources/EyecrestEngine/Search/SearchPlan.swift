import GRDB

/// A query turned into safe FTS5 expressions plus everything ranking and snippets need.
///
/// Every term becomes one quoted FTS5 string (`"` doubled), so no operator, column
/// filter, `NEAR(` or `^` the user typed can reach FTS5's parser; one quoted string is
/// one FTS5 phrase, which keeps phrase numbering under our control:
/// - `allTerms`: every top-level group must match (the AND pass);
/// - `anyTerm`: at least one group (the relaxed pass, ranked by coverage first);
/// - `everyPhrase`: an OR of every phrase, negated ones included, in the same order, so
///   that a shard can report document frequencies even when all its matches are negated.
struct SearchPlan: Sendable {
    var allTerms: String
    var anyTerm: String
    var everyPhrase: String
    /// For each phrase, its group, or -1 when it is negated (the ranking function's
    /// `groups` argument).
    var phraseGroups: [Int]
    /// What the user typed for each group, for "which words matched".
    var groupLabels: [String]
    /// Stemmed tokens of the positive terms, for snippet highlighting.
    var highlightTokens: [HighlightToken]

    /// Every positive phrase, for the heading-first pass's column filter.
    var positivePhrases: [String]

    /// The same expressions for eyecrest's own index (``SectionIndex``): each phrase's
    /// tokens, as FTS5 would read the quoted phrase, and the two passes as trees.
    var phrases: [IndexPhrase]
    var allMatch: MatchNode
    var anyMatch: MatchNode

    var groupCount: Int { groupLabels.count }
    var groupsArgument: String { phraseGroups.map(String.init).joined(separator: ",") }

    /// `allTerms` restricted to rows whose own heading holds a query phrase. The filter's
    /// phrases come after the query's own, so the original phrase numbering is kept, and
    /// they are marked `-2` (filter only) for the ranking function.
    var headingFirst: (expression: String, groups: String) {
        let filter = "{heading} : (" + positivePhrases.joined(separator: " OR ") + ")"
        let groups = phraseGroups + Array(repeating: -2, count: positivePhrases.count)
        return ("(" + allTerms + ") AND " + filter, groups.map(String.init).joined(separator: ","))
    }

    /// Phrases beyond this are ignored, bounding the work one query can ask for.
    static let maxPhrases = 64

    /// Builds the plan, or nil when nothing searchable is left (only symbols, only
    /// negations): such a query matches nothing.
    static func make(query: String, tokenizer: any FTS5Tokenizer) throws -> SearchPlan? {
        guard let root = QueryParser.parse(query) else { return nil }
        var builder = Builder(tokenizer: tokenizer)
        return try builder.build(root)
    }

    private struct Builder {
        let tokenizer: any FTS5Tokenizer
        var phraseGroups: [Int] = []
        var phrases: [String] = []
        var indexPhrases: [IndexPhrase] = []
        var highlights: [HighlightToken] = []

        init(tokenizer: any FTS5Tokenizer) { self.tokenizer = tokenizer }

        mutating func build(_ root: QueryNode) throws -> SearchPlan? {
            let parts: [QueryNode]
            if case .and(let list) = root { parts = list } else { parts = [root] }
            var positives = parts.filter { if case .not = $0 { false } else { true } }
            let negatives = parts.compactMap { part -> QueryNode? in if case .not(let inner) = part { inner } else { nil } }
            // Stopwords leave queries that have other words: they are neither required,
            // nor counted as coverage, nor highlighted, nor listed in `terms` (which says
            // what was searched). A query made only of them is searched as typed.
            let contentWords = positives.filter { !Self.isStopword($0) }
            if !contentWords.isEmpty { positives = contentWords }

            var groups: [Rendered] = []
            var labels: [String] = []
            for part in positives.prefix(RankingModel.maxGroups) {
                let group = labels.count
                guard let rendered = try renderAtomically(part, group: group) else { continue }
                groups.append(rendered)
                labels.append(Self.label(part))
            }
            guard !groups.isEmpty else { return nil }
            var negated: [Rendered] = []
            for part in negatives { if let rendered = try renderAtomically(part, group: -1) { negated.append(rendered) } }
            let exclusion = negated.map { " NOT " + $0.fts }.joined()
            let expressions = groups.map(\.fts)
            let all = expressions.count == 1 ? expressions[0] : "(" + expressions.joined(separator: " AND ") + ")"
            let any = expressions.count == 1 ? expressions[0] : "(" + expressions.joined(separator: " OR ") + ")"
            let nodes = groups.map(\.node)
            return SearchPlan(
                allTerms: all + exclusion, anyTerm: any + exclusion, everyPhrase: phrases.joined(separator: " OR "),
                phraseGroups: phraseGroups, groupLabels: labels, highlightTokens: highlights,
                positivePhrases: zip(phrases, phraseGroups).filter { $0.1 >= 0 }.map(\.0),
                phrases: indexPhrases,
                allMatch: MatchNode.without(.all(nodes), negated.map(\.node)),
                anyMatch: MatchNode.without(.any(nodes), negated.map(\.node)))
        }

        /// A node in both renderings: FTS5 syntax and the index's tree.
        struct Rendered {
            var fts: String
            var node: MatchNode
        }

        /// Registers one phrase under `group`; returns its FTS5 text and its node.
        mutating func register(_ quoted: String, tokens: [String], prefix: Bool, group: Int) -> Rendered {
            phrases.append(quoted)
            phraseGroups.append(group)
            indexPhrases.append(IndexPhrase(tokens: tokens, isPrefix: prefix))
            return Rendered(fts: quoted, node: .phrase(phrases.count - 1))
        }

        /// The index holds porter stems, which can be shorter than a prefix the caller
        /// typed: "iterat*" is meant to find "iterator", indexed as "iter". FTS5 matches
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
        mutating func render(_ node: QueryNode, group: Int) throws -> Rendered? {
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
                guard isPrefix, tokens.count == 1 else { return rendered }
                var branches = [rendered]
                for stem in Self.stemsBelow(prefix: tokens[0]).prefix(SearchPlan.maxPhrases - phrases.count) {
                    // FTS5 tokenizes the quoted stem again; so does the index's phrase.
                    branches.append(register("\"" + stem + "\"", tokens: try queryTokens(stem), prefix: false, group: group))
                    if group >= 0 { highlights.append(HighlightToken(token: stem, isPrefix: false)) }
                }
                guard branches.count > 1 else { return rendered }
                return Rendered(fts: "(" + branches.map(\.fts).joined(separator: " OR ") + ")", node: .any(branches.map(\.node)))
            case .and(let parts):
                var positives: [Rendered] = []
                var negatives: [Rendered] = []
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
                return Rendered(
                    fts: "(" + positives.map(\.fts).joined(separator: " AND ") + negatives.map { " NOT " + $0.fts }.joined() + ")",
                    node: .without(.all(positives.map(\.node)), negatives.map(\.node)))
            case .or(let parts):
                var branches: [Rendered] = []
                for part in parts {
                    if case .not = part { continue }
                    if let rendered = try renderAtomically(part, group: group) { branches.append(rendered) }
                }
                guard !branches.isEmpty else { return nil }
                if branches.count == 1 { return branches[0] }
                return Rendered(fts: "(" + branches.map(\.fts).joined(separator: " OR ") + ")", node: .any(branches.map(\.node)))
            case .not:
                return nil
            }
        }

        private func queryTokens(_ text: String) throws -> [String] {
            try tokenizer.tokenize(query: text).filter { !$0.flags.contains(.colocated) }.map(\.token)
        }

        /// Renders `node`, or leaves no trace of it: a phrase registered for a node that is
        /// then dropped would shift FTS5's phrase numbering against `phraseGroups`.
        mutating func renderAtomically(_ node: QueryNode, group: Int) throws -> Rendered? {
            let marks = (phrases.count, highlights.count)
            if let rendered = try render(node, group: group) { return rendered }
            phrases.removeLast(phrases.count - marks.0)
            phraseGroups.removeLast(phraseGroups.count - marks.0)
            indexPhrases.removeLast(indexPhrases.count - marks.0)
            highlights.removeLast(highlights.count - marks.1)
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

/// A match expression over a plan's phrases (by index), as FTS5 evaluates the same
/// expression: `all` is AND, `any` is OR, `excluding` is `NOT`.
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
}
