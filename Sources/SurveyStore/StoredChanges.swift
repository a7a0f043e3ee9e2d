import Foundation
import GRDB
import SurveyCore

/// The rows inserted in one transaction and what they add to the tallies and round digests, written once
/// per transaction: many submissions touch the same few tally rows, so each row is updated once. Every row
/// is updated in place with a count of fixed width, so no cell moves to mark what changed last.
struct StoredChanges {
    private var pools: [PoolKey: SlotPool] = [:]
    private var answers: [AnswerKey: Int] = [:]
    /// The profile crosses (each dimension with gender) per day. They follow from the whole profiles, but
    /// every console page sums them over the round's days, and they are a tenth as many rows: summing the whole
    /// profiles instead made the dashboard four times slower.
    private var profile: [ProfileKey: Int] = [:]
    private var combinations: [CombinationKey: Int] = [:]
    private var days: [DayKey: Int] = [:]
    private var digests: [Int64: RoundDigest] = [:]
    /// Rows inserted, which the count of acknowledged answers adds.
    private var inserted = 0

    private struct PoolKey: Hashable {
        let roundId: Int64
        let form: FormKind
    }

    private struct AnswerKey: Hashable {
        let roundId: Int64
        let form: String
        let day: String
        let field: String
        let option: String
    }

    private struct ProfileKey: Hashable {
        let roundId: Int64
        let form: String
        let day: String
        let dimension: String
        let code: String
        let gender: String
    }

    /// A whole profile (every dimension, "" where not given or not asked) on a day.
    private struct CombinationKey: Hashable {
        let roundId: Int64
        let form: String
        let day: String
        let codes: [String]
    }

    private struct DayKey: Hashable {
        let roundId: Int64
        let form: String
        let day: String
    }

    /// On a round's first answer of a day, makes that day's rows for both forms all at once, zero, from the
    /// round's template (the rows of day ""), so that rows never appear one by one in the order answers chose them.
    private static func makeDay(_ key: DayKey, in db: Database) throws {
        let exists = try Bool.fetchOne(
            db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM dailyTally WHERE roundId = ? AND form = ? AND day = ?)"),
            arguments: [key.roundId, key.form, key.day])
        guard exists == false else { return }
        let zero = FixedCount.stored(0)
        for (table, columns) in [
            ("answerDayTally", "field, option"), ("profileDayTally", "dimension, code, gender"),
            ("comboDayTally", "gender, age, education, contact"),
        ] {
            try db.cachedStatement(
                sql: """
                    INSERT INTO \(table) (roundId, form, day, \(columns), count)
                    SELECT roundId, form, ?, \(columns), ? FROM \(table) WHERE roundId = ? AND day = ''
                    ON CONFLICT DO NOTHING
                    """
            ).execute(arguments: [key.day, zero, key.roundId])
        }
        for form in FormKind.allCases {
            try db.cachedStatement(
                sql: "INSERT INTO dailyTally (roundId, form, day, count) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
            ).execute(arguments: [key.roundId, form.rawValue, key.day, zero])
        }
    }

    /// Stores one prepared row in a random free slot of its pool and notes what it adds; nothing is noted if
    /// the write fails.
    mutating func insert(_ row: PreparedRow, in db: Database) throws {
        let roundId = row.roundId
        let response = row.response
        let poolKey = PoolKey(roundId: roundId, form: response.form)
        var pool = try pools[poolKey] ?? SlotPool.loadOrCreate(roundId: roundId, form: response.form, in: db)
        try pool.fill(row.body, in: db)
        pools[poolKey] = pool
        digests[roundId, default: RoundDigest()].add(vector: row.vector)
        recount(response, roundId: roundId)
        inserted += 1
    }

    /// Notes what a stored response adds to its round's tallies.
    mutating func recount(_ response: Response, roundId: Int64) {
        let form = response.form.rawValue
        let day = response.day.description
        for (field, code) in response.answers {
            answers[AnswerKey(roundId: roundId, form: form, day: day, field: field, option: code), default: 0] += 1
        }
        let gender = response.profile[.gender] ?? ""
        for dimension in response.form.crossedDimensions {
            let key = ProfileKey(
                roundId: roundId, form: form, day: day, dimension: dimension.rawValue,
                code: response.profile[dimension] ?? "", gender: gender)
            profile[key, default: 0] += 1
        }
        let codes = ProfileDimension.allCases.map { response.profile[$0] ?? "" }
        combinations[CombinationKey(roundId: roundId, form: form, day: day, codes: codes), default: 0] += 1
        days[DayKey(roundId: roundId, form: form, day: day), default: 0] += 1
    }

    /// Adds the noted counts to the tallies, pools, digests and the count of acknowledged answers; returns that
    /// count when rows were inserted, for the count file to take once the transaction is durable.
    @discardableResult
    func save(in db: Database) throws -> Int? {
        for pool in pools.values { try pool.save(in: db) }
        for key in days.keys { try Self.makeDay(key, in: db) }
        let bias = FixedCount.bias
        let answer = try db.cachedStatement(
            sql: """
                INSERT INTO answerDayTally (roundId, form, day, field, option, count) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count - \(bias)
                """)
        for (key, count) in answers {
            try answer.execute(arguments: [
                key.roundId, key.form, key.day, key.field, key.option, FixedCount.stored(count),
            ])
        }
        let cell = try db.cachedStatement(
            sql: """
                INSERT INTO profileDayTally (roundId, form, day, dimension, code, gender, count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count - \(bias)
                """)
        for (key, count) in profile {
            try cell.execute(arguments: [
                key.roundId, key.form, key.day, key.dimension, key.code, key.gender, FixedCount.stored(count),
            ])
        }
        let combination = try db.cachedStatement(
            sql: """
                INSERT INTO comboDayTally (roundId, form, day, gender, age, education, contact, count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count - \(bias)
                """)
        for (key, count) in combinations {
            try combination.execute(
                arguments: StatementArguments(
                    [key.roundId.databaseValue, key.form.databaseValue, key.day.databaseValue]
                        + key.codes.map(\.databaseValue) + [FixedCount.stored(count).databaseValue]))
        }
        let day = try db.cachedStatement(
            sql: """
                INSERT INTO dailyTally (roundId, form, day, count) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count - \(bias)
                """)
        for (key, count) in days {
            try day.execute(arguments: [key.roundId, key.form, key.day, FixedCount.stored(count)])
        }
        for (roundId, added) in digests {
            var digest = try AppDatabase.storedDigest(roundId: roundId, in: db)
            digest.merge(added)
            try db.execute(
                sql: """
                    INSERT INTO roundDigest (roundId, count, lanes) VALUES (?, ?, ?)
                    ON CONFLICT DO UPDATE SET count = excluded.count, lanes = excluded.lanes
                    """,
                arguments: [roundId, FixedCount.stored(digest.count), digest.data])
        }
        guard inserted > 0 else { return nil }
        return try AnswerLosses.addAcknowledged(inserted, in: db)
    }
}
