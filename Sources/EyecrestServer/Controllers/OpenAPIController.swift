import Hummingbird

/// `GET /openapi.json`: the API's contract from ``OpenAPIDocument``, with this server's
/// limits in it. Rendered once, when the router is built.
struct OpenAPIController {
    let limits: RequestLimits
    var traffic = TrafficLimits()

    func register(_ routes: RouteRegistrar) {
        let document = OpenAPIDocument.json(for: limits, traffic: traffic)
        routes.on(.get, "/openapi.json") { _, _ in
            JSONResponse.text(document, contentType: "application/json; charset=utf-8")
        }
    }
}
