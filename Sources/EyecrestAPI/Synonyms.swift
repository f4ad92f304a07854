/// `GET`/`PUT /v1/datasets/{datasetId}/synonyms`: a dataset's synonyms, applied at query
/// time. A missing list is an empty one, so `{}` clears them as `DELETE` does.
public struct Synonyms: Codable, Equatable, Sendable, WireSchema {
    /// Multi-way groups: any word of a group also finds the others.
    public var groups: [[String]]
    /// One-way rules: the word also finds its synonyms, not the other way round.
    public var oneWay: [OneWaySynonymRule]

    public init(groups: [[String]] = [], oneWay: [OneWaySynonymRule] = []) {
        self.groups = groups
        self.oneWay = oneWay
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        groups = try container.decodeIfPresent([[String]].self, forKey: .groups) ?? []
        oneWay = try container.decodeIfPresent([OneWaySynonymRule].self, forKey: .oneWay) ?? []
    }

    public static let schemaDescription: String? =
        "A dataset's synonyms (docs/api.md, \"Synonyms\"): at most 1,000 rules, groups and one-way rules together; at most 32 words per rule; words of at most 100 bytes. A word that triggers a rule (a group's word, a one-way rule's word) is one word; a one-way synonym may be a phrase."
    public static let fieldNotes: [String: FieldNote] = [
        "groups": FieldNote("Multi-way groups of 2 to 32 words, e.g. `[\"k8s\", \"kubernetes\"]`."),
        "oneWay": FieldNote("One-way rules, e.g. `{\"word\": \"js\", \"synonyms\": [\"javascript\"]}`."),
    ]
}

/// `word` also matches each of `synonyms`.
public struct OneWaySynonymRule: Codable, Equatable, Sendable, WireSchema {
    public var word: String
    public var synonyms: [String]

    public init(word: String, synonyms: [String]) {
        self.word = word
        self.synonyms = synonyms
    }
}
