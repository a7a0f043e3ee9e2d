import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Adds a round with its targets, makes the rows its submissions will write and logs who did, in one
    /// transaction; an agency has at most one round per fiscal year.
    public func openRound(
        _ settings: RoundSettings, agency: Agency, instruments: RoundInstruments, by actor: String,
        at time: Date = Date()
    ) async throws -> Round {
        let round = try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT archived FROM agency WHERE id = ?", arguments: [agency.id]) != true
            else { throw StoreError.archivedAgency(agency.slug) }
            try Self.requireFree(settings, agency: agency, except: nil, in: db)
            var columns = Round.columns(settings)
            columns["agencyId"] = agency.id
            columns["iitInstrument"] = instruments.iit.version
            columns["eitInstrument"] = instruments.eit.version
            let names = columns.keys.sorted()
            try db.execute(
                sql:
                    "INSERT INTO round (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(names.map { columns[$0]! }))
            let round = Round(
                id: db.lastInsertedRowID, agencyId: agency.id, settings: settings,
                iitInstrument: instruments.iit.version, eitInstrument: instruments.eit.version)
            try Self.replaceTargets(settings.targets, roundId: round.id, in: db)
            try Self.prepareRound(round.id, instruments: instruments.all, in: db)
            try AuditEntry(actor, .roundCreated, agency: agency.slug, detail: settings.summary, at: time).insert(in: db)
            return round
        }
        changes.bump()
        return round
    }

    /// Saves a round's new settings and targets and logs who did, in one transaction; the fiscal year stays unique
    /// per agency.
    ///
    /// With `instruments` of another version, the round moves to that set, which only a round without answers may:
    /// its prepared rows are made afresh for the new fields and options.
    public func updateRound(
        _ round: Round, to settings: RoundSettings, instruments: RoundInstruments? = nil, agency: Agency,
        by actor: String, at time: Date = Date()
    )
        async throws -> Round
    {
        let updated = try await write { db in
            try Self.requireFree(settings, agency: agency, except: round.id, in: db)
            var columns = Round.columns(settings)
            var updated = round
            if let instruments,
                instruments.iit.version != round.iitInstrument || instruments.eit.version != round.eitInstrument
            {
                try Self.replaceInstruments(of: round.id, with: instruments, in: db)
                columns["iitInstrument"] = instruments.iit.version
                columns["eitInstrument"] = instruments.eit.version
                updated = Round(
                    id: round.id, agencyId: round.agencyId, settings: round.settings,
                    iitInstrument: instruments.iit.version, eitInstrument: instruments.eit.version)
            }
            let names = columns.keys.sorted()
            try db.execute(
                sql: "UPDATE round SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                arguments: StatementArguments(names.map { columns[$0]! } + [round.id]))
            try Self.replaceTargets(settings.targets, roundId: round.id, in: db)
            try AuditEntry(
                actor, .roundChanged, agency: agency.slug,
                detail: settings.summary
                    + (updated.iitInstrument == round.iitInstrument
                        ? "" : " instruments=\(updated.iitInstrument)"),
                at: time
            ).insert(in: db)
            updated.settings = settings
            return updated
        }
        changes.bump()
        return updated
    }

    /// Drops a round's prepared rows and makes them for other instruments; refused once a response is stored.
    private static func replaceInstruments(of roundId: Int64, with instruments: RoundInstruments, in db: Database)
        throws
    {
        for form in FormKind.allCases {
            guard let pool = try SlotPool.load(roundId: roundId, form: form, in: db) else { continue }
            guard pool.filled == 0 else { throw StoreError.instrumentsFrozen }
            try db.execute(
                sql: "DELETE FROM responseSlot WHERE id >= ? AND id < ?",
                arguments: [pool.firstId, pool.firstId + Int64(pool.capacity)])
            try db.execute(
                sql: "DELETE FROM slotPool WHERE roundId = ? AND form = ?", arguments: [roundId, form.rawValue])
        }
        let answered =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM answerDayTally WHERE roundId = ? AND day <> ''", arguments: [roundId])
            ?? 0
        guard answered == 0 else { throw StoreError.instrumentsFrozen }
        try db.execute(sql: "DELETE FROM answerDayTally WHERE roundId = ? AND day = ''", arguments: [roundId])
        try prepareRound(roundId, instruments: instruments.all, in: db)
    }

    /// The agency's rounds, newest fiscal year first.
    public func rounds(agencyId: Int64) async throws -> [Round] {
        try await read { db in try Self.rounds(in: db, where: "agencyId = ? ORDER BY fiscalYear DESC", [agencyId]) }
    }

    public func round(id: Int64) async throws -> Round? {
        try await read { db in try Self.rounds(in: db, where: "id = ?", [id]).first }
    }

    public func round(agencyId: Int64, year: Int) async throws -> Round? {
        try await read { db in
            try Self.rounds(in: db, where: "agencyId = ? AND fiscalYear = ?", [agencyId, year]).first
        }
    }

    /// The round of an agency's fiscal year, or the store error that says which is missing.
    public func requireRound(slug: String, year: Int) async throws -> Round {
        let agency = try await requireAgency(slug: slug)
        guard let round = try await round(agencyId: agency.id, year: year) else {
            throw StoreError.unknownRound(agency: slug, year: year)
        }
        return round
    }

    /// The round a form should serve on `day`: the open one, else the next to open, else the last closed.
    public func currentRound(agencyId: Int64, on day: Day) async throws -> Round? {
        Round.current(among: try await rounds(agencyId: agencyId), on: day)
    }

    /// The agency's round of the latest fiscal year before `year`, to compare with.
    public func previousRound(agencyId: Int64, before year: Int) async throws -> Round? {
        try await read { db in
            try Self.rounds(
                in: db, where: "agencyId = ? AND fiscalYear < ? ORDER BY fiscalYear DESC LIMIT 1", [agencyId, year]
            )
            .first
        }
    }

    /// The rounds of a `WHERE` clause with their targets.
    static func rounds(in db: Database, where clause: String, _ arguments: StatementArguments) throws -> [Round] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM round WHERE \(clause)", arguments: arguments)
        let targets = try targets(roundIds: rows.map { $0["id"] }, in: db)
        return try rows.map { row in try Round(row: row, targets: targets[row["id"]] ?? []) }
    }

    /// Refuses settings whose fiscal year another round of the agency has, or whose days overlap another's.
    private static func requireFree(_ settings: RoundSettings, agency: Agency, except roundId: Int64?, in db: Database)
        throws
    {
        for other in try rounds(in: db, where: "agencyId = ? AND id IS NOT ?", [agency.id, roundId]) {
            guard other.fiscalYear != settings.fiscalYear else {
                throw StoreError.roundExists(agency: agency.slug, year: settings.fiscalYear)
            }
            if settings.opens <= (other.closes ?? .distantFuture) && other.opens <= (settings.closes ?? .distantFuture)
            {
                throw StoreError.overlappingRound(
                    agency: agency.slug, year: other.fiscalYear, opens: other.opens, closes: other.closes,
                    byClosingDay: settings.opens < other.opens)
            }
        }
    }

    /// The profile targets of rounds, read in one query, each round's in form, dimension and category order.
    private static func targets(roundIds: [Int64], in db: Database) throws -> [Int64: [ProfileTarget]] {
        guard !roundIds.isEmpty else { return [:] }
        var targets: [Int64: [ProfileTarget]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT roundId, form, dimension, code, minimum FROM profileTarget WHERE roundId IN "
                + "(\(roundIds.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(roundIds))
        {
            guard let form = FormKind(rawValue: row["form"]),
                let dimension = ProfileDimension(rawValue: row["dimension"])
            else { continue }
            targets[row["roundId"], default: []].append(
                ProfileTarget(form: form, dimension: dimension, code: row["code"], minimum: row["minimum"]))
        }
        let order = RoundSettings.TargetKey.all
        return targets.mapValues { round in
            round.sorted {
                (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count)
            }
        }
    }

    private static func replaceTargets(_ targets: [ProfileTarget], roundId: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM profileTarget WHERE roundId = ?", arguments: [roundId])
        for target in targets where target.minimum > 0 {
            try db.execute(
                sql: "INSERT INTO profileTarget (roundId, form, dimension, code, minimum) VALUES (?, ?, ?, ?, ?)",
                arguments: [roundId, target.form.rawValue, target.dimension.rawValue, target.code, target.minimum])
        }
    }
}

extension ProfileTarget {
    /// The category the target is for.
    var key: RoundSettings.TargetKey { RoundSettings.TargetKey(form: form, dimension: dimension, code: code) }
}
