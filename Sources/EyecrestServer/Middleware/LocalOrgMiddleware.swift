import Hummingbird

/// The embedded default of DESIGN.md §8: without configured keys every caller is the org
/// `local`. The authentication middleware replaces this one; handlers do not change.
struct LocalOrgMiddleware: RouterMiddleware {
    typealias Context = EyecrestRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.org = EyecrestRequestContext.localOrg
        return try await next(request, context)
    }
}
