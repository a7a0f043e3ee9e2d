import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Makes a batch of `count` new access codes for a round and returns it with its codes in slip order.
    public func makeCodeBatch(roundId: Int64, count: Int, on day: Day) async throws -> (
        batch: CodeBatch, codes: [String]
    ) {
        let secret = secret
        let batchId = try await write { db -> Int64 in
            try db.execute(
                sql: "INSERT INTO codeBatch (roundId, size, madeOn, printed) VALUES (?, ?, ?, 0)",
                arguments: [roundId, count, day.description])
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
            return batchId
        }
        let batch = try await codeBatches(roundId: roundId).first { $0.id == batchId }!
        return (batch, try await batchCodes(roundId: roundId, batchId: batchId) ?? [])
    }

    /// A round's code batches, first made first, each with its counts.
    public func codeBatches(roundId: Int64) async throws -> [CodeBatch] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT b.id, b.size, b.madeOn, b.printed,
                        coalesce(sum(c.used), 0) AS used, coalesce(sum(c.withdrawn), 0) AS withdrawn,
                        count(c.code) AS kept
                    FROM codeBatch b LEFT JOIN accessCode c ON c.batchId = b.id
                    WHERE b.roundId = ? GROUP BY b.id ORDER BY b.id
                    """, arguments: [roundId]
            ).enumerated().map { index, row in
                let madeOn: String? = row["madeOn"]
                let kept: Int = row["kept"]
                return CodeBatch(
                    id: row["id"], number: index + 1, size: row["size"], madeOn: madeOn.flatMap(Day.init),
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

    /// Spends a normalized code if it is one of the round's open codes, in a transaction of its own that
    /// writes nothing else. Returns what the code was before: `.unused` means it was spent now.
    public func spendAccessCode(roundId: Int64, code: String) async throws -> AccessCodeStatus {
        let hash = AccessCode.hash(code, roundId: roundId, secret: secret)
        return try await write { db in
            try db.execute(
                sql: "UPDATE accessCode SET used = 1 WHERE roundId = ? AND codeHash = ? AND used = 0 AND withdrawn = 0",
                arguments: [roundId, hash])
            if db.changesCount == 1 { return .unused }
            return try Self.codeStatus(hash: hash, roundId: roundId, in: db)
        }
    }

    /// What a normalized code is, without spending it.
    public func accessCodeStatus(roundId: Int64, code: String) async throws -> AccessCodeStatus {
        let hash = AccessCode.hash(code, roundId: roundId, secret: secret)
        return try await read { db in try Self.codeStatus(hash: hash, roundId: roundId, in: db) }
    }

    /// A round's codes in all.
    public func accessCodeCounts(roundId: Int64) async throws -> AccessCodeCounts {
        AccessCodeCounts(try await codeBatches(roundId: roundId))
    }

    private static func codeStatus(hash: Data, roundId: Int64, in db: Database) throws -> AccessCodeStatus {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT used, withdrawn FROM accessCode WHERE roundId = ? AND codeHash = ?",
                arguments: [roundId, hash])
        else { return .unknown }
        if row["used"] { return .used }
        return row["withdrawn"] ? .withdrawn : .unused
    }
}
