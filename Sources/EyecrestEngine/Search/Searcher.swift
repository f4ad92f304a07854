import GRDB

/// Runs one search over a dataset's shards: plan, (dataset-wide statistics), rank each
/// shard, merge, and build snippets for the returned page only.
///
/// A search first asks for sections matching every query word. When those do not fill
/// the requested page (plus the one extra row that answers `hasNextPage`), it runs the
/// relaxed pass instead: sections matching any word, ranked by how many words they match
/// and then by score, which puts every full match first.
enum Searcher {
    static let tokenizer = FTS5TokenizerDescriptor(components: ["porter", "unicode61", "remove_diacritics", "2"])

    /// `headingFirst: false` forces the full ranking (tests compare both).
    static func search(_ request: SearchRequest, shards: [ShardStore], headingFirst: Bool = true) async throws -> SearchResponse {
        try validate(request)
        let needed = (request.page + 1) * request.perPage + 1
        let empty = SearchResponse(hits: [], page: request.page, perPage: request.perPage, hasNextPage: false, relaxed: false, terms: [])
        guard let first = shards.first else { return empty }

        if shards.count == 1 {
            // One read: no statistics to gather, the ranking function reads its own.
            return try first.read { db in
                let tokenizer = try db.makeTokenizer(Self.tokenizer)
                guard let plan = try SearchPlan.make(query: request.query, tokenizer: tokenizer) else { return empty }
                var relaxed = false
                var ranked: [RankedCandidate] = []
                var answeredHeadingFirst = false
                if headingFirst {
                    let attempt = try HeadingFirstRanking.attempt(
                        db, plan: plan, stats: nil, pathPrefix: request.pathPrefix, limit: needed,
                        maxPerFile: request.maxChunksPerFile, shard: 0)
                    if HeadingFirstRanking.isExact(attempt.candidates, bound: attempt.bound, needed: needed) {
                        ranked = attempt.candidates
                        answeredHeadingFirst = true
                    }
                }
                if ranked.isEmpty {
                    ranked = try ShardStore.rank(
                        db, plan: plan, expression: plan.allTerms, relaxed: false, stats: nil, pathPrefix: request.pathPrefix,
                        limit: needed, maxPerFile: request.maxChunksPerFile, shard: 0)
                }
                if ranked.count < needed, plan.groupCount > 1 {
                    relaxed = true
                    ranked = try ShardStore.rank(
                        db, plan: plan, expression: plan.anyTerm, relaxed: true, stats: nil, pathPrefix: request.pathPrefix,
                        limit: needed, maxPerFile: request.maxChunksPerFile, shard: 0)
                }
                let page = pageSlice(ranked, request)
                let hits = try HitAssembler.hits(db, tokenizer: tokenizer, plan: plan, candidates: page, snippetLength: request.snippetLength)
                return SearchResponse(
                    hits: hits, page: request.page, perPage: request.perPage, hasNextPage: ranked.count > (request.page + 1) * request.perPage,
                    relaxed: relaxed, terms: plan.groupLabels, answeredHeadingFirst: answeredHeadingFirst)
            }
        }

        guard let plan = try first.read({ db in
            try SearchPlan.make(query: request.query, tokenizer: db.makeTokenizer(Self.tokenizer))
        }) else { return empty }
        let perShard = try await forEachShard(shards) { _, store in
            try store.read { db in try ShardStore.statistics(db, plan: plan) }
        }
        let stats = ShardStatistics.sum(perShard).encoded
        var relaxed = false
        var ranked: [RankedCandidate] = []
        var answeredHeadingFirst = false
        if headingFirst {
            let attempts = try await forEachShard(shards) { index, store in
                try store.read { db in
                    try HeadingFirstRanking.attempt(
                        db, plan: plan, stats: stats, pathPrefix: request.pathPrefix, limit: needed,
                        maxPerFile: request.maxChunksPerFile, shard: index)
                }
            }
            let merged = attempts.flatMap(\.candidates).sorted { RankedCandidate.precedes($0, $1, relaxed: false) }
            if HeadingFirstRanking.isExact(merged, bound: attempts.map(\.bound).max() ?? .infinity, needed: needed) {
                ranked = Array(merged.prefix(needed))
                answeredHeadingFirst = true
            }
        }
        if ranked.isEmpty {
            ranked = try await merge(shards, plan: plan, expression: plan.allTerms, relaxed: false, stats: stats, request: request, limit: needed)
        }
        if ranked.count < needed, plan.groupCount > 1 {
            relaxed = true
            ranked = try await merge(shards, plan: plan, expression: plan.anyTerm, relaxed: true, stats: stats, request: request, limit: needed)
        }
        let page = pageSlice(ranked, request)
        let byShard = try await forEachShard(shards) { index, store in
            let mine = page.filter { $0.shard == index }
            if mine.isEmpty { return [SearchHit]() }
            return try store.read { db in
                try HitAssembler.hits(
                    db, tokenizer: db.makeTokenizer(Self.tokenizer), plan: plan, candidates: mine, snippetLength: request.snippetLength)
            }
        }
        // Put the hits back into merged order.
        var iterators = byShard.map { $0.makeIterator() }
        var hits: [SearchHit] = []
        for candidate in page {
            if let hit = iterators[candidate.shard].next() { hits.append(hit) }
        }
        return SearchResponse(
            hits: hits, page: request.page, perPage: request.perPage, hasNextPage: ranked.count > (request.page + 1) * request.perPage,
            relaxed: relaxed, terms: plan.groupLabels, answeredHeadingFirst: answeredHeadingFirst)
    }

    private static func merge(
        _ shards: [ShardStore], plan: SearchPlan, expression: String, relaxed: Bool, stats: String, request: SearchRequest, limit: Int
    ) async throws -> [RankedCandidate] {
        let lists = try await forEachShard(shards) { index, store in
            try store.read { db in
                try ShardStore.rank(
                    db, plan: plan, expression: expression, relaxed: relaxed, stats: stats, pathPrefix: request.pathPrefix,
                    limit: limit, maxPerFile: request.maxChunksPerFile, shard: index)
            }
        }
        // A file lives in one shard, so per-shard grouping is already dataset-wide.
        let merged = lists.flatMap { $0 }.sorted { RankedCandidate.precedes($0, $1, relaxed: relaxed) }
        return Array(merged.prefix(limit))
    }

    private static func pageSlice(_ ranked: [RankedCandidate], _ request: SearchRequest) -> [RankedCandidate] {
        let start = request.page * request.perPage
        guard start < ranked.count else { return [] }
        return Array(ranked[start..<min(ranked.count, start + request.perPage)])
    }

    /// Runs `body` for every shard concurrently; results in shard order.
    static func forEachShard<T: Sendable>(
        _ shards: [ShardStore], _ body: @escaping @Sendable (Int, ShardStore) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (index, store) in shards.enumerated() {
                group.addTask { (index, try await body(index, store)) }
            }
            var results = [T?](repeating: nil, count: shards.count)
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
