import Crypto
import Foundation
import GRDB
import Synchronization

/// Stores submissions the way a single writer does best: whatever has queued up while the previous
/// transaction ran goes into the next one, and each request gets its answer once that transaction is durable.
final class SubmissionQueue: Sendable {
    private typealias Waiting = (submission: Submission, continuation: CheckedContinuation<RecordOutcome, any Error>)

    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let secret: SymmetricKey
    private let state = Mutex(State())
    /// At most this many submissions share a transaction, so one commit never grows without bound.
    static let batchLimit = 512

    init(writer: any DatabaseWriter, secret: SymmetricKey) {
        self.writer = writer
        self.secret = secret
    }

    func record(_ submission: Submission) async throws -> RecordOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let startDraining = state.withLock { state in
                state.waiting.append((submission, continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDraining {
                Task { await self.drain() }
            }
        }
    }

    /// Commits batches until nothing is waiting.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = Array(state.waiting.prefix(Self.batchLimit))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let secret = secret
                let outcomes = try await writer.write { db in
                    try Self.store(batch.map(\.submission), secret: secret, in: db)
                }
                for (waiting, outcome) in zip(batch, outcomes) { waiting.continuation.resume(returning: outcome) }
            } catch {
                let unavailable = StoreError.unavailable(String(describing: error))
                for waiting in batch { waiting.continuation.resume(throwing: unavailable) }
            }
        }
    }

    /// Stores a batch in the current transaction. A statement that fails aborts the whole batch: that only
    /// happens when the database cannot be written (disk full, read-only), which no submission survives.
    private static func store(_ submissions: [Submission], secret: SymmetricKey, in db: Database) throws
        -> [RecordOutcome]
    {
        var changes = StoredChanges()
        let outcomes = try submissions.map { try admit($0, secret: secret, changes: &changes, in: db) }
        try changes.save(in: db)
        return outcomes
    }

    /// Checks the token, then the access code; only when both pass does it write anything: the token spent,
    /// the code spent, the row inserted.
    private static func admit(
        _ submission: Submission, secret: SymmetricKey, changes: inout StoredChanges, in db: Database
    ) throws -> RecordOutcome {
        if let token = submission.token {
            // A spent token is a double tap or a resubmit: the first one counted.
            let spent = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM spentToken WHERE token = ?)"), arguments: [token])
            if spent == true { return .alreadySubmitted }
        }
        var codeHash: Data?
        if let code = submission.accessCode {
            let hash = AccessCode.hash(code, roundId: submission.roundId, secret: secret)
            let used = try Bool.fetchOne(
                db, sql: "SELECT used FROM accessCode WHERE roundId = ? AND codeHash = ?",
                arguments: [submission.roundId, hash])
            guard used == false else { return .accessCodeRefused(used == nil ? .unknown : .used) }
            codeHash = hash
        }
        if let token = submission.token {
            try db.cachedStatement(sql: "INSERT INTO spentToken (token, day) VALUES (?, ?)")
                .execute(arguments: [token, submission.tokenDay.description])
        }
        if let codeHash {
            try db.execute(
                sql: "UPDATE accessCode SET used = 1 WHERE roundId = ? AND codeHash = ?",
                arguments: [submission.roundId, codeHash])
        }
        try changes.insert(submission.row, in: db)
        return .stored
    }
}
