/// A parsed search query in eyecrest's query language.
///
/// The language: words (all must match, with relaxation when too few sections match),
/// `"exact phrase"`, `OR`, `NOT word` or `-word`, `prefix*`, parentheses, and an
/// explicit `AND` that means the same as a space. Operators are upper case; `or` and
/// `not` are ordinary words. Every term becomes a phrase of its tokens: see
/// ``SearchPlan``.
///
/// A leading dash is also how command lines write options, so `-word` excludes only
/// where an option cannot be meant (see ``QueryParser/dashNegates(after:)``).
indirect enum QueryNode: Equatable, Sendable {
    case term(QueryTerm)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)

    /// Whether anything in the node is searched for rather than excluded.
    var hasPositiveTerm: Bool {
        switch self {
        case .term: true
        case .and(let parts), .or(let parts): parts.contains(where: \.hasPositiveTerm)
        case .not: false
        }
    }
}

struct QueryTerm: Equatable, Sendable, Hashable {
    enum Kind: Equatable, Sendable, Hashable { case word, phrase, prefix }
    var text: String
    var kind: Kind
}

/// A forgiving recursive-descent parser: unbalanced parentheses and quotes, dangling
/// operators and stray symbols are repaired or dropped, never reported, because a search
/// box must answer whatever is typed into it (docs/engine.md, "Query language").
struct QueryParser {
    /// Deeper nesting is flattened: it only serves to make the parser recurse.
    static let maxDepth = 16

    private enum Token: Equatable {
        case word(String), phrase(String), open, close, or, and, not
    }

    private var tokens: [Token]
    private var position = 0

    static func parse(_ query: String) -> QueryNode? {
        let root = parse(tokens: lex(query, dashNegates: true))
        // A query of exclusions alone would find nothing: its `-word`s are options
        // (`-exec`), searched as words. `NOT word` stays an exclusion.
        guard let root, !root.hasPositiveTerm else { return root }
        return parse(tokens: lex(query, dashNegates: false))
    }

    private static func parse(tokens: [Token]) -> QueryNode? {
        var parser = QueryParser(tokens: tokens)
        var nodes: [QueryNode] = []
        while parser.position < parser.tokens.count {
            if let node = parser.parseOr(depth: 0) { nodes.append(node) } else { parser.position += 1 }
        }
        return simplify(nodes.count == 1 ? nodes[0] : .and(nodes))
    }

    /// Whether a single-dash word (`-x`, `-exec`) coming after `tokens` is an exclusion.
    ///
    /// Right after a plain positive word it is that word's option, the way a command
    /// line is written (`find -exec`, `curl -X POST`, `ssh -L`, `tar -x -z`), and is
    /// searched as a word. Anywhere else it excludes: at the start of the query, after an
    /// operator, a phrase, a prefix (`conf*`), a parenthesized group or another exclusion
    /// (`-windows installer`, `"borrow checker" -async`, `installer NOT windows -linux`).
    /// `NOT word` always excludes, and `--word` never does.
    private static func dashNegates(after tokens: ArraySlice<Token>) -> Bool {
        guard case .word(let previous) = tokens.last, !previous.hasSuffix("*") else { return true }
        return tokens.dropLast().last == .not
    }

    private static func lex(_ query: String, dashNegates: Bool) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var scalars = query.unicodeScalars.makeIterator()
        func flush() {
            guard !word.isEmpty else { return }
            switch word {
            case "OR", "|": tokens.append(.or)
            case "AND", "&&": tokens.append(.and)
            case "NOT": tokens.append(.not)
            default:
                if dashNegates, word.hasPrefix("-"), word.count > 1, !word.hasPrefix("--"),
                    Self.dashNegates(after: tokens[...])
                {
                    tokens.append(.not)
                    tokens.append(.word(String(word.dropFirst())))
                } else {
                    tokens.append(.word(word))
                }
            }
            word = ""
        }
        while let scalar = scalars.next() {
            switch scalar {
            case "\"":
                flush()
                var phrase = ""
                while let next = scalars.next(), next != "\"" {
                    // Control characters are spaces, as outside quotes.
                    phrase.unicodeScalars.append(next.properties.generalCategory == .control ? " " : next)
                }
                tokens.append(.phrase(phrase))
            case "(": flush(); tokens.append(.open)
            case ")": flush(); tokens.append(.close)
            default:
                if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                    flush()
                } else {
                    word.unicodeScalars.append(scalar)
                }
            }
        }
        flush()
        return tokens
    }

    private mutating func parseOr(depth: Int) -> QueryNode? {
        var branches: [QueryNode] = []
        if let first = parseAnd(depth: depth) { branches.append(first) }
        while position < tokens.count, tokens[position] == .or {
            position += 1
            if let next = parseAnd(depth: depth) { branches.append(next) }
        }
        if branches.isEmpty { return nil }
        return branches.count == 1 ? branches[0] : .or(branches)
    }

    private mutating func parseAnd(depth: Int) -> QueryNode? {
        var parts: [QueryNode] = []
        loop: while position < tokens.count {
            switch tokens[position] {
            case .or, .close: break loop
            case .and: position += 1
            default: if let node = parseUnary(depth: depth) { parts.append(node) }
            }
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseUnary(depth: Int) -> QueryNode? {
        guard position < tokens.count else { return nil }
        switch tokens[position] {
        case .not:
            position += 1
            return parseUnary(depth: depth).map { .not($0) }
        case .open:
            position += 1
            let inner = depth < Self.maxDepth ? parseOr(depth: depth + 1) : parseOr(depth: depth)
            if position < tokens.count, tokens[position] == .close { position += 1 }
            return inner
        case .word(let text):
            position += 1
            if text.hasSuffix("*") {
                let stem = String(text.drop(while: { $0 == "*" }).reversed().drop(while: { $0 == "*" }).reversed())
                return stem.isEmpty ? nil : .term(QueryTerm(text: stem, kind: .prefix))
            }
            return .term(QueryTerm(text: text, kind: .word))
        case .phrase(let text):
            position += 1
            return .term(QueryTerm(text: text, kind: .phrase))
        case .or, .and, .close:
            position += 1
            return nil
        }
    }

    /// Flattens nested ANDs/ORs and removes double negation.
    static func simplify(_ node: QueryNode) -> QueryNode? {
        switch node {
        case .term: return node
        case .not(let inner):
            guard let inner = simplify(inner) else { return nil }
            if case .not(let positive) = inner { return positive }
            return .not(inner)
        case .and(let parts):
            let flat = parts.compactMap(simplify).flatMap { part -> [QueryNode] in
                if case .and(let nested) = part { return nested }
                return [part]
            }
            return flat.isEmpty ? nil : flat.count == 1 ? flat[0] : .and(flat)
        case .or(let parts):
            let flat = parts.compactMap(simplify).flatMap { part -> [QueryNode] in
                if case .or(let nested) = part { return nested }
                return [part]
            }
            return flat.isEmpty ? nil : flat.count == 1 ? flat[0] : .or(flat)
        }
    }
}
