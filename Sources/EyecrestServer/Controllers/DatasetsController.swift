import EyecrestAPI
import EyecrestEngine
import Hummingbird

/// `/v1/datasets…`: create, list, show, delete, size.
struct DatasetsController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices

    func register(_ routes: RouteRegistrar) {
        routes.on(.post, "/v1/datasets/{datasetId}", use: create)
        routes.on(.get, "/v1/datasets", use: list)
        routes.on(.get, "/v1/datasets/{datasetId}", use: show)
        routes.on(.delete, "/v1/datasets/{datasetId}", use: delete)
        routes.on(.get, "/v1/datasets/{datasetId}/size", use: size)
    }

    private var engine: Engine { services.engine }
    private var region: String { services.configuration.region }

    /// Idempotent: creating an existing dataset answers 200 with it, a new one 201.
    /// Without `shards`, an existing dataset keeps its shard count.
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let body =
            try await JSONBody.decodeIfPresent(CreateDatasetRequest.self, from: request, limit: services.configuration.limits.maxBodyBytes)
            ?? CreateDatasetRequest()
        if let regions = body.replicaRegions, regions.count > 32 {
            throw APIError.invalidParameter("At most 32 replica regions.")
        }
        let result: (config: DatasetConfig, created: Bool)
        if body.shards == nil, let existing = try? await engine.dataset(org: org, id: id) {
            result = (existing, false)
        } else {
            result = try await engine.createDataset(org: org, id: id, shards: body.shards ?? 1)
        }
        let dataset = Dataset(
            result.config, region: region, primaryRegion: body.primaryRegion, replicaRegions: body.replicaRegions ?? [], created: result.created)
        return JSONResponse.make(dataset, status: result.created ? .created : .ok)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let datasets = try engine.datasets(org: org).map { Dataset($0, region: region) }
        return JSONResponse.make(DatasetList(datasets: datasets))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let config = try await engine.dataset(org: org, id: id)
        try ForcedRegion(request).check(dataset: id, servedFrom: region)
        let stats = try await engine.stats(org: org, dataset: id)
        services.metrics.recordDataset(org: org, dataset: id, files: stats.files, sections: stats.sections)
        return JSONResponse.make(Dataset(config, region: region, stats: stats))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        try await engine.deleteDataset(org: org, id: id)
        services.metrics.forgetDataset(org: org, dataset: id)
        return JSONResponse.make(DeletedDataset(datasetId: id, deleted: true))
    }

    @Sendable func size(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let config = try await engine.dataset(org: org, id: id)
        try ForcedRegion(request).check(dataset: id, servedFrom: region)
        let stats = try await engine.stats(org: org, dataset: id)
        services.metrics.recordDataset(org: org, dataset: id, files: stats.files, sections: stats.sections)
        return JSONResponse.make(DatasetSize(datasetId: id, shards: config.shardCount, stats: stats))
    }
}
