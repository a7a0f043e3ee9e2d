import Foundation
import Hummingbird
import Synchronization

/// Counters and a latency histogram for the operator, written in the Prometheus text format. Labels name
/// kinds of route, never a path, an address or anything a respondent sent.
final class Metrics: Sendable {
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct State {
        var requests: [String: Int] = [:]
        var buckets = [Int](repeating: 0, count: Metrics.bucketBounds.count)
        var latencyCount = 0
        var latencySum = 0.0
        var submissions: [SubmissionOutcome: Int] = [:]
    }

    private let state = Mutex(State())

    /// Counts a request by route kind, method and status, and its time.
    func request(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound { state.buckets[index] += 1 }
            state.latencyCount += 1
            state.latencySum += seconds
        }
    }

    /// Counts what became of a form submission.
    func submission(_ outcome: SubmissionOutcome) {
        state.withLock { $0.submissions[outcome, default: 0] += 1 }
    }

    /// The Prometheus text exposition of everything counted so far.
    var text: String {
        state.withLock { state in
            var lines = [
                "# HELP prongsai_requests_total HTTP requests by route kind, method and status.",
                "# TYPE prongsai_requests_total counter",
            ]
            lines += state.requests.keys.sorted().map { "prongsai_requests_total{\($0)} \(state.requests[$0]!)" }
            lines += [
                "# HELP prongsai_request_duration_seconds Time to answer a request.",
                "# TYPE prongsai_request_duration_seconds histogram",
            ]
            for (index, bound) in Self.bucketBounds.enumerated() {
                lines.append("prongsai_request_duration_seconds_bucket{le=\"\(bound)\"} \(state.buckets[index])")
            }
            lines += [
                "prongsai_request_duration_seconds_bucket{le=\"+Inf\"} \(state.latencyCount)",
                "prongsai_request_duration_seconds_sum \(state.latencySum)",
                "prongsai_request_duration_seconds_count \(state.latencyCount)",
                "# HELP prongsai_submissions_total Form submissions by outcome.",
                "# TYPE prongsai_submissions_total counter",
            ]
            lines += state.submissions.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                "prongsai_submissions_total{outcome=\"\($0.key.rawValue)\"} \($0.value)"
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

/// What became of a form submission, as the metrics count it.
enum SubmissionOutcome: String, Sendable {
    case stored, duplicate, invalid, limited, unavailable
    case ballotSpent = "ballot spent"
}

/// Times every request and counts it under a route kind.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = start.duration(to: .now)
        metrics.request(
            route: Self.kind(of: request.uri.path), method: request.method.rawValue, status: response.status.code,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }

    /// A handful of route kinds, so that no label carries a slug or anything else a visitor chose.
    static func kind(of path: String) -> String {
        switch Route.matching(path) {
        case .home: "home"
        case .health: "health"
        case .staticFile: "static"
        case .form: "form"
        case .formThanks, .formReceived: "thanks"
        case .formCode: "code"
        case .poster: "poster"
        case .qrSVG, .qrPNG: "qr"
        default: Route.isAdmin(path) ? "admin" : "other"
        }
    }
}
