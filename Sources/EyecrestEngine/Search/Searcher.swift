import GRDB

/// Runs one search over a dataset's shards, one shard or many by the same steps: plan,
/// a snapshot of each shard's index, dataset-wide statistics summed over them, rank each
/// shard, merge, and build snippets for the returned page only.
///
/// A search first asks for sections matching every query word. When those do not fill
/// the requested page (plus the one extra row that answers `hasNextPage`), it runs the
/// relaxed pass instead: sections matching any word, ranked by score times the
/// IDF-weighted share of the query they cover (``ScoringModel/coverage(_:)``), so that a
/// section with the rare words of a question can pass one with only its common ones.
///
/// Each step reads in its own transaction, so a file deleted or replaced between ranking
/// and assembly leaves a ranked section without a row. Hits are matched to candidates by
/// (shard, section id), never by position; a page that lost a row is searched again, up
/// to ``maxAttempts`` times. The last attempt also builds a page's worth of spare
/// sections ranked after the page, fills the page from them, and claims a next page only
/// when a spare is left over: a short page never claims a next one.
enum Searcher {
    /// The tokenizer of the index, of queries and of snippets: SQLite's FTS5 tokenizers
    /// (Unicode 6.1 word rules, diacritics folded, Porter stems), used without any FTS5
    /// table, so tokens are the ones FTS5 would index.
    static let tokenizer = FTS5TokenizerDescriptor(components: ["porter", "unicode61", "remove_diacritics", "2"])
    static let maxAttempts = 3

    /// With `pruning` false every matching section is scored: the same answer, slower;
    /// it exists to check the pruned path. `beforeAssembly` runs in every attempt between
    /// ranking and building the hits, where a concurrent write can land: tests write there
    /// to make that race happen on purpose.
    static func search(
        _ request: SearchRequest, shards: [ShardStore], synonyms: SynonymCache = .none, pruning: Bool = true,
        beforeAssembly: @Sendable () async throws -> Void = {}
    ) async throws -> SearchResponse {
        try validate(request)
        for _ in 1..<maxAttempts {
            let (response, complete) = try await searchOnce(
                request, shards: shards, synonyms: synonyms, pruning: pruning, spares: 0, beforeAssembly: beforeAssembly)
            if complete { return response }
        }
        return try await searchOnce(
            request, shards: shards, synonyms: synonyms, pruning: pruning, spares: request.perPage, beforeAssembly: beforeAssembly
        ).response
    }

    /// One search; `complete` is false when a ranked section vanished before its hit was
    /// assembled. With `spares`, that many sections ranked after the page are built too, to
    /// fill it in place of vanished ones, and a next page is claimed only when one of
    /// them is left over.
    private static func searchOnce(
        _ request: SearchRequest, shards: [ShardStore], synonyms: SynonymCache, pruning: Bool, spares: Int,
        beforeAssembly: @Sendable () async throws -> Void
    ) async throws -> (response: SearchResponse, complete: Bool) {
        let needed = (request.page + 1) * request.perPage + 1
        let empty = SearchResponse(hits: [], page: request.page, perPage: request.perPage, hasNextPage: false, relaxed: false, terms: [])
        let snapshots = shards.map { $0.index.snapshot() }
        guard let first = shards.first, let (plan, corrections) = try first.read({ db in
            let tokenizer = try db.makeTokenizer(Self.tokenizer)
            return try plan(request, tokenizer: tokenizer, snapshots: snapshots, synonyms: synonyms.table(tokenizer: tokenizer))
        }) else { return (empty, true) }
        let ranking = try await rank(request, snapshots: snapshots, plan: plan, needed: needed, spares: spares, pruning: pruning)
        let ranked = ranking.candidates
        try await beforeAssembly()
        let start = request.page * request.perPage
        // The page's candidates and the spares after them.
        let window = start < ranked.count ? Array(ranked[start..<min(ranked.count, start + request.perPage + spares)]) : []
        let assembled = try await forEachShard(shards) { index, store in
            let mine = window.filter { $0.shard == index }
            if mine.isEmpty { return [Int64: SearchHit]() }
            return try store.read { db in
                try HitAssembler.hits(
                    db, tokenizer: db.makeTokenizer(Self.tokenizer), plan: plan, candidates: mine, snippetLength: request.snippetLength)
            }
        }
        let built = window.compactMap { assembled[$0.shard][$0.sectionID] }
        let hasNextPage = spares > 0 ? built.count > request.perPage : ranked.count > (request.page + 1) * request.perPage
        let response = SearchResponse(
            hits: Array(built.prefix(request.perPage)), page: request.page, perPage: request.perPage, hasNextPage: hasNextPage,
            relaxed: ranking.relaxed, terms: plan.groupLabels, corrections: corrections)
        return (response, built.count == window.count)
    }

    /// The query's plan, widened by the dataset's synonyms and then by typo corrections
    /// (a word with synonyms is not corrected), with the corrections made.
    private static func plan(
        _ request: SearchRequest, tokenizer: any FTS5Tokenizer, snapshots: [IndexSnapshot], synonyms: SynonymTable?
    ) throws -> (SearchPlan, [TypoCorrection])? {
        let expanded = synonyms?.wordAlternatives ?? [:]
        guard let plan = try SearchPlan.make(query: request.query, tokenizer: tokenizer, alternatives: expanded) else { return nil }
        guard request.typoTolerance else { return (plan, []) }
        let corrections = try TypoTolerance.corrections(for: plan, in: snapshots, tokenizer: tokenizer, skipping: { expanded[$0] != nil })
        guard !corrections.isEmpty, let widened = try SearchPlan.make(
            query: request.query, tokenizer: tokenizer,
            alternatives: expanded.merging(TypoTolerance.alternatives(corrections), uniquingKeysWith: +))
        else { return (plan, []) }
        return (widened, corrections.map(\.reported))
    }

    /// The ranked sections of a search, before snippets.
    private struct Ranking {
        var candidates: [RankedCandidate]
        var relaxed = false
    }

    /// Ranks with every shard's ``SectionIndex``: one snapshot per shard for both passes.
    private static func rank(
        _ request: SearchRequest, snapshots: [IndexSnapshot], plan: SearchPlan, needed: Int, spares: Int, pruning: Bool
    ) async throws -> Ranking {
        let searches = try await forEachShard(snapshots) { _, snapshot in IndexSearch(snapshot, plan: plan) }
        let statistics = ShardStatistics.sum(searches.map(\.statistics))
        func pass(relaxed: Bool) async throws -> [RankedCandidate] {
            let lists = try await forEachShard(snapshots) { index, _ in
                searches[index].rank(
                    stats: statistics, relaxed: relaxed, pathPrefix: request.pathPrefix, limit: needed + spares,
                    maxPerFile: request.maxChunksPerFile, shard: index, pruning: pruning
                ).candidates
            }
            return Array(lists.flatMap { $0 }.sorted { RankedCandidate.precedes($0, $1) }.prefix(needed + spares))
        }
        // Relaxed when the strict pass cannot fill the page and one more: spares do not change that.
        let ranked = try await pass(relaxed: false)
        if ranked.count < needed, plan.groupCount > 1 { return Ranking(candidates: try await pass(relaxed: true), relaxed: true) }
        return Ranking(candidates: ranked)
    }

    /// Runs `body` for every element (one per shard: a store, a snapshot) concurrently;
    /// results in shard order. One element runs inline: a child task would cost two thread
    /// hops for nothing.
    static func forEachShard<Element: Sendable, T: Sendable>(
        _ elements: [Element], _ body: @escaping @Sendable (Int, Element) async throws -> T
    ) async throws -> [T] {
        if elements.count == 1 { return [try await body(0, elements[0])] }
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (index, element) in elements.enumerated() {
                group.addTask { (index, try await body(index, element)) }
            }
            var results = [T?](repeating: nil, count: elements.count)
            for try await (index, value) in group { results[index] = value }
            return results.compactMap { $0 }
        }
    }

    static func validate(_ request: SearchRequest) throws(EngineError) {
        func check(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws(EngineError) {
            guard range.contains(value) else {
                throw .invalidArgument("\(name) must be between \(range.lowerBound) and \(range.upperBound).")
            }
        }
        try check(request.page, SearchRequest.pageRange, "page")
        try check(request.perPage, SearchRequest.perPageRange, "perPage")
        try check(request.maxChunksPerFile, SearchRequest.maxChunksPerFileRange, "maxChunksPerFile")
        try check(request.snippetLength, SearchRequest.snippetLengthRange, "snippetLength")
        guard request.query.utf8.count <= SearchRequest.maxQueryLength else {
            throw .limitExceeded("The query is longer than \(SearchRequest.maxQueryLength) bytes.")
        }
    }
}
