import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Makes a batch of `count` new access codes of a form for a round and returns it with its codes in slip order;
    /// the audit entry `audit` gives for the batch's number is written in the same transaction.
    public func makeCodeBatch(
        roundId: Int64, form: FormKind, count: Int, on day: Day, audit: (@Sendable (_ number: Int) -> AuditEntry)? = nil
    ) async throws -> (batch: CodeBatch, codes: [String]) {
        let secret = secret
        let batchId = try await write { db -> Int64 in
            try db.execute(
                sql: "INSERT INTO codeBatch (roundId, form, size, madeOn, printed) VALUES (?, ?, ?, ?, 0)",
                arguments: [roundId, form.rawValue, count, day.description])
            let batchId = db.lastInsertedRowID
            var made = 0
            while made < count {
                let code = AccessCode.normalize(AccessCode.generate())!
                try db.execute(
                    sql: """
                        INSERT INTO accessCode (roundId, codeHash, code, batchId, used, withdrawn)
                        VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING
                        """,
                    arguments: [roundId, AccessCode.hash(code, roundId: roundId, secret: secret), code, batchId])
                made += db.changesCount
            }
            if let audit {
                let number =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM codeBatch WHERE roundId = ? AND form = ?",
                        arguments: [roundId, form.rawValue]) ?? 1
                try audit(number).insert(in: db)
            }
            return batchId
        }
        let batch = try await codeBatches(roundId: roundId).first { $0.id == batchId }!
        return (batch, try await batchCodes(roundId: roundId, batchId: batchId) ?? [])
    }

    /// A round's code batches, first made first, each with its form, its number among the form's batches and
    /// its counts.
    public func codeBatches(roundId: Int64) async throws -> [CodeBatch] {
        try await read { db in
            var numbers: [FormKind: Int] = [:]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT b.id, b.form, b.size, b.madeOn, b.printed,
                        coalesce(sum(c.used), 0) AS used, coalesce(sum(c.withdrawn), 0) AS withdrawn,
                        count(c.code) AS kept
                    FROM codeBatch b LEFT JOIN accessCode c ON c.batchId = b.id
                    WHERE b.roundId = ? GROUP BY b.id ORDER BY b.id
                    """, arguments: [roundId]
            ).map { row in
                let madeOn: String? = row["madeOn"]
                let kept: Int = row["kept"]
                let form = FormKind(rawValue: row["form"]) ?? .iit
                numbers[form, default: 0] += 1
                return CodeBatch(
                    id: row["id"], form: form, number: numbers[form]!, size: row["size"],
                    madeOn: madeOn.flatMap(Day.init),
                    printed: row["printed"], used: row["used"], withdrawn: row["withdrawn"], reprintable: kept > 0)
            }
        }
    }

    /// The codes of a batch as printed on slips (in alphabetical order), or nil when the batch is not the
    /// round's or its codes were not kept.
    public func batchCodes(roundId: Int64, batchId: Int64) async throws -> [String]? {
        try await read { db in
            let codes = try String.fetchAll(
                db,
                sql: "SELECT code FROM accessCode WHERE roundId = ? AND batchId = ? AND code IS NOT NULL ORDER BY code",
                arguments: [roundId, batchId])
            return codes.isEmpty ? nil : codes.map(AccessCode.display)
        }
    }

    /// Notes that a batch's slips were opened for printing.
    public func markPrinted(roundId: Int64, batchId: Int64) async throws {
        try await unlessUnavailable {
            try await write { db in
                try db.execute(
                    sql: "UPDATE codeBatch SET printed = 1 WHERE id = ? AND roundId = ?", arguments: [batchId, roundId])
            }
        }
    }

    /// Withdraws a batch's codes that were not used, so they no longer open the form; returns how many.
    @discardableResult
    public func withdrawUnusedCodes(roundId: Int64, batchId: Int64) async throws -> Int {
        try await write { db in
            try db.execute(
                sql:
                    "UPDATE accessCode SET withdrawn = 1 WHERE roundId = ? AND batchId = ? AND used = 0 AND withdrawn = 0",
                arguments: [roundId, batchId])
            return db.changesCount
        }
    }

    /// Spends a normalized code if it is one of the round's open codes of `form`, in a transaction of its own
    /// that writes nothing else. Returns what the code was before: `.unused` means it was spent now. A code of
    /// the other form is unknown here.
    public func spendAccessCode(roundId: Int64, form: FormKind, code: String) async throws -> AccessCodeStatus {
        let hash = AccessCode.hash(code, roundId: roundId, secret: secret)
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE accessCode SET used = 1
                    WHERE roundId = ? AND codeHash = ? AND used = 0 AND withdrawn = 0
                        AND batchId IN (SELECT id FROM codeBatch WHERE roundId = ? AND form = ?)
                    """, arguments: [roundId, hash, roundId, form.rawValue])
            if db.changesCount == 1 { return .unused }
            return try Self.codeStatus(hash: hash, roundId: roundId, form: form, in: db)
        }
    }

    /// What a normalized code of `form` is, without spending it.
    public func accessCodeStatus(roundId: Int64, form: FormKind, code: String) async throws
        -> AccessCodeStatus
    {
        let hash = AccessCode.hash(code, roundId: roundId, secret: secret)
        return try await read { db in try Self.codeStatus(hash: hash, roundId: roundId, form: form, in: db) }
    }

    /// A round's codes of one form in all.
    public func accessCodeCounts(roundId: Int64, form: FormKind) async throws -> AccessCodeCounts {
        AccessCodeCounts(try await codeBatches(roundId: roundId).filter { $0.form == form })
    }

    private static func codeStatus(hash: Data, roundId: Int64, form: FormKind, in db: Database) throws
        -> AccessCodeStatus
    {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.used, c.withdrawn FROM accessCode c JOIN codeBatch b ON b.id = c.batchId
                    WHERE c.roundId = ? AND c.codeHash = ? AND b.form = ?
                    """, arguments: [roundId, hash, form.rawValue])
        else { return .unknown }
        if row["used"] { return .used }
        return row["withdrawn"] ? .withdrawn : .unused
    }
}
