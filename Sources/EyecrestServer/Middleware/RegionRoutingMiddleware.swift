import EyecrestCluster
import EyecrestEngine
import Hummingbird

/// In a cluster, sends each dataset request to the node that must answer it
/// (docs/cluster.md, "Which node answers"): writes to the dataset's primary, the dataset's
/// own view (which shows its replicas' progress) to the primary too, reads to the region
/// `x-force-region` names or the nearest region holding the dataset. Creating a dataset
/// is left to its controller, which records the placement first.
struct RegionRoutingMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext
    let cluster: Cluster
    let forwarder: RequestForwarder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard segments.count >= 3, segments.first == "v1", segments.dropFirst().first == "datasets", let org = context.org else {
            return try await next(request, context)
        }
        let id = String(segments.dropFirst(2).first ?? "")
        guard (try? Validation.validateDatasetID(id)) != nil else { return try await next(request, context) }
        let key = DatasetKey(org: org, id: id)
        let isDatasetItself = segments.count == 3
        let forced = ForcedRegion(request).requested
        let route: Route
        switch request.method {
        case .post where isDatasetItself:
            return try await next(request, context)
        case .get where isDatasetItself, .head where isDatasetItself:
            if context.forwardHops > 0 || forced != nil {
                route = try await cluster.routeRead(key, forcedRegion: forced, hops: context.forwardHops, minPosition: nil)
                break
            }
            // The primary shows its replicas' progress; while it is down, a caught-up
            // local copy answers (without it) rather than a 503.
            let answer: Response?
            do {
                switch try await cluster.routeWrite(key) {
                case .local: answer = nil
                case .forward(let region, let url):
                    answer = try await forwarder.forward(request, org: org, hops: context.forwardHops, region: region, url: url)
                }
            } catch let error where Self.isPrimaryDown(error) && cluster.isReadyReplica(key) {
                answer = nil
            }
            if let answer { return answer }
            return try await next(request, context)
        case .get, .head:
            let minSeq = try QueryParameters(request.uri).string("minSeq").map { text in
                guard let position = WritePosition(text) else {
                    throw APIError.invalidParameter("'minSeq' must be a write's position (\"1:42,17\") or a sequence number.")
                }
                return position
            }
            route = try await cluster.routeRead(
                key, forcedRegion: forced, hops: context.forwardHops, minPosition: minSeq)
        default:
            route = context.forwardHops > 0 ? .local : try await cluster.routeWrite(key)
        }
        switch route {
        case .local:
            return try await next(request, context)
        case .forward(let region, let url):
            return try await forwarder.forward(request, org: org, hops: context.forwardHops, region: region, url: url)
        }
    }

    private static func isPrimaryDown(_ error: any Error) -> Bool {
        if let error = error as? APIError { return error.code == "region_down" }
        if case ClusterError.regionUnavailable = error { return true }
        return false
    }
}
