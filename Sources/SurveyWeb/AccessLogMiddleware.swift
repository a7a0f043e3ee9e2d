import Hummingbird
import Logging

/// Logs each admin request's method, path and status — never the client's address, the query or the body.
/// Public pages and submissions are never logged, at any level: a line per answer would date it to the
/// second. The metrics count them instead.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        if Route.isAdmin(request.uri.path) {
            logger.info("\(request.method) \(request.uri.path) \(response.status.code)")
        }
        return response
    }
}
