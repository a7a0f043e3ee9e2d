import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// Gives each request body a deadline with one shared watchdog, instead of a timer per request: a slow
/// sender's read is cancelled once its time is up. The watchdog runs as a service of the application.
final class BodyDeadlines: Service, Sendable {
    private struct Pending {
        let deadline: ContinuousClock.Instant
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var next: UInt64 = 0
        var pending: [UInt64: Pending] = [:]
        var expired: Set<UInt64> = []
    }

    private let limit: Duration
    private let state = Mutex(State())

    init(limit: Duration) {
        self.limit = limit
    }

    /// Sweeps four times a second until the server stops.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                self.sweep()
            }
        }
    }

    /// The body, at most `maxSize` bytes, or `BodyTimeout` when it does not arrive within the limit.
    func collect(_ request: Request, upTo maxSize: Int) async throws -> ByteBuffer {
        let reading = Task {
            var request = request
            return try await request.collectBody(upTo: maxSize)
        }
        let id = state.withLock { state in
            state.next += 1
            state.pending[state.next] = Pending(deadline: .now + limit, cancel: { reading.cancel() })
            return state.next
        }
        defer { state.withLock { _ = $0.pending.removeValue(forKey: id) } }
        do {
            return try await withTaskCancellationHandler {
                try await reading.value
            } onCancel: {
                reading.cancel()
            }
        } catch {
            let timedOut = state.withLock { $0.expired.remove(id) != nil }
            if timedOut { throw BodyTimeout() }
            // A body that breaks off or is malformed is the sender's problem, answered with 400, not 500.
            throw error is NIOTooManyBytesError ? error : BodyUnreadable()
        }
    }

    /// Cancels the reads whose deadline has passed.
    private func sweep() {
        let now = ContinuousClock.now
        let overdue = state.withLock { state -> [Pending] in
            let ids = state.pending.filter { $0.value.deadline <= now }.map(\.key)
            state.expired.formUnion(ids)
            return ids.compactMap { state.pending.removeValue(forKey: $0) }
        }
        for pending in overdue { pending.cancel() }
    }
}

/// A request body that did not arrive in time.
struct BodyTimeout: Error {}

/// A request body that could not be read: the connection broke off, or its framing was malformed.
struct BodyUnreadable: Error {}
