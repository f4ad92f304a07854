import EyecrestAPI
import EyecrestEngine

extension Synonyms {
    init(_ rules: SynonymRules) {
        self.init(groups: rules.groups, oneWay: rules.oneWay.map { OneWaySynonymRule(word: $0.word, synonyms: $0.synonyms) })
    }
}

extension SynonymRules {
    init(_ body: Synonyms) {
        self.init(groups: body.groups, oneWay: body.oneWay.map { OneWaySynonym(word: $0.word, synonyms: $0.synonyms) })
    }
}
