import Hummingbird
import Logging
import Synchronization

/// Logs each admin request's method, path and status — never the client's address, the query or the body.
/// Public pages and submissions are never logged, at any level: a line per answer would date it to the
/// second. The metrics count them instead.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let budget = AccessLogBudget()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        if Route.isAdmin(request.uri.path) {
            let admitted = budget.admit(now: .now)
            if let unlogged = admitted.unloggedBefore {
                logger.notice("\(unlogged) admin requests of an earlier minute were not logged one by one")
            }
            if admitted.logs { logger.info("\(request.method) \(request.uri.path) \(response.status.code)") }
        }
        return response
    }
}

/// How many admin requests a minute get a log line each, so that nobody, signed in or not, can grow the log faster
/// than that (a flood of sign-ins, say); the rest are counted, and the count is logged with the next minute's first.
final class AccessLogBudget: Sendable {
    /// Far more than an admin clicking through the console makes.
    static let linesPerMinute = 120

    private struct Minute {
        let start: ContinuousClock.Instant
        var logged = 0
        var unlogged = 0
    }

    private let minute = Mutex<Minute?>(nil)

    /// Whether a request at `now` gets its line, and the count of the earlier minute's unlogged requests to say first.
    func admit(now: ContinuousClock.Instant) -> (logs: Bool, unloggedBefore: Int?) {
        minute.withLock { held in
            var unloggedBefore: Int?
            var current = held ?? Minute(start: now)
            if current.start.duration(to: now) >= .seconds(60) {
                unloggedBefore = current.unlogged > 0 ? current.unlogged : nil
                current = Minute(start: now)
            }
            let logs = current.logged < Self.linesPerMinute
            if logs { current.logged += 1 } else { current.unlogged += 1 }
            held = current
            return (logs, unloggedBefore)
        }
    }
}
