import Hummingbird

/// `GET /openapi.json`: the API's contract, served verbatim from ``OpenAPIDocument``.
struct OpenAPIController {
    func register(_ routes: RouteRegistrar) {
        routes.on(.get, "/openapi.json") { _, _ in
            JSONResponse.text(OpenAPIDocument.json, contentType: "application/json; charset=utf-8")
        }
    }
}
