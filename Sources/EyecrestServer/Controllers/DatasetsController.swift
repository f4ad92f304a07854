import EyecrestAPI
import EyecrestCluster
import EyecrestEngine
import Foundation
import Hummingbird
import NIOCore

/// `/v1/datasets…`: create, list, show, delete, size.
struct DatasetsController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices
    /// Sends a create to the primary's node (in a cluster).
    let forwarder: RequestForwarder?

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
    /// Without `shards`, an existing dataset keeps its shard count; with another count it
    /// is resharded online: 202 with the resharding's state (the same count again while
    /// it runs: 202 with its progress; another count: 409 `resharding_in_progress`). The primary region is
    /// immutable (409 `primary_region_immutable`); replica regions may change. In a
    /// cluster the placement is recorded in etcd first, then the dataset is created on its
    /// primary's node (this one, or the one the request is forwarded to).
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let body =
            try await JSONBody.decodeIfPresent(CreateDatasetRequest.self, from: request, limit: services.configuration.limits.maxBodyBytes)
            ?? CreateDatasetRequest()
        if let regions = body.replicaRegions, regions.count > 32 {
            throw APIError.invalidParameter("At most 32 replica regions.")
        }
        try Validation.validateDatasetID(id)
        let wanted: DatasetPlacement?
        if let cluster = services.cluster {
            let placed = try await cluster.place(DatasetKey(org: org, id: id), primary: body.primaryRegion, replicas: body.replicaRegions, shards: body.shards)
            if placed.primaryRegion != region {
                guard context.forwardHops == 0, let forwarder, let url = await cluster.memberURL(placed.primaryRegion) else {
                    throw ClusterError.regionUnavailable(placed.primaryRegion)
                }
                let forwarded = ByteBuffer(bytes: try JSONEncoder().encode(body))
                return try await forwarder.forward(request, body: forwarded, org: org, hops: context.forwardHops, region: placed.primaryRegion, url: url)
            }
            wanted = placed.datasetPlacement
        } else {
            wanted = nil
        }
        var result: (config: DatasetConfig, created: Bool)
        if let existing = try? await engine.dataset(org: org, id: id) {
            result = (existing, false)
        } else {
            let placement = wanted ?? DatasetPlacement(primaryRegion: body.primaryRegion ?? region, replicaRegions: body.replicaRegions ?? [])
            result = try await engine.createDataset(org: org, id: id, shards: body.shards ?? 1, placement: placement)
        }
        if !result.created {
            let current = result.config.placement
            if let primary = body.primaryRegion, primary != (current.primaryRegion ?? region) {
                throw ClusterError.primaryImmutable(current: current.primaryRegion ?? region)
            }
            var updated = wanted ?? current
            if wanted == nil, let replicas = body.replicaRegions { updated.replicaRegions = replicas }
            if updated != current {
                try await engine.setPlacement(org: org, id: id, updated)
                result.config = try await engine.dataset(org: org, id: id)
            }
            if let shards = body.shards, let resharding = try await engine.reshard(org: org, id: id, to: shards) {
                var dataset = Dataset(result.config, region: region, created: false)
                dataset.resharding = ReshardingStatus(resharding.state)
                return JSONResponse.make(dataset, status: .accepted)
            }
        }
        return JSONResponse.make(Dataset(result.config, region: region, created: result.created), status: result.created ? .created : .ok)
    }

    /// This node's datasets and, in a cluster, those of the org held in other regions.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        var datasets = try engine.datasets(org: org).map { Dataset($0, region: region) }
        if let cluster = services.cluster, let placements = try? await cluster.placements() {
            let local = Set(datasets.map(\.datasetId))
            datasets += placements.filter { $0.org == org && !local.contains($0.dataset) }.map { Dataset($0, region: region) }
            datasets.sort { $0.datasetId < $1.datasetId }
        }
        return JSONResponse.make(DatasetList(datasets: datasets))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let config = try await engine.dataset(org: org, id: id)
        try ForcedRegion(request).check(dataset: id, servedFrom: region)
        let stats = try await engine.stats(org: org, dataset: id)
        services.metrics.recordDataset(org: org, dataset: id, files: stats.files, sections: stats.sections)
        var dataset = Dataset(config, region: region, stats: stats)
        dataset.resharding = try await engine.resharding(org: org, id: id).map(ReshardingStatus.init)
        if let cluster = services.cluster, config.placement.primaryRegion == region, !config.placement.replicaRegions.isEmpty {
            dataset.replicas = try await cluster.replicaStates(DatasetKey(org: org, id: id)).map(ReplicaStatus.init)
        }
        return JSONResponse.make(dataset)
    }

    /// In a cluster (on the primary's node): the local copy goes first, then the
    /// placement, whose removal tells the replicas to drop theirs. A placement left
    /// without data by a crash between the two is finished off by deleting again.
    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let key = DatasetKey(org: org, id: id)
        do {
            try await engine.deleteDataset(org: org, id: id)
        } catch EngineError.datasetNotFound(let missing) {
            guard let cluster = services.cluster, try await cluster.holders(key) != nil else { throw EngineError.datasetNotFound(missing) }
        }
        try await services.cluster?.removePlacement(key)
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
