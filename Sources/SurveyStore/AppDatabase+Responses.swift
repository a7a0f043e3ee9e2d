import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Stores a submission: spends its token and ballot, stores the row, and adds it to the tallies and the
    /// round's digest, in one transaction shared with whatever other submissions are waiting (group commit).
    public func record(_ submission: Submission) async throws -> RecordOutcome {
        try await submissions.record(submission)
    }

    /// Stores already validated responses (an import) in one transaction, with `audit` if given: all of them or
    /// none.
    public func importResponses(_ responses: [Response], roundId: Int64, audit: AuditEntry? = nil) async throws {
        let total = try await write { db in
            var changes = StoredChanges()
            for response in responses { try changes.insert(PreparedRow(response, roundId: roundId), in: db) }
            let total = try changes.save(in: db)
            try audit?.insert(in: db)
            return total
        }
        if let total { submissions.countFile?.acknowledge(total: total) }
    }

    /// Makes, ahead of its first answer, every row a round's submissions will write: the slot pools, the
    /// template of a day's tallies (a row for every answer option and profile cell, copied whole on each new
    /// day), and the digest. Rows made on a first answer would sit in the order those answers came. Idempotent.
    public func prepareRound(_ roundId: Int64, instruments: [Instrument]) async throws {
        try await write { db in try Self.prepareRound(roundId, instruments: instruments, in: db) }
    }

    /// `prepareRound` inside a transaction already open.
    static func prepareRound(_ roundId: Int64, instruments: [Instrument], in db: Database) throws {
        let zero = FixedCount.stored(0)
        for instrument in instruments {
            let form = instrument.form.rawValue
            if try SlotPool.load(roundId: roundId, form: instrument.form, in: db) == nil {
                try SlotPool.create(
                    roundId: roundId, form: instrument.form, bodySize: SlotPool.bodySize(for: instrument), in: db)
            }
            for field in instrument.fields {
                for option in field.scale.codes {
                    try db.execute(
                        sql: """
                            INSERT INTO answerDayTally (roundId, form, day, field, option, count)
                            VALUES (?, ?, '', ?, ?, ?) ON CONFLICT DO NOTHING
                            """, arguments: [roundId, form, field.id, option, zero])
                }
            }
            var combinations: [[String]] = [[]]
            for dimension in ProfileDimension.allCases {
                let codes = instrument.form.profileDimensions.contains(dimension) ? dimension.codes + [""] : [""]
                combinations = combinations.flatMap { prefix in codes.map { prefix + [$0] } }
            }
            for codes in combinations {
                try db.execute(
                    sql: """
                        INSERT INTO comboDayTally (roundId, form, day, gender, age, education, contact, count)
                        VALUES (?, ?, '', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """,
                    arguments: StatementArguments(
                        [roundId.databaseValue, form.databaseValue] + codes.map(\.databaseValue)
                            + [zero.databaseValue]))
            }
            for dimension in instrument.form.crossedDimensions {
                for code in dimension.codes + [""] {
                    for gender in ProfileDimension.gender.codes + [""] {
                        try db.execute(
                            sql: """
                                INSERT INTO profileDayTally (roundId, form, day, dimension, code, gender, count)
                                VALUES (?, ?, '', ?, ?, ?, ?) ON CONFLICT DO NOTHING
                                """, arguments: [roundId, form, dimension.rawValue, code, gender, zero])
                    }
                }
            }
        }
        try db.execute(
            sql: "INSERT INTO roundDigest (roundId, count, lanes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [roundId, zero, RoundDigest().data])
    }

    /// The stored tallies of a round, one per form.
    public func tallies(roundId: Int64) async throws -> RoundTallies {
        try await read { db in try Self.tallies(roundId: roundId, through: [:], in: db) }
    }

    /// The stored tallies of a round and, read in the same transaction, the tallies of each form's answers up
    /// to the last day `through` names for that form's answers per day (none when it names no day).
    public func tallies(
        roundId: Int64, through: @escaping @Sendable (FormKind, [Day: Int]) -> Day?
    ) async throws -> (all: RoundTallies, upTo: RoundTallies) {
        try await read { db in
            let all = try Self.tallies(roundId: roundId, through: [:], in: db)
            var last: [FormKind: Day?] = [:]
            for form in FormKind.allCases { last[form] = .some(through(form, all[form].days)) }
            return (all, try Self.tallies(roundId: roundId, through: last, in: db))
        }
    }

    /// Sums a round's day tallies; a form named in `through` counts only days up to its day, or none for nil.
    static func tallies(roundId: Int64, through: [FormKind: Day?], in db: Database) throws -> RoundTallies {
        var tallies = RoundTallies()
        let count = FixedCount.sql("count")
        var days = "day <> ''"
        var arguments: StatementArguments = [roundId]
        for (form, last) in through.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let last {
                days += " AND (form <> ? OR day <= ?)"
                arguments += [form.rawValue, last.description]
            } else {
                days += " AND form <> ?"
                arguments += [form.rawValue]
            }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT form, field, option, sum(\(count)) AS count FROM answerDayTally
                WHERE roundId = ? AND \(days) GROUP BY form, field, option HAVING sum(\(count)) > 0
                """, arguments: arguments)
        {
            guard let form = FormKind(rawValue: row["form"]) else { continue }
            tallies[form].answers[row["field"], default: [:]][row["option"]] = row["count"]
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT form, dimension, code, gender, sum(\(count)) AS count FROM profileDayTally
                WHERE roundId = ? AND \(days) GROUP BY form, dimension, code, gender HAVING sum(\(count)) > 0
                """, arguments: arguments)
        {
            guard let form = FormKind(rawValue: row["form"]),
                let dimension = ProfileDimension(rawValue: row["dimension"])
            else { continue }
            tallies[form].profile[dimension, default: [:]][row["code"], default: [:]][row["gender"]] = row["count"]
        }
        for row in try Row.fetchAll(
            db,
            sql: "SELECT form, day, \(count) AS count FROM dailyTally WHERE roundId = ? AND \(days) AND \(count) > 0",
            arguments: arguments)
        {
            guard let form = FormKind(rawValue: row["form"]), let day = Day(row["day"]) else { continue }
            tallies[form].days[day] = row["count"]
            tallies[form].responses += row["count"] as Int
        }
        return tallies
    }

    /// The profiles of a form's answers counted per day, each profile with every code given.
    public func profileCombinations(roundId: Int64, form: FormKind) async throws
        -> [Day: [[ProfileDimension: String]: Int]]
    {
        try await read { db in try Self.profileCombinations(roundId: roundId, form: form, in: db) }
    }

    static func profileCombinations(roundId: Int64, form: FormKind, in db: Database) throws
        -> [Day: [[ProfileDimension: String]: Int]]
    {
        var days: [Day: [[ProfileDimension: String]: Int]] = [:]
        let count = FixedCount.sql("count")
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT day, gender, age, education, contact, \(count) AS count FROM comboDayTally
                WHERE roundId = ? AND form = ? AND day <> '' AND \(count) > 0
                """, arguments: [roundId, form.rawValue])
        {
            guard let day = Day(row["day"]) else { continue }
            var profile: [ProfileDimension: String] = [:]
            for dimension in ProfileDimension.allCases {
                let code: String = row[dimension.rawValue]
                if !code.isEmpty { profile[dimension] = code }
            }
            days[day, default: [:]][profile] = row["count"]
        }
        return days
    }

    /// Every stored response of a round and form, in slot order (uniformly random, unrelated to submission).
    public func responses(roundId: Int64, form: FormKind) async throws -> [Response] {
        try await read { db in try Self.responses(roundId: roundId, form: form, in: db) }
    }

    static func responses(roundId: Int64, form: FormKind, in db: Database) throws -> [Response] {
        try SlotPool.filledSlots(roundId: roundId, form: form, in: db).compactMap {
            ResponseRow.response(slot: $0.slot, body: $0.body)
        }
    }

    /// Hands the stored responses of a round and form to `page`, a page at a time from `snapshot`, so that an
    /// export of any size keeps a constant amount in memory.
    static func forEachPage(
        in snapshot: any DatabaseReader, roundId: Int64, form: FormKind, pageSize: Int,
        _ page: ([Response]) async throws -> Void
    ) async throws {
        var after: Int64?
        while true {
            let last = after
            let slots = try await snapshot.read { db in
                try SlotPool.filledSlots(roundId: roundId, form: form, after: last, limit: pageSize, in: db)
            }
            guard let lastSlot = slots.last else { return }
            after = lastSlot.slot
            try await page(slots.compactMap { ResponseRow.response(slot: $0.slot, body: $0.body) })
            if slots.count < pageSize { return }
        }
    }

    /// The tallies a full scan of the stored responses gives, to check the stored ones against.
    public func recountedTallies(roundId: Int64) async throws -> RoundTallies {
        try await read { db in try Self.recountedTallies(roundId: roundId, in: db) }
    }

    static func recountedTallies(roundId: Int64, in db: Database) throws -> RoundTallies {
        var tallies = RoundTallies()
        for form in FormKind.allCases {
            tallies[form] = Tally(form: form, responses: try responses(roundId: roundId, form: form, in: db))
        }
        return tallies
    }

    /// Whether a form token or ballot was spent.
    public func isSpent(_ nonce: OneTimeNonce) async throws -> Bool {
        try await read { db in try SpentNonces.contains(nonce.nonce, in: db) }
    }

    /// Forgets spent form tokens and ballots issued before `day`; they have expired by then.
    public func forgetSpentTokens(before day: Day) async throws {
        try await write { db in try SpentNonces.forget(before: day, in: db) }
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

    /// The text columns a slot body keeps after the mark and the id; the round and form are the slot's pool.
    static let bodyColumns = ["day", "gender", "age", "education", "contact", "answers"]
    static let separator: UInt8 = 0x1F

    /// A slot body of a row given as its column values in table order (id, round, form, then `bodyColumns`),
    /// without its padding.
    static func body(_ values: [DatabaseValue]) -> Data {
        var body = Data([SlotPool.filledMark])
        if case .blob(let id) = values[0].storage { body.append(id) }
        for (index, value) in values.dropFirst(3).enumerated() {
            if index > 0 { body.append(separator) }
            if case .string(let text) = value.storage { body.append(contentsOf: Array(text.utf8)) }
        }
        return body
    }

    /// The texts of `bodyColumns` in a filled slot's body, without the padding.
    static func texts(body: Data) -> [String]? {
        let bytes = Array(body)
        guard bytes.count > 17, bytes[0] == SlotPool.filledMark else { return nil }
        var end = bytes.count
        while end > 17, bytes[end - 1] == 0 { end -= 1 }
        let texts = bytes[17..<end].split(separator: separator, omittingEmptySubsequences: false)
        guard texts.count == bodyColumns.count else { return nil }
        return texts.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The column values in table order of the response in a filled slot; an absent profile code is NULL.
    static func values(slot: Int64, body: Data) -> [DatabaseValue]? {
        guard let texts = texts(body: body) else { return nil }
        let (roundId, form) = SlotPool.owner(ofSlot: slot)
        return [Data(body[body.startIndex + 1..<body.startIndex + 17]).databaseValue, roundId.databaseValue]
            + [form.rawValue.databaseValue, texts[0].databaseValue]
            + texts[1..<5].map { $0.isEmpty ? .null : $0.databaseValue } + [texts[5].databaseValue]
    }

    /// The profile dimensions in the order a body keeps them, after the day.
    static let bodyDimensions: [ProfileDimension] = [.gender, .age, .education, .contact]

    /// The response in a filled slot.
    static func response(slot: Int64, body: Data) -> Response? {
        guard let texts = texts(body: body), let day = Day(texts[0]) else { return nil }
        var profile: [ProfileDimension: String] = [:]
        for (offset, dimension) in bodyDimensions.enumerated() where !texts[1 + offset].isEmpty {
            profile[dimension] = texts[1 + offset]
        }
        var answers: [String: String] = [:]
        for pair in texts[5].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { answers[String(parts[0])] = String(parts[1]) }
        }
        return Response(form: SlotPool.owner(ofSlot: slot).form, day: day, profile: profile, answers: answers)
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

/// What an export reads, all from one snapshot: the form's answers per day and whole profiles per day, from which
/// its periods and recoding are worked out, and the rows themselves, so that an answer arriving meanwhile is in
/// all of them or in none.
public struct ExportSnapshot: Sendable {
    let reader: any DatabaseReader
    let roundId: Int64
    let form: FormKind
    /// The form's answers per day.
    public let days: [Day: Int]
    /// The form's whole profiles per day, as `AppDatabase.profileCombinations` gives them.
    public let combinations: [Day: [[ProfileDimension: String]: Int]]

    /// Hands the rows to `page`, a page at a time.
    public func forEachPage(pageSize: Int = 1000, _ page: ([Response]) async throws -> Void) async throws {
        try await AppDatabase.forEachPage(in: reader, roundId: roundId, form: form, pageSize: pageSize, page)
    }
}

extension AppDatabase {
    /// A frozen view of one form of a round for an export.
    public func exportSnapshot(roundId: Int64, form: FormKind) async throws -> ExportSnapshot {
        let reader = try snapshot()
        let (days, combinations) = try await reader.read { db in
            (
                try Self.tallies(roundId: roundId, through: [:], in: db)[form].days,
                try Self.profileCombinations(roundId: roundId, form: form, in: db)
            )
        }
        return ExportSnapshot(
            reader: reader, roundId: roundId, form: form, days: days, combinations: combinations)
    }
}
