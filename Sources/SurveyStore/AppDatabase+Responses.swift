import Crypto
import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Stores a submission: spends its token and code, inserts the row, and adds it to the tallies and the
    /// round's digest, in one transaction shared with whatever other submissions are waiting (group commit).
    public func record(_ submission: Submission) async throws -> RecordOutcome {
        try await submissions.record(submission)
    }

    /// Stores already validated responses (an import) in one transaction: all of them or none.
    public func importResponses(_ responses: [Response], roundId: Int64) async throws {
        try await write { db in
            var changes = StoredChanges()
            for response in responses { try changes.insert(PreparedRow(response, roundId: roundId), in: db) }
            try changes.save(in: db)
        }
    }

    /// The stored tallies of a round, one per form.
    public func tallies(roundId: Int64) async throws -> RoundTallies {
        try await read { db in
            var tallies = RoundTallies()
            for row in try Row.fetchAll(
                db, sql: "SELECT form, field, option, count FROM tally WHERE roundId = ?", arguments: [roundId])
            {
                guard let form = FormKind(rawValue: row["form"]) else { continue }
                tallies[form].answers[row["field"], default: [:]][row["option"]] = row["count"]
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT form, dimension, code, gender, count FROM profileTally WHERE roundId = ?",
                arguments: [roundId])
            {
                guard let form = FormKind(rawValue: row["form"]),
                    let dimension = ProfileDimension(rawValue: row["dimension"])
                else { continue }
                tallies[form].profile[dimension, default: [:]][row["code"], default: [:]][row["gender"]] = row["count"]
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT form, day, count FROM dailyTally WHERE roundId = ?", arguments: [roundId])
            {
                guard let form = FormKind(rawValue: row["form"]), let day = Day(row["day"]) else { continue }
                tallies[form].days[day] = row["count"]
                tallies[form].responses += row["count"] as Int
            }
            return tallies
        }
    }

    /// Every stored response of a round and form, in key order (which says nothing of submission order).
    public func responses(roundId: Int64, form: FormKind) async throws -> [Response] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM response WHERE roundId = ? AND form = ? ORDER BY id",
                arguments: [roundId, form.rawValue]
            ).compactMap(ResponseRow.response)
        }
    }

    /// Hands the stored responses of a round and form to `page`, a page at a time from one snapshot, so that
    /// an export of any size keeps a constant amount in memory.
    public func forEachPage(
        roundId: Int64, form: FormKind, pageSize: Int = 1000, _ page: ([Response]) async throws -> Void
    ) async throws {
        let snapshot = try snapshot()
        var after = Data()
        while true {
            let last = after
            let rows = try await snapshot.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM response WHERE roundId = ? AND form = ? AND id > ? ORDER BY id LIMIT ?",
                    arguments: [roundId, form.rawValue, last, pageSize])
            }
            guard let lastRow = rows.last else { return }
            after = lastRow["id"]
            try await page(rows.compactMap(ResponseRow.response))
            if rows.count < pageSize { return }
        }
    }

    /// The tallies a full scan of the stored responses gives, to check the stored ones against.
    public func recountedTallies(roundId: Int64) async throws -> RoundTallies {
        var tallies = RoundTallies()
        for form in FormKind.allCases {
            tallies[form] = Tally(form: form, responses: try await responses(roundId: roundId, form: form))
        }
        return tallies
    }

    /// Makes `count` new access codes for a round and returns them; only their hashes are kept.
    public func createAccessCodes(roundId: Int64, count: Int) async throws -> [String] {
        let secret = secret
        return try await write { db in
            var codes: [String] = []
            while codes.count < count {
                let code = AccessCode.generate()
                try db.execute(
                    sql: "INSERT INTO accessCode (roundId, codeHash, used) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                    arguments: [
                        roundId, AccessCode.hash(AccessCode.normalize(code)!, roundId: roundId, secret: secret),
                    ])
                if db.changesCount == 1 { codes.append(code) }
            }
            return codes
        }
    }

    /// Whether a normalized code is one of the round's codes, and whether it was spent.
    public func accessCodeStatus(roundId: Int64, code: String) async throws -> AccessCodeStatus {
        let hash = AccessCode.hash(code, roundId: roundId, secret: secret)
        return try await read { db in
            switch try Bool.fetchOne(
                db, sql: "SELECT used FROM accessCode WHERE roundId = ? AND codeHash = ?", arguments: [roundId, hash])
            {
            case nil: .unknown
            case true?: .used
            case false?: .unused
            }
        }
    }

    /// How many codes a round has and how many were spent.
    public func accessCodeCounts(roundId: Int64) async throws -> (total: Int, used: Int) {
        try await read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT count(*) AS total, coalesce(sum(used), 0) AS used FROM accessCode WHERE roundId = ?",
                arguments: [roundId])!
            return (row["total"], row["used"])
        }
    }

    /// Forgets spent form tokens issued before `day`; their forms have expired by then.
    public func forgetSpentTokens(before day: Day) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM spentToken WHERE day < ?", arguments: [day.description])
        }
    }
}

/// Both forms' tallies of a round.

/// How a response row is written and read back.
enum ResponseRow {
    /// `i1a=4,i1b=3,…` in field-id order.
    static func encode(_ answers: [String: String]) -> String {
        answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The bytes that identify a stored row for the round digest: every column as stored, in table order.
    static func canonical(_ values: [DatabaseValue]) -> Data {
        var data = Data("response-v1".utf8)
        for value in values {
            data.append(0x1F)
            switch value.storage {
            case .null: break
            case .int64(let number): data.append(contentsOf: Array(String(number).utf8))
            case .double(let number): data.append(contentsOf: Array(String(number).utf8))
            case .string(let text): data.append(contentsOf: Array(text.utf8))
            case .blob(let blob): data.append(blob)
            }
        }
        return data
    }

    static func response(_ row: Row) -> Response? {
        guard let form = FormKind(rawValue: row["form"]), let day = Day(row["day"]) else { return nil }
        var profile: [ProfileDimension: String] = [:]
        for dimension in ProfileDimension.allCases {
            if let code: String = row[dimension.rawValue], !code.isEmpty { profile[dimension] = code }
        }
        var answers: [String: String] = [:]
        for pair in (row["answers"] as String).split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { answers[String(parts[0])] = String(parts[1]) }
        }
        return Response(form: form, day: day, profile: profile, answers: answers)
    }
}

/// Both forms' tallies of a round.
public struct RoundTallies: Sendable, Hashable {
    public var iit = Tally(form: .iit)
    public var eit = Tally(form: .eit)

    public init() {}

    public subscript(form: FormKind) -> Tally {
        get { form == .iit ? iit : eit }
        set {
            if form == .iit { iit = newValue } else { eit = newValue }
        }
    }
}
