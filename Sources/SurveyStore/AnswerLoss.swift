import GRDB
import SurveyCore

/// Acknowledged answers found missing when the database was opened: the count file said more had been stored
/// than the database's own count, because a crash recovery lost committed frames or an older copy was restored.
public struct AnswerLoss: Sendable, Hashable {
    /// The Thai day the loss was found.
    public let foundOn: Day
    /// The day the count file was last written before it was found: the lost answers were acknowledged on that
    /// day or before.
    public let lastAcknowledgedOn: Day
    /// How many acknowledged answers are missing, of any round of the server.
    public let answers: Int

    /// Whether `round` was open on a day from the last acknowledgement to the finding, and so may have lost some.
    public func concerns(_ round: Round) -> Bool {
        round.opens <= foundOn && (round.closes.map { $0 >= lastAcknowledgedOn } ?? true)
    }
}

/// The database's side of the count of acknowledged answers: a fixed-width count in `setting`, raised in the
/// transaction that stores the answers, and the losses found against the count file.
enum AnswerLosses {
    static let setting = "acknowledgedAnswers"

    /// Adds `answers` to the database's count and returns the new count.
    static func addAcknowledged(_ answers: Int, in db: Database) throws -> Int {
        // Stored with the bias of `FixedCount`, so the row keeps its size and is rewritten where it stands.
        let stored = try Int64.fetchOne(
            db.cachedStatement(sql: "UPDATE setting SET value = value + ? WHERE name = ? RETURNING value"),
            arguments: [answers, setting])
        return stored.map(FixedCount.count) ?? 0
    }

    /// The database's count of acknowledged answers.
    static func acknowledged(in db: Database) throws -> Int {
        try Int64.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [setting]).map(
            FixedCount.count) ?? 0
    }

    /// Compares the count file with the database's count after SQLite's recovery: a file ahead of the database is a
    /// loss, recorded with the database taking the file's count in the same transaction, so that it is recorded once;
    /// a file behind (a crash between a commit and its write) or empty (a new file, an older database) is raised to
    /// the database's count. Returns the loss found now.
    static func reconcile(_ file: AcknowledgedCountFile, writer: any DatabaseWriter, today: Day) throws
        -> AnswerLoss?
    {
        // The file is read first: it is written only after the commit it counts, so the database read afterwards
        // holds at least what it says, unless frames were lost.
        let counted = try file.read()
        let lastWritten = min(file.lastModifiedDay() ?? today, today)
        let stored = try writer.read { try acknowledged(in: $0) }
        guard let counted, counted > stored else {
            try file.raise(to: stored)
            return nil
        }
        return try writer.write { db in
            let stored = try acknowledged(in: db)
            guard counted > stored else { return nil }
            let loss = AnswerLoss(foundOn: today, lastAcknowledgedOn: lastWritten, answers: counted - stored)
            try db.execute(
                sql: "INSERT INTO answerLoss (foundOn, lastAcknowledgedOn, answers) VALUES (?, ?, ?)",
                arguments: [loss.foundOn.description, loss.lastAcknowledgedOn.description, loss.answers])
            try db.execute(
                sql: "UPDATE setting SET value = ? WHERE name = ?", arguments: [FixedCount.stored(counted), setting])
            return loss
        }
    }

    /// Every loss recorded, oldest first.
    static func all(in db: Database) throws -> [AnswerLoss] {
        try Row.fetchAll(db, sql: "SELECT foundOn, lastAcknowledgedOn, answers FROM answerLoss ORDER BY id").compactMap
        {
            row in
            guard let found = Day(row["foundOn"]), let last = Day(row["lastAcknowledgedOn"]) else { return nil }
            return AnswerLoss(foundOn: found, lastAcknowledgedOn: last, answers: row["answers"])
        }
    }
}

extension AppDatabase {
    /// Every loss of acknowledged answers found at an opening of the database, oldest first.
    public func answerLosses() async throws -> [AnswerLoss] {
        try await read { db in try AnswerLosses.all(in: db) }
    }

    /// Throws the last failure to write the count file of acknowledged answers since the previous call, if any:
    /// until a later write succeeds, a crash that loses the answers acknowledged meanwhile goes unnoticed.
    public func checkAcknowledgedCount() throws {
        if let failure = submissions.countFile?.takeFailure() { throw failure }
    }
}
