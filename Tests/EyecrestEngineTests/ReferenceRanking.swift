@testable import EyecrestEngine
import Foundation
import GRDB

/// The ranking model applied the slow, obvious way, as the reference the index is tested
/// against: every section of every shard read back from SQLite and tokenized with GRDB's
/// own tokenizer API, every phrase found by scanning positions, every matching section
/// scored, everything sorted. Nothing of ``SectionIndex`` is used; only the query plan
/// (whose parsing has tests of its own) and the model's constants are shared.
struct ReferenceRanking: Sendable {
    struct Section: Sendable {
        var id: Int64
        var fileID: Int64
        var filename: String
        var startLine: Int
        var part: Int
        var boost: Double
        var isFrontmatter: Bool
        /// Tokens of the four fields, in column order.
        var fields: [[String]]
        var vocabulary: Set<String>
        var tokenCount: Int { fields.reduce(0) { $0 + $1.count } }
    }

    struct Hit: Equatable, Sendable {
        var key: String
        var score: Double
    }

    let sections: [Section]

    /// Reads every section of a dataset.
    init(engine: Engine, org: String = "test", dataset: String) async throws {
        let handle = try await engine.lease(org: org, id: dataset)
        defer { handle.release() }
        var sections: [Section] = []
        for store in handle.shards {
            sections += try store.read { db in
                let tokenizer = try db.makeTokenizer(Searcher.tokenizer)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT s.id, s.file_id, s.filename, s.start_line, s.part, s.boost, t.heading, t.context, t.body, t.path,
                           s.level, s.slug
                    FROM sections s JOIN section_texts t ON t.id = s.id
                    """)
                // Each file's frontmatter text (level 0, no slug), for its introduction.
                var frontmatters: [Int64: String] = [:]
                for row in rows where row[10] as Int == 0 && (row[11] as String).isEmpty { frontmatters[row[1]] = row[8] }
                return try rows.map { row in
                    let (level, slug): (Int, String) = (row[10], row[11])
                    var texts: [String] = (6..<10).map { row[$0] }
                    // An introduction (level 0 with a slug) is headed by its context, the file
                    // title, and its context is the file's frontmatter.
                    if level == 0, !slug.isEmpty, texts[0].isEmpty { texts[0 ... 1] = [texts[1], frontmatters[row[1]] ?? ""] }
                    let fields = try texts.map { text in
                        try tokenizer.tokenize(document: CJKText.spaced(text)).filter { !$0.flags.contains(.colocated) }.map(\.token)
                    }
                    return Section(
                        id: row[0], fileID: row[1], filename: row[2], startLine: row[3], part: row[4], boost: row[5],
                        isFrontmatter: level == 0 && slug.isEmpty, fields: fields, vocabulary: Set(fields.joined()))
                }
            }
        }
        self.sections = sections
    }

    /// The page a search should answer: its hits, whether it was relaxed, and whether a
    /// next page exists.
    func search(_ request: SearchRequest, tokenizer: any FTS5Tokenizer) throws -> (hits: [Hit], relaxed: Bool, hasNextPage: Bool) {
        guard let plan = try SearchPlan.make(query: request.query, tokenizer: tokenizer) else { return ([], false, false) }
        // (weighted frequency, in own heading, in the file's name) of every phrase in every section.
        let found: [[Instances?]] = plan.phrases.map { phrase in sections.map { Self.instances(of: phrase, in: $0) } }
        let rows = Double(sections.count)
        let averageLength = sections.isEmpty ? 1 : max(1, Double(sections.reduce(0) { $0 + $1.tokenCount }) / rows)
        let frequencies = found.map { $0.compactMap { $0 }.count }
        let idf = frequencies.indices.map { RankingModel.idf(rows: rows, matching: Double(frequencies[$0])) * plan.phraseWeights[$0] }
        let groupCount = (plan.phraseGroups.max() ?? -1) + 1
        // Relaxed coverage: each group weighs its most informative phrase the dataset holds.
        var groupWeights = [Double](repeating: 0, count: groupCount)
        for (phrase, group) in plan.phraseGroups.enumerated() where group >= 0 && frequencies[phrase] > 0 {
            groupWeights[group] = max(groupWeights[group], idf[phrase])
        }
        let totalWeight = groupWeights.reduce(0, +)
        let needed = (request.page + 1) * request.perPage + 1

        func ranked(_ node: MatchNode, relaxed: Bool) -> [(section: Section, score: Double)] {
            var result: [(section: Section, score: Double)] = []
            for (index, section) in sections.enumerated() where Self.matches(node, found, index) {
                if let prefix = request.pathPrefix, !prefix.isEmpty, !section.filename.unicodeScalars.starts(with: prefix.unicodeScalars) { continue }
                let k1 = RankingModel.k1
                let norm = k1 * (1 - RankingModel.b + RankingModel.b * Double(section.tokenCount) / averageLength)
                var total = 0.0
                var groups = Set<Int>()
                var headingGroups = Set<Int>()
                var pathGroups = Set<Int>()
                for (phrase, group) in plan.phraseGroups.enumerated() where group >= 0 {
                    guard let hit = found[phrase][index] else { continue }
                    total += idf[phrase] * hit.tf * (k1 + 1) / (hit.tf + norm)
                    groups.insert(group)
                    if hit.heading { headingGroups.insert(group) }
                    if hit.path { pathGroups.insert(group) }
                }
                if relaxed, totalWeight > 0 {
                    let covered = groupWeights.indices.filter(groups.contains).reduce(0.0) { $0 + groupWeights[$1] }
                    total *= pow(covered / totalWeight, RankingModel.coverageExponent)
                }
                // A field's precision: the share of its tokens the groups found in it account for.
                func precision(_ groups: Set<Int>, column: Int) -> Double {
                    let covered = groups.reduce(0) { sum, group in
                        sum + (plan.phraseGroups.indices.filter { plan.phraseGroups[$0] == group }.map { plan.phrases[$0].tokens.count }.max() ?? 0)
                    }
                    let tokens = section.fields[column].count
                    return tokens > 0 ? min(1, Double(covered) / Double(tokens)) : 0
                }
                if groupCount > 0, !headingGroups.isEmpty {
                    let share = Double(headingGroups.count) / Double(groupCount)
                    total *= 1 + share * (RankingModel.headingBonus + RankingModel.exactHeadingBonus * precision(headingGroups, column: 0))
                }
                if groupCount > 0, !pathGroups.isEmpty {
                    let share = Double(pathGroups.count) / Double(groupCount)
                    total *= 1 + share * precision(pathGroups, column: Int(RankingModel.pathColumn)) * RankingModel.pathBonus
                }
                if section.fields[Int(RankingModel.bodyColumn)].count < RankingModel.tinyBodyTokens || section.isFrontmatter {
                    total *= RankingModel.tinyFactor
                }
                result.append((section, total * section.boost))
            }
            result.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.section.filename != b.section.filename { return a.section.filename < b.section.filename }
                if a.section.startLine != b.section.startLine { return a.section.startLine < b.section.startLine }
                return a.section.part < b.section.part
            }
            // By name: file ids are per shard.
            var perFile: [String: Int] = [:]
            return Array(result.filter { entry in
                perFile[entry.section.filename, default: 0] += 1
                return perFile[entry.section.filename, default: 0] <= request.maxChunksPerFile
            }.prefix(needed))
        }
        var relaxed = false
        var list = ranked(plan.allMatch, relaxed: false)
        if list.count < needed, plan.groupCount > 1 {
            relaxed = true
            list = ranked(plan.anyMatch, relaxed: true)
        }
        let start = request.page * request.perPage
        let page = start < list.count ? Array(list[start..<min(list.count, start + request.perPage)]) : []
        let hits = page.map { Hit(key: "\($0.section.filename):\($0.section.startLine):\($0.section.part)", score: $0.score) }
        return (hits, relaxed, list.count > (request.page + 1) * request.perPage)
    }

    typealias Instances = (tf: Double, heading: Bool, path: Bool)

    private static func matches(_ node: MatchNode, _ found: [[Instances?]], _ section: Int) -> Bool {
        switch node {
        case .phrase(let index): found[index][section] != nil
        case .all(let nodes): nodes.allSatisfy { matches($0, found, section) }
        case .any(let nodes): nodes.contains { matches($0, found, section) }
        case .excluding(let positive, let negatives):
            matches(positive, found, section) && !negatives.contains { matches($0, found, section) }
        }
    }

    /// Every place where the phrase's tokens follow each other in one field.
    private static func instances(of phrase: IndexPhrase, in section: Section) -> Instances? {
        let tokens = phrase.tokens
        guard let first = tokens.first else { return nil }
        func fits(_ token: String, _ index: Int) -> Bool {
            phrase.isPrefix && index == tokens.count - 1 ? Array(token.utf8).starts(with: Array(tokens[index].utf8)) : token == tokens[index]
        }
        let possible = tokens.count == 1 && phrase.isPrefix
            ? section.vocabulary.contains { fits($0, 0) }
            : section.vocabulary.contains(first)
        guard possible else { return nil }
        var tf = 0.0
        var heading = false
        var path = false
        for (column, field) in section.fields.enumerated() where field.count >= tokens.count {
            for start in 0...(field.count - tokens.count) where (0..<tokens.count).allSatisfy({ fits(field[start + $0], $0) }) {
                tf += RankingModel.columnWeights[column]
                if column < RankingModel.headingColumns { heading = true }
                if column == Int(RankingModel.pathColumn) { path = true }
            }
        }
        return tf > 0 ? (tf, heading, path) : nil
    }
}
