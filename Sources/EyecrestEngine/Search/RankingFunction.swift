import Foundation
import GRDB
import GRDBSQLite

/// `eyecrest_rank(sections_fts, groups, stats, mode)`: the FTS5 auxiliary function that
/// scores every matched section.
///
/// Why not FTS5's `bm25()`: it only knows its own table, so a dataset split over shards
/// would rank with per-shard statistics (the Elasticsearch default) and results would
/// depend on where files happen to live. Here the caller may pass dataset-wide
/// statistics; with one shard it passes NULL and the function reads the same numbers
/// from the table itself, so one shard and many give bit-identical scores.
///
/// Arguments after the table:
/// - `groups`: for each phrase of the MATCH expression (in FTS5's numbering), the query
///   term group it belongs to (`0,0,1`), or `-1` for negated phrases. Coverage counts
///   groups, so `"user data"` split into two phrases still counts as one query word.
/// - `stats`: `N|t0,t1,t2,t3|df0,df1,…` (rows, total tokens per column, rows matching
///   each phrase), or NULL to use this table's own.
/// - `mode`: 0 score, 1 coverage (groups matched), 2 bitmask of groups matched,
///   3 this table's statistics in the `stats` format (document frequencies included),
///   4 an upper bound, before the weight boost, of the score of any row whose own heading
///   matches no query phrase: Σ idf·(k1+1), since tf/(tf+norm) < 1 and such a row earns
///   no heading bonus (see ``HeadingFirstRanking``).
///   Phrases whose group is `-2` only filter rows (the heading-first pass): they are
///   neither scored nor counted.
/// - optionally `tokens`, `bodyTokens`, `boost`: the row's token counts as FTS5 recorded
///   them (copied into `sections` at insert) and its weight boost. Passing them from the
///   joined `sections` row spares FTS5 a `%_docsize` lookup per matching row, which
///   measured as the largest single cost of ranking a common word.
///
/// The score is BM25 over a weighted term frequency (heading ×4, context ×1.5, body ×1,
/// path ×2), multiplied by a heading bonus (the share of query groups found in the
/// section's own heading; a match in the context column earns none, see
/// ``RankingModel/headingColumns``) and damped for tiny sections (a body under
/// ``RankingModel/tinyBodyTokens`` tokens), so that a one-line or frontmatter-only
/// section does not outrank a substantive one. Modes 1 and 2 reuse the values computed
/// for the same row by mode 0, so asking for all three costs one pass over the row.
enum RankingFunction {
    static let name = "eyecrest_rank"

    /// Registers the function on one connection (called from `prepareDatabase`).
    static func register(on db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else {
            throw EngineError.storage("FTS5 cannot register functions")
        }
        let code = create(UnsafeMutablePointer(mutating: api), name, nil, rankEntryPoint, nil)
        guard code == SQLITE_OK else { throw EngineError.storage("registering \(name) failed: \(code)") }
    }
}

/// The constants of the ranking model, in one place so that docs and tests can cite them.
enum RankingModel {
    static let columnWeights: [Double] = [4.0, 1.5, 1.0, 2.0]
    /// Only column 0, the section's own heading, earns the heading bonus: an ancestor
    /// heading in the context column is weighed, but must not lift every subsection.
    static let headingColumns = 1
    static let bodyColumn: Int32 = 2
    static let k1 = 1.2
    static let b = 0.75
    static let headingBonus = 0.5
    static let tinyBodyTokens: Int32 = 8
    static let tinyFactor = 0.75
    /// At most this many query groups (top-level words, phrases or parenthesized
    /// expressions) are ranked: the search plan ignores the rest, and the ranking function
    /// refuses a group number past it. The groups a row matches are tracked in a 64-bit
    /// mask, so it must not exceed 64; the engine documents 32 (docs/engine.md, "Limits
    /// of the engine").
    static let maxGroups = 32

    static func idf(rows: Double, matching: Double) -> Double {
        log(1 + (rows - matching + 0.5) / (matching + 0.5))
    }
}

/// Per-query state, created on the first row and kept in FTS5's auxdata slot.
private final class RankState {
    let groups: [Int]
    let groupCount: Int
    let stats: ShardStatistics
    let idf: [Double]
    let averageLength: Double
    var weightedTF: [Double]
    var inHeading: [Bool]
    var cachedRowid: Int64 = .min
    var cachedScore = 0.0
    var cachedMask: UInt64 = 0
    let nonHeadingBound: Double

    init(groups: [Int], stats: ShardStatistics) {
        self.groups = groups
        self.groupCount = (groups.max() ?? -1) + 1
        self.stats = stats
        let rows = Double(stats.rows)
        idf = groups.indices.map { index in
            let matching = index < stats.documentFrequencies.count ? Double(stats.documentFrequencies[index]) : 0
            return RankingModel.idf(rows: rows, matching: matching)
        }
        let totalTokens = stats.columnTotals.reduce(0, +)
        averageLength = stats.rows > 0 ? max(1, Double(totalTokens) / rows) : 1
        weightedTF = Array(repeating: 0, count: groups.count)
        inHeading = Array(repeating: false, count: groups.count)
        nonHeadingBound = zip(groups, idf).reduce(0) { $0 + ($1.0 >= 0 ? $1.1 * (RankingModel.k1 + 1) : 0) }
    }
}

private func rankEntryPoint(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?,
    _ argc: Int32, _ argv: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let fts, let context else { return }
    guard argc == 3 || argc == 6, let argv else {
        sqlite3_result_error(context, "eyecrest_rank(fts, groups, stats, mode[, tokens, bodyTokens, boost])", -1)
        return
    }
    let mode = sqlite3_value_int(argv[2])
    guard let state = rankState(api, fts, groupsValue: argv[0], statsValue: argv[1]) else {
        sqlite3_result_error(context, "eyecrest_rank: bad arguments or FTS5 failure", -1)
        return
    }
    if mode == 3 {
        sqlite3_result_text(context, state.stats.encoded, -1, SQLITE_TRANSIENT_VALUE)
        return
    }
    if mode == 4 {
        sqlite3_result_double(context, state.nonHeadingBound)
        return
    }
    guard let rowid = api.pointee.xRowid?(fts) else { return }
    if rowid != state.cachedRowid {
        let stored = argc == 6
            ? RowFacts(tokens: sqlite3_value_int(argv[3]), bodyTokens: sqlite3_value_int(argv[4]), boost: sqlite3_value_double(argv[5]))
            : nil
        score(api, fts, state, stored)
        state.cachedRowid = rowid
    }
    switch mode {
    case 1: sqlite3_result_int(context, Int32(state.cachedMask.nonzeroBitCount))
    case 2: sqlite3_result_int64(context, Int64(bitPattern: state.cachedMask))
    default: sqlite3_result_double(context, state.cachedScore)
    }
}

/// SQLite's SQLITE_TRANSIENT, which Swift does not import as a constant.
private let SQLITE_TRANSIENT_VALUE = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

private func rankState(
    _ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer,
    groupsValue: OpaquePointer?, statsValue: OpaquePointer?
) -> RankState? {
    if let existing = api.pointee.xGetAuxdata?(fts, 0) {
        return Unmanaged<RankState>.fromOpaque(existing).takeUnretainedValue()
    }
    guard let groupsText = sqlite3_value_text(groupsValue) else { return nil }
    let groups = String(cString: groupsText).split(separator: ",").compactMap { Int($0) }
    guard let phraseCount = api.pointee.xPhraseCount?(fts), Int(phraseCount) == groups.count,
        groups.allSatisfy({ $0 < RankingModel.maxGroups })
    else { return nil }
    let stats: ShardStatistics
    if sqlite3_value_type(statsValue) == SQLITE_TEXT, let text = sqlite3_value_text(statsValue),
        let parsed = ShardStatistics(encoded: String(cString: text))
    {
        stats = parsed
    } else if let local = localStatistics(api, fts, groups: groups) {
        stats = local
    } else {
        return nil
    }
    let state = RankState(groups: groups, stats: stats)
    let retained = Unmanaged.passRetained(state).toOpaque()
    let code = api.pointee.xSetAuxdata?(fts, retained) { pointer in
        if let pointer { Unmanaged<RankState>.fromOpaque(pointer).release() }
    }
    guard code == SQLITE_OK else {
        Unmanaged<RankState>.fromOpaque(retained).release()
        return nil
    }
    return state
}

/// This table's own row count, column totals and per-phrase document frequencies: the
/// numbers `bm25()` uses, read the same way.
private func localStatistics(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, groups: [Int]) -> ShardStatistics? {
    var rows: Int64 = 0
    guard api.pointee.xRowCount?(fts, &rows) == SQLITE_OK else { return nil }
    var totals: [Int64] = []
    for column in 0..<Int32(ShardSchema.ftsColumns.count) {
        var total: Int64 = 0
        guard api.pointee.xColumnTotalSize?(fts, column, &total) == SQLITE_OK else { return nil }
        totals.append(total)
    }
    var frequencies: [Int64] = []
    for (phrase, group) in zip(Int32(0)..., groups) {
        var count: Int64 = 0
        guard group != -2 else {  // filter-only phrases are never scored
            frequencies.append(0)
            continue
        }
        let code = api.pointee.xQueryPhrase?(fts, phrase, &count) { _, _, counter in
            counter?.assumingMemoryBound(to: Int64.self).pointee += 1
            return SQLITE_OK
        }
        guard code == SQLITE_OK else { return nil }
        frequencies.append(count)
    }
    return ShardStatistics(rows: rows, columnTotals: totals, documentFrequencies: frequencies)
}

/// What the caller already knows about the current row.
private struct RowFacts {
    var tokens: Int32
    var bodyTokens: Int32
    var boost: Double
}

private func score(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ state: RankState, _ facts: RowFacts?) {
    let phraseCount = state.groups.count
    for index in 0..<phraseCount {
        state.weightedTF[index] = 0
        state.inHeading[index] = false
    }
    var instances: Int32 = 0
    _ = api.pointee.xInstCount?(fts, &instances)
    let weights = RankingModel.columnWeights
    for instance in 0..<instances {
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        guard api.pointee.xInst?(fts, instance, &phrase, &column, &offset) == SQLITE_OK,
            Int(phrase) < phraseCount, Int(column) < weights.count
        else { continue }
        state.weightedTF[Int(phrase)] += weights[Int(column)]
        if column < RankingModel.headingColumns { state.inHeading[Int(phrase)] = true }
    }
    var length: Int32 = facts?.tokens ?? 0
    var bodyLength: Int32 = facts?.bodyTokens ?? 0
    if facts == nil {
        _ = api.pointee.xColumnSize?(fts, -1, &length)
        _ = api.pointee.xColumnSize?(fts, RankingModel.bodyColumn, &bodyLength)
    }

    let k1 = RankingModel.k1
    let norm = k1 * (1 - RankingModel.b + RankingModel.b * Double(length) / state.averageLength)
    var total = 0.0
    var mask: UInt64 = 0
    var headingMask: UInt64 = 0
    for index in 0..<phraseCount {
        let group = state.groups[index]
        let tf = state.weightedTF[index]
        guard group >= 0, tf > 0 else { continue }
        total += state.idf[index] * tf * (k1 + 1) / (tf + norm)
        mask |= 1 << UInt64(group)
        if state.inHeading[index] { headingMask |= 1 << UInt64(group) }
    }
    if state.groupCount > 0 {
        total *= 1 + RankingModel.headingBonus * Double(headingMask.nonzeroBitCount) / Double(state.groupCount)
    }
    if bodyLength < RankingModel.tinyBodyTokens { total *= RankingModel.tinyFactor }
    total *= facts?.boost ?? 1
    state.cachedScore = total
    state.cachedMask = mask
}
