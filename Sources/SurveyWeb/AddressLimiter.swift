import Foundation
import Synchronization

/// Limits requests of one kind (form submissions, sign-ins) per client address with a token bucket held in memory
/// only: the address is used for this decision and never written down.
final class AddressLimiter: Sendable {
    private let perMinute: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    /// The most clients held at once, so that a flood from many addresses cannot grow the table without bound.
    static let capacity = 10_000

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Drops the clients whose allowance is whole again (unseen for a minute), then, if more than half the table is
    /// left, keeps the half seen last, so that the next forgetting is far off. A dropped client starts with a whole
    /// allowance, which a client unseen for a minute has anyway.
    private static func forget(in buckets: inout [String: Bucket], now: Date) {
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 60 }
        guard buckets.count > capacity / 2 else { return }
        let recent = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(capacity / 2)
        buckets = Dictionary(uniqueKeysWithValues: recent.map { ($0.key, $0.value) })
    }

    /// How many clients are held just now.
    var heldClients: Int { buckets.withLock { $0.count } }

    /// Takes one request from the client's allowance at `now` (the server's clock); false when it is used up for
    /// now. A request whose client is unknown (in-process tests) is not limited.
    func allow(_ client: String?, now: Date) -> Bool {
        guard let client else { return true }
        let allowance = Double(perMinute)
        return buckets.withLock { buckets in
            if buckets[client] == nil, buckets.count >= Self.capacity { Self.forget(in: &buckets, now: now) }
            var bucket = buckets[client] ?? Bucket(tokens: allowance, updated: now)
            // A clock set back gives nothing back, and takes nothing either.
            let seconds = max(0, now.timeIntervalSince(bucket.updated))
            bucket.tokens = min(allowance, bucket.tokens + seconds * allowance / 60)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[client] = bucket
            return allowed
        }
    }
}
