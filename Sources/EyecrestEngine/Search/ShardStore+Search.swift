import Foundation
import GRDB

/// One ranked row of one shard, before snippets.
struct RankedCandidate: Sendable {
    var sectionID: Int64
    var fileID: Int64
    var shard: Int
    var filename: String
    var startLine: Int
    var part: Int
    var score: Double
    var mask: UInt64
    /// The ranking function's mode-4 bound for this query (see ``HeadingFirstRanking``).
    var bound: Double

    var coverage: Int { mask.nonzeroBitCount }

    /// The one total order every shard and the merge agree on: coverage first when
    /// relaxed, then score, then position, so equal scores never shuffle between runs.
    static func precedes(_ a: RankedCandidate, _ b: RankedCandidate, relaxed: Bool) -> Bool {
        if relaxed, a.coverage != b.coverage { return a.coverage > b.coverage }
        if a.score != b.score { return a.score > b.score }
        if a.filename != b.filename { return a.filename < b.filename }
        if a.startLine != b.startLine { return a.startLine < b.startLine }
        return a.part < b.part
    }
}

extension ShardStore {
    /// This shard's row count and column totals, read from FTS5's own "averages"
    /// record (the numbers `xRowCount`/`xColumnTotalSize` return), plus the number of
    /// rows matching each phrase of `plan`.
    static func statistics(_ db: Database, plan: SearchPlan) throws -> ShardStatistics {
        if let encoded = try String.fetchOne(
            db, sql: "SELECT \(RankingFunction.name)(sections_fts, ?, NULL, 3) FROM sections_fts WHERE sections_fts MATCH ? LIMIT 1",
            arguments: [plan.groupsArgument, plan.everyPhrase]),
            let stats = ShardStatistics(encoded: encoded)
        {
            return stats
        }
        var stats = try averages(db)
        stats.documentFrequencies = Array(repeating: 0, count: plan.phraseGroups.count)
        return stats
    }

    /// Decodes FTS5's averages record (`%_data` row 1): a varint row count followed by a
    /// varint token total per column, in SQLite's varint format.
    static func averages(_ db: Database) throws -> ShardStatistics {
        let columns = ShardSchema.ftsColumns.count
        guard let blob = try Data.fetchOne(db, sql: "SELECT block FROM sections_fts_data WHERE id = 1") else {
            return ShardStatistics(rows: 0, columnTotals: Array(repeating: 0, count: columns), documentFrequencies: [])
        }
        var reader = VarintReader(bytes: [UInt8](blob))
        let rows = reader.next()
        let totals = (0..<columns).map { _ in reader.next() }
        return ShardStatistics(rows: rows, columnTotals: totals, documentFrequencies: [])
    }

    /// The best `limit` rows for `expression` after at most `maxPerFile` rows per file,
    /// in ``RankedCandidate/precedes(_:_:relaxed:)`` order. `stats` is nil for a
    /// single-shard dataset (the ranking function then reads its own).
    static func rank(
        _ db: Database, plan: SearchPlan, expression: String, groups: String? = nil, relaxed: Bool, stats: String?,
        pathPrefix: String?, limit: Int, maxPerFile: Int, shard: Int
    ) throws -> [RankedCandidate] {
        var fetchLimit = max(limit * 2, 16)
        while true {
            let rows = try fetch(db, expression: expression, groups: groups ?? plan.groupsArgument, relaxed: relaxed,
                                 stats: stats, pathPrefix: pathPrefix, limit: fetchLimit, shard: shard)
            var perFile: [Int64: Int] = [:]
            var kept: [RankedCandidate] = []
            for row in rows {
                let count = perFile[row.fileID, default: 0]
                guard count < maxPerFile else { continue }
                perFile[row.fileID] = count + 1
                kept.append(row)
                if kept.count == limit { return kept }
            }
            if rows.count < fetchLimit { return kept }
            fetchLimit *= 4
        }
    }

    private static func fetch(
        _ db: Database, expression: String, groups: String, relaxed: Bool, stats: String?, pathPrefix: String?,
        limit: Int, shard: Int
    ) throws -> [RankedCandidate] {
        let rank = RankingFunction.name
        var arguments: [String: (any DatabaseValueConvertible)?] = [
            "groups": groups, "stats": stats, "expression": expression, "limit": limit,
        ]
        var filter = ""
        if let pathPrefix, !pathPrefix.isEmpty {
            filter = " AND substr(s.filename, 1, :prefixLength) = :prefix"
            arguments["prefixLength"] = pathPrefix.unicodeScalars.count
            arguments["prefix"] = pathPrefix
        }
        // Whichever mode SQLite evaluates first for a row scores it and the others reuse
        // the cached result, so every mode gets the row's facts: without them the first
        // call would score with a boost of 1 (the relaxed pass's ORDER BY asks for the
        // coverage first).
        let facts = "s.tokens, s.body_tokens, s.boost"
        let coverage = relaxed ? "\(rank)(sections_fts, :groups, :stats, 1, \(facts))" : "0"
        let order = relaxed ? "coverage DESC, score DESC" : "score DESC"
        let sql = """
            SELECT s.id, s.file_id, s.filename, s.start_line, s.part,
                   \(rank)(sections_fts, :groups, :stats, 0, \(facts)) AS score,
                   \(rank)(sections_fts, :groups, :stats, 2, \(facts)) AS mask,
                   \(coverage) AS coverage,
                   \(rank)(sections_fts, :groups, :stats, 4) AS bound
            FROM sections_fts CROSS JOIN sections s ON s.id = sections_fts.rowid
            WHERE sections_fts MATCH :expression\(filter)
            ORDER BY \(order), s.filename, s.start_line, s.part
            LIMIT :limit
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments)).map { row in
            RankedCandidate(
                sectionID: row[0], fileID: row[1], shard: shard, filename: row[2], startLine: row[3], part: row[4],
                score: row[5], mask: UInt64(bitPattern: row[6]), bound: row[8])
        }
    }
}

/// Reads SQLite-format varints (1–9 bytes, big-endian 7-bit groups, the ninth byte
/// whole), as FTS5 writes them.
struct VarintReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func next() -> Int64 {
        var value: UInt64 = 0
        for index in 0..<9 {
            guard offset < bytes.count else { break }
            let byte = bytes[offset]
            offset += 1
            if index == 8 {
                value = (value << 8) | UInt64(byte)
                break
            }
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { break }
        }
        return Int64(bitPattern: value)
    }
}
