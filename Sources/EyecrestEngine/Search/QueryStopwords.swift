import Foundation

/// The English words a query can do without: question words, auxiliaries, pronouns,
/// articles and the commonest prepositions and conjunctions.
///
/// Why: "how do I configure the server?" means `configure server`. Kept as required
/// terms, the other words make the all-words pass fail (few sections hold "how", "do",
/// "i" and "the" beside the answer) and then count as coverage in the relaxed pass, where
/// a section matching "how", "the" and "server" would outrank one about configuring the
/// server. ``SearchPlan`` drops them from plain-word queries that have other words; in
/// phrases they count, and a query made only of them is searched as typed.
///
/// The list is deliberately short: a word that is also a topic in technical docs (`not`,
/// `use`, `get`, `make`, `run`, `type`, `new`, `all`, `set`) is not on it, since dropping it
/// would lose the query's meaning ("why is my component not interactive").
enum QueryStopwords {
    static let words: Set<String> = [
        // Question words.
        "how", "what", "why", "when", "where", "which", "who", "whom", "whose",
        // Auxiliaries and their contractions.
        "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
        "have", "has", "had", "can", "could", "should", "would", "will", "shall", "may", "might", "must",
        "can't", "cannot", "don't", "doesn't", "didn't", "isn't", "aren't", "won't", "shouldn't", "wouldn't",
        "couldn't", "i'm", "i've", "i'd", "it's", "what's", "how's", "there's", "let's",
        // Pronouns and determiners.
        "i", "me", "my", "we", "us", "our", "you", "your", "yours", "it", "its", "they", "them", "their",
        "this", "that", "these", "those", "a", "an", "the", "there", "then",
        // Prepositions and conjunctions.
        "to", "of", "in", "on", "at", "by", "for", "from", "with", "into", "as", "and", "or", "if", "so",
    ]

    /// Whether `word`, as typed, is a stopword. Case, a typographic apostrophe and
    /// sentence punctuation after it ("how?", "it's,") do not matter; anything before it
    /// does, so an option such as `-a` (`ls -a`) is never taken for the article.
    static func contains(_ word: String) -> Bool {
        var normalized = word.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        while let last = normalized.last, sentencePunctuation.contains(last) { normalized.removeLast() }
        return words.contains(normalized)
    }

    private static let sentencePunctuation: Set<Character> = ["?", "!", ".", ",", ";", ":"]
}
