import Hummingbird
import Logging

/// Logs each request's method, path and status — never the client's address, the query or the body,
/// which could identify a respondent or carry an access code.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        logger.info("\(request.method) \(request.uri.path) \(response.status.code)")
        return response
    }
}
