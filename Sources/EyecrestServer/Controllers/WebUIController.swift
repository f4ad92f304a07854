import EyecrestAPI
import Hummingbird

/// The search page: `GET /` and its script and style sheet under `/ui/`. They need no
/// token (the page asks for one when the API answers 401) and are served with a policy
/// that lets the browser run only this server's own script: no inline script, no
/// `eval`, no plugins, no framing, no MIME sniffing.
struct WebUIController {
    typealias Context = EyecrestRequestContext

    /// `Content-Security-Policy` of the page and its assets.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
    ].joined(separator: "; ")

    /// Nil when the page's files were not found (see ``WebAssets/bundled``).
    let assets: WebAssets?

    /// Installed on the router directly rather than through ``RouteRegistrar``: these
    /// routes are not part of the API, its OpenAPI document or its authentication.
    func install(on router: Router<Context>) {
        router.get("/") { request, _ in respond(to: request) }
        router.get("/ui/{asset}") { request, _ in respond(to: request) }
    }

    private func respond(to request: Request) -> Response {
        guard let assets else {
            return JSONResponse.make(
                ErrorBody(
                    error: "The search page's files were not found beside the eyecrest binary (the eyecrest_EyecrestServer.resources folder); the API works without them.",
                    code: "web_ui_unavailable"),
                status: .serviceUnavailable)
        }
        guard let asset = assets.byPath[request.uri.path] else {
            return JSONResponse.make(ErrorBody(error: "No such file of the search page.", code: "not_found"), status: .notFound)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: asset.contentType,
                .contentSecurityPolicy: Self.contentSecurityPolicy,
                .xContentTypeOptions: "nosniff",
                .cacheControl: "no-cache",
            ],
            body: .init(byteBuffer: asset.body))
    }
}
