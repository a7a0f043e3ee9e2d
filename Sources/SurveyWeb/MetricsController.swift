import Hummingbird
import NIOCore

/// The operator's metrics, for an admin of every agency or a scraper holding the metrics token.
struct MetricsController: Sendable {
    let metrics: Metrics
    let token: String?

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(Route.metrics.pattern, use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let tokenMatches = token.map { expected in bearer.map { Array($0.utf8) == Array(expected.utf8) } ?? false }
        if tokenMatches != true { _ = try context.requireAdmin(everyAgency: true) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text)))
    }
}
