import EyecrestAPI
import EyecrestCluster
import EyecrestEngine
import Foundation
import Hummingbird
import NIOCore

/// The node-to-node routes (``InternalRoutes``), mounted only in a cluster. Only requests
/// with the cluster key reach them (``AuthMiddleware``). Not part of the public API.
struct InternalController {
    typealias Context = EyecrestRequestContext
    let cluster: Cluster
    let engine: Engine

    func register(_ routes: RouteRegistrar) {
        routes.on(.get, InternalRoutes.log, use: log)
        routes.on(.get, InternalRoutes.snapshot, use: snapshot)
        routes.on(.post, InternalRoutes.sync, use: sync)
        routes.on(.get, InternalRoutes.status, use: status)
    }

    private func shardQuery(_ request: Request) throws -> InternalRoutes.ShardQuery {
        let query = QueryParameters(request.uri)
        guard let parsed = InternalRoutes.ShardQuery({ query.string($0) }) else {
            throw APIError.invalidParameter("A log or snapshot request needs org, dataset, uid, shard and region.")
        }
        return parsed
    }

    private static func notPrimary(_ query: InternalRoutes.ShardQuery) -> APIError {
        APIError(.notFound, code: "not_primary", "This node is not the primary of '\(query.dataset)' (or of that creation of it).")
    }

    @Sendable func log(_ request: Request, context: Context) async throws -> Response {
        let query = try shardQuery(request)
        guard let batch = try await cluster.serveLog(query) else { throw Self.notPrimary(query) }
        return JSONResponse.make(batch)
    }

    /// Streams a consistent copy of one shard, made into a file first (SQLite's backup API).
    @Sendable func snapshot(_ request: Request, context: Context) async throws -> Response {
        let query = try shardQuery(request)
        let folder = engine.dataDirectory.appendingPathComponent("outgoing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(UUID().uuidString).sqlite")
        guard try await cluster.serveSnapshot(query, to: file) != nil else {
            try? FileManager.default.removeItem(at: file)
            throw Self.notPrimary(query)
        }
        let handle = try FileHandle(forReadingFrom: file)
        // Unlinked now: the open handle keeps the bytes until the stream ends or fails.
        try? FileManager.default.removeItem(at: file)
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/vnd.sqlite3"], body: body)
    }

    @Sendable func sync(_ request: Request, context: Context) async throws -> Response {
        cluster.requestSync()
        return Response(status: .accepted)
    }

    /// This node's view: its region, the live members, every placement, and the progress
    /// of the replicas of the datasets this node is primary of.
    @Sendable func status(_ request: Request, context: Context) async throws -> Response {
        var datasets: [ClusterStatus.DatasetStatus] = []
        for placement in try await cluster.placements().sorted(by: { ($0.org, $0.dataset) < ($1.org, $1.dataset) }) {
            let key = DatasetKey(org: placement.org, id: placement.dataset)
            let replicas = placement.primaryRegion == cluster.region ? try await cluster.replicaStates(key).map(ReplicaStatus.init) : nil
            datasets.append(ClusterStatus.DatasetStatus(
                org: placement.org, datasetId: placement.dataset, primaryRegion: placement.primaryRegion,
                replicaRegions: placement.replicaRegions, shards: placement.shards, replicas: replicas))
        }
        return JSONResponse.make(ClusterStatus(region: cluster.region, members: cluster.members, datasets: datasets))
    }
}
