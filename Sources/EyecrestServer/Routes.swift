import Hummingbird

/// One route of the public API, in OpenAPI form (`/v1/datasets/{datasetId}`).
public struct APIRoute: Hashable, Sendable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var description: String { "\(method) \(path)" }

    /// Whether a request path fits this route's template: `{name}` matches one segment,
    /// a trailing `{path}` (the file catch-all) one or more.
    func matches(path requestPath: String) -> Bool {
        let template = path.split(separator: "/")
        let actual = requestPath.split(separator: "/")
        for (index, segment) in template.enumerated() {
            if segment == "{path}", index == template.count - 1 { return actual.count > index }
            guard index < actual.count else { return false }
            if segment.hasPrefix("{") { continue }
            if segment != actual[index] { return false }
        }
        return template.count == actual.count
    }
}

/// Collects the routes of every controller, so that the route table is known before the
/// router is assembled: the error middleware needs it (405 vs 404) and the OpenAPI test
/// compares it with the document (Hummingbird does not list its routes).
final class RouteRegistrar {
    typealias Context = EyecrestRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    private(set) var entries: [(route: APIRoute, handler: Handler)] = []
    var routes: [APIRoute] { entries.map(\.route) }

    /// `path` is the OpenAPI path.
    func on(_ method: HTTPRequest.Method, _ path: String, use handler: @escaping Handler) {
        entries.append((APIRoute(method: method.rawValue, path: path), handler))
    }

    func install(on router: Router<Context>) {
        for (route, handler) in entries {
            // A trailing `{path}` is the catch-all of a file path with slashes: `**`.
            let routerPath = route.path.hasSuffix("/{path}") ? String(route.path.dropLast("{path}".count)) + "**" : route.path
            router.on(RouterPath(routerPath), method: HTTPRequest.Method(route.method) ?? .get, use: handler)
        }
    }
}

/// The one place the router is assembled: every controller, then middlewares, then routes.
enum Routes {
    static func build(services: ServerServices) -> (router: Router<EyecrestRequestContext>, routes: [APIRoute]) {
        let registrar = RouteRegistrar()
        HealthController(engine: services.engine).register(registrar)
        MetricsController(metrics: services.metrics, cluster: services.cluster, engine: services.engine).register(registrar)
        OpenAPIController(limits: services.configuration.limits, traffic: services.configuration.traffic).register(registrar)
        let forwarder = services.cluster.map {
            RequestForwarder(peers: $0.peers, maxBodyBytes: max(services.configuration.limits.maxBodyBytes, services.configuration.limits.maxArchiveBytes))
        }
        DatasetsController(services: services, forwarder: forwarder).register(registrar)
        FilesController(services: services).register(registrar)
        ImportController(services: services).register(registrar)
        SearchController(services: services).register(registrar)
        SynonymsController(services: services).register(registrar)
        MCPController(services: services).register(registrar)
        if let cluster = services.cluster { InternalController(cluster: cluster, engine: services.engine).register(registrar) }

        let router = Router(context: EyecrestRequestContext.self)
        // The first added is the outermost, and middlewares apply only to routes added
        // after them.
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: services.metrics))
        router.add(middleware: ErrorMiddleware(routes: registrar.routes))
        // The search page needs no token: it asks for one when the API answers 401.
        WebUIController(assets: WebAssets.bundled).install(on: router)
        router.add(middleware: AuthMiddleware(verifier: services.configuration.authentication, clusterKey: services.configuration.cluster?.clusterKey))
        if let cluster = services.cluster, let forwarder {
            router.add(middleware: RegionRoutingMiddleware(cluster: cluster, forwarder: forwarder))
        }
        TrafficGuards.install(on: router, limits: services.configuration.traffic, requestLimits: services.configuration.limits, metrics: services.metrics)
        registrar.install(on: router)
        return (router, registrar.routes)
    }
}
