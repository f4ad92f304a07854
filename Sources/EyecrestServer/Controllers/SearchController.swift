import EyecrestAPI
import EyecrestEngine
import Hummingbird

/// `/v1/datasets/{datasetId}/search` (JSON) and `/search.txt` (markdown for LLMs).
struct SearchController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices

    func register(_ routes: RouteRegistrar) {
        routes.on(.get, "/v1/datasets/{datasetId}/search", use: search)
        routes.on(.get, "/v1/datasets/{datasetId}/search.txt", use: searchText)
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let response = try await run(request, context: context).response
        return JSONResponse.make(SearchResults(response, region: services.configuration.region))
    }

    @Sendable func searchText(_ request: Request, context: Context) async throws -> Response {
        let (id, searchRequest, response) = try await run(request, context: context)
        let text = SearchMarkdown.render(response, dataset: id, request: searchRequest)
        // text/plain as in the original eyecrest API: browsers and agents show it as is.
        return JSONResponse.text(text, contentType: "text/plain; charset=utf-8")
    }

    /// Both routes take the same parameters, checked against the configured limits before
    /// the engine runs, so that a bad value is a 400 naming the parameter.
    private func run(_ request: Request, context: Context) async throws -> (dataset: String, request: SearchRequest, response: SearchResponse) {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        try await ForcedRegion(request).check(dataset: id, org: org, services: services)
        let query = QueryParameters(request.uri)
        let limits = services.configuration.limits
        let text = try query.requiredString("query")
        guard text.utf8.count <= limits.maxQueryBytes else {
            throw APIError(.contentTooLarge, code: "query_too_long", "The query is longer than \(limits.maxQueryBytes) bytes.")
        }
        var searchRequest = SearchRequest(query: text)
        searchRequest.page = try query.int("page", in: 0...limits.maxPage) ?? searchRequest.page
        searchRequest.perPage = try query.int("perPage", in: 1...limits.maxPerPage) ?? searchRequest.perPage
        searchRequest.maxChunksPerFile =
            try query.int("maxChunksPerFile", in: SearchRequest.maxChunksPerFileRange) ?? searchRequest.maxChunksPerFile
        searchRequest.snippetLength = try query.int("snippetLength", in: SearchRequest.snippetLengthRange.lowerBound...limits.maxSnippetLength) ?? searchRequest.snippetLength
        searchRequest.pathPrefix = query.string("pathPrefix").flatMap { $0.isEmpty ? nil : $0 }
        searchRequest.typoTolerance = try query.bool("typoTolerance") ?? searchRequest.typoTolerance
        let start = ContinuousClock.now
        let response = try await services.engine.search(org: org, dataset: id, searchRequest)
        services.metrics.recordSearch(duration: ContinuousClock.now - start)
        return (id, searchRequest, response)
    }
}
