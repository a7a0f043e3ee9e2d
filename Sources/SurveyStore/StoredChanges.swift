import Foundation
import GRDB
import SurveyCore

/// The rows inserted in one transaction and what they add to the tallies and round digests, written once
/// per transaction: many submissions touch the same few tally rows, so each row is updated once.
struct StoredChanges {
    private var answers: [AnswerKey: Int] = [:]
    private var profile: [ProfileKey: Int] = [:]
    private var days: [DayKey: Int] = [:]
    private var digests: [Int64: RoundDigest] = [:]

    private struct AnswerKey: Hashable {
        let roundId: Int64
        let form: String
        let field: String
        let option: String
    }

    private struct ProfileKey: Hashable {
        let roundId: Int64
        let form: String
        let dimension: String
        let code: String
        let gender: String
    }

    private struct DayKey: Hashable {
        let roundId: Int64
        let form: String
        let day: String
    }

    /// Inserts one prepared row and notes what it adds; nothing is noted if the insert fails.
    mutating func insert(_ row: PreparedRow, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO response (id, roundId, form, day, gender, age, education, contact, answers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: StatementArguments(row.values))
        let roundId = row.roundId
        let response = row.response
        let form = response.form.rawValue
        digests[roundId, default: RoundDigest()].add(vector: row.vector)
        for (field, code) in response.answers {
            answers[AnswerKey(roundId: roundId, form: form, field: field, option: code), default: 0] += 1
        }
        let gender = response.profile[.gender] ?? ""
        for dimension in response.form.crossedDimensions {
            let key = ProfileKey(
                roundId: roundId, form: form, dimension: dimension.rawValue, code: response.profile[dimension] ?? "",
                gender: gender)
            profile[key, default: 0] += 1
        }
        days[DayKey(roundId: roundId, form: form, day: response.day.description), default: 0] += 1
    }

    /// Adds the noted counts to the tallies and digests.
    func save(in db: Database) throws {
        let answer = try db.cachedStatement(
            sql: """
                INSERT INTO tally (roundId, form, field, option, count) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        for (key, count) in answers {
            try answer.execute(arguments: [key.roundId, key.form, key.field, key.option, count])
        }
        let cell = try db.cachedStatement(
            sql: """
                INSERT INTO profileTally (roundId, form, dimension, code, gender, count) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        for (key, count) in profile {
            try cell.execute(arguments: [key.roundId, key.form, key.dimension, key.code, key.gender, count])
        }
        let day = try db.cachedStatement(
            sql: """
                INSERT INTO dailyTally (roundId, form, day, count) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        for (key, count) in days {
            try day.execute(arguments: [key.roundId, key.form, key.day, count])
        }
        for (roundId, added) in digests {
            var digest = try AppDatabase.storedDigest(roundId: roundId, in: db)
            digest.merge(added)
            try db.execute(
                sql: """
                    INSERT INTO roundDigest (roundId, count, lanes) VALUES (?, ?, ?)
                    ON CONFLICT DO UPDATE SET count = excluded.count, lanes = excluded.lanes
                    """,
                arguments: [roundId, digest.count, digest.data])
        }
    }
}
