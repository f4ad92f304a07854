import EyecrestAPI
import EyecrestCluster
import EyecrestEngine
import Hummingbird

/// `/v1/datasets/{datasetId}/synonyms`: read, replace and clear a dataset's synonyms.
/// Writes go to the dataset's primary (the region routing forwards them), which
/// publishes the rules in the dataset's etcd record for its replicas.
struct SynonymsController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices

    func register(_ routes: RouteRegistrar) {
        routes.on(.get, "/v1/datasets/{datasetId}/synonyms", use: show)
        routes.on(.put, "/v1/datasets/{datasetId}/synonyms", use: replace)
        routes.on(.delete, "/v1/datasets/{datasetId}/synonyms", use: clear)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        try await ForcedRegion(request).check(dataset: id, org: org, services: services)
        return JSONResponse.make(Synonyms(try await services.engine.synonyms(org: org, id: id)))
    }

    /// Replaces every rule at once; the rules are checked whole before any is stored.
    @Sendable func replace(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let body = try await JSONBody.decode(Synonyms.self, from: request, limit: services.configuration.limits.maxBodyBytes)
        return try await store(SynonymRules(body), org: org, id: id)
    }

    @Sendable func clear(_ request: Request, context: Context) async throws -> Response {
        try await store(.empty, org: try context.requireOrg(), id: try context.datasetID())
    }

    private func store(_ rules: SynonymRules, org: String, id: String) async throws -> Response {
        try await services.engine.setSynonyms(org: org, id: id, rules)
        await services.cluster?.publishSynonyms(DatasetKey(org: org, id: id), rules)
        return JSONResponse.make(Synonyms(rules))
    }
}
