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
    private let busyMilliseconds: Int
    /// Takes the count of acknowledged answers after each commit, before any answer of it is acknowledged; nil for
    /// a database that is not a file.
    let countFile: AcknowledgedCountFile?
    /// The database page size, to tell how many frames the log holds.
    private let pageSize: Int
    private let state = Mutex(State())
    /// At most this many submissions share a transaction, so one commit never grows without bound.
    static let batchLimit = 512

    init(writer: any DatabaseWriter, busyMilliseconds: Int, countFile: AcknowledgedCountFile?) throws {
        self.writer = writer
        self.busyMilliseconds = busyMilliseconds
        self.countFile = countFile
        pageSize = try writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096
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
                let (outcomes, total) = try await writer.write { db in
                    try Self.store(batch.map(\.submission), in: db)
                }
                let continuations = batch.map(\.continuation)
                let answer = { @Sendable in
                    for (continuation, outcome) in zip(continuations, outcomes) {
                        continuation.resume(returning: outcome)
                    }
                }
                if let total, let countFile {
                    countFile.acknowledge(total: total, then: answer)
                } else {
                    answer()
                }
                // Under load the log could outgrow the index's first segment before the next erasure is due.
                if !writer.path.isEmpty, WriteAheadLog.isLong(databasePath: writer.path, pageSize: pageSize) {
                    let busy = busyMilliseconds
                    _ = try? await writer.writeWithoutTransaction { db in
                        try WriteAheadLog.erase(db, busyMilliseconds: busy)
                    }
                }
            } catch {
                let unavailable = StoreError.unavailable(String(describing: error))
                for waiting in batch { waiting.continuation.resume(throwing: unavailable) }
            }
        }
    }

    /// Stores a batch in the current transaction, with the count of acknowledged answers it brings the database to
    /// (nil when it stores none). A statement that fails aborts the whole batch: that only happens when the database
    /// cannot be written (disk full, read-only), which no submission survives.
    private static func store(_ submissions: [Submission], in db: Database) throws -> ([RecordOutcome], Int?) {
        var changes = StoredChanges()
        let outcomes = try submissions.map { try admit($0, changes: &changes, in: db) }
        return (outcomes, try changes.save(in: db))
    }

    /// Checks the token, then the ballot; only when both are unspent does it write anything: both spent, the
    /// row stored.
    private static func admit(_ submission: Submission, changes: inout StoredChanges, in db: Database) throws
        -> RecordOutcome
    {
        // A spent token is a double tap or a resubmit: the first one counted.
        if let token = submission.token, try SpentNonces.contains(token.nonce, in: db) { return .alreadySubmitted }
        if let ballot = submission.ballot, try SpentNonces.contains(ballot.nonce, in: db) { return .ballotSpent }
        for nonce in [submission.token, submission.ballot].compactMap(\.self) {
            try SpentNonces.insert(nonce, in: db)
        }
        try changes.insert(submission.row, in: db)
        return .stored
    }
}
