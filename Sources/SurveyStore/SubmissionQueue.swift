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
    private let state = Mutex(State())
    /// At most this many submissions share a transaction, so one commit never grows without bound.
    static let batchLimit = 512

    init(writer: any DatabaseWriter) {
        self.writer = writer
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
                let outcomes = try await writer.write { db in try Self.store(batch.map(\.submission), in: db) }
                for (waiting, outcome) in zip(batch, outcomes) { waiting.continuation.resume(with: outcome) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    /// Stores a batch in the current transaction; a submission that fails is rolled back alone.
    private static func store(_ submissions: [Submission], in db: Database) throws -> [Result<RecordOutcome, any Error>]
    {
        let secret = try AppDatabase.secret(db)
        var changes = StoredChanges()
        var outcomes: [Result<RecordOutcome, any Error>] = []
        for submission in submissions {
            do {
                var outcome = RecordOutcome.stored
                // `insert` notes its counts only once its row is in, so a rolled-back submission adds nothing.
                try db.inSavepoint {
                    outcome = try admit(submission, secret: secret, changes: &changes, in: db)
                    return outcome == .stored ? .commit : .rollback
                }
                outcomes.append(.success(outcome))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        try changes.save(in: db)
        return outcomes
    }

    /// Spends the token, then the access code, then inserts the response; the first that fails decides.
    private static func admit(
        _ submission: Submission, secret: SymmetricKey, changes: inout StoredChanges, in db: Database
    ) throws -> RecordOutcome {
        if let token = submission.token {
            try db.cachedStatement(sql: "INSERT INTO spentToken (token, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .execute(arguments: [token, submission.tokenDay.description])
            // A spent token is a double tap or a resubmit: the first one counted.
            guard db.changesCount == 1 else { return .alreadySubmitted }
        }
        if let code = submission.accessCode {
            let hash = AccessCode.hash(code, roundId: submission.roundId, secret: secret)
            let used = try Bool.fetchOne(
                db, sql: "SELECT used FROM accessCode WHERE roundId = ? AND codeHash = ?",
                arguments: [submission.roundId, hash])
            guard used == false else { return .accessCodeRefused(used == nil ? .unknown : .used) }
            try db.execute(
                sql: "UPDATE accessCode SET used = 1 WHERE roundId = ? AND codeHash = ?",
                arguments: [submission.roundId, hash])
        }
        try changes.insert(submission.response, roundId: submission.roundId, in: db)
        return .stored
    }
}
