import GRDB
import SurveyCore

extension AppDatabase {
    /// Adds a round; an agency has at most one round per fiscal year.
    @discardableResult
    public func openRound(_ round: Round, agencySlug: String) async throws -> Round {
        try await write { db in
            guard
                try Round.filter(Column("agencyId") == round.agencyId && Column("fiscalYear") == round.fiscalYear)
                    .fetchCount(db) == 0
            else { throw StoreError.roundExists(agency: agencySlug, year: round.fiscalYear) }
            var inserted = round
            try inserted.insert(db)
            return inserted
        }
    }

    /// The agency's rounds, newest fiscal year first.
    public func rounds(agencyId: Int64) async throws -> [Round] {
        try await read { db in
            try Round.filter(Column("agencyId") == agencyId).order(Column("fiscalYear").desc).fetchAll(db)
        }
    }

    public func round(id: Int64) async throws -> Round? {
        try await read { db in try Round.fetchOne(db, key: id) }
    }

    public func round(agencyId: Int64, year: Int) async throws -> Round? {
        try await read { db in
            try Round.filter(Column("agencyId") == agencyId && Column("fiscalYear") == year).fetchOne(db)
        }
    }

    /// The round of an agency's fiscal year, or the store error that says which is missing.
    public func requireRound(slug: String, year: Int) async throws -> Round {
        let agency = try await requireAgency(slug: slug)
        guard let round = try await round(agencyId: agency.id!, year: year) else {
            throw StoreError.unknownRound(agency: slug, year: year)
        }
        return round
    }

    /// The round a form should serve on `day`: the open one, else the next to open, else the last closed.
    public func currentRound(agencyId: Int64, on day: Day) async throws -> Round? {
        Round.current(among: try await rounds(agencyId: agencyId), on: day)
    }

    /// Saves a changed round; the fiscal year stays unique per agency.
    public func updateRound(_ round: Round, agencySlug: String) async throws {
        try await write { db in
            guard
                try Round.filter(
                    Column("agencyId") == round.agencyId && Column("fiscalYear") == round.fiscalYear
                        && Column("id") != round.id
                ).fetchCount(db) == 0
            else { throw StoreError.roundExists(agency: agencySlug, year: round.fiscalYear) }
            try round.update(db)
        }
    }

    /// The agency's round of the latest fiscal year before `year`, to compare with.
    public func previousRound(agencyId: Int64, before year: Int) async throws -> Round? {
        try await read { db in
            try Round.filter(Column("agencyId") == agencyId && Column("fiscalYear") < year)
                .order(Column("fiscalYear").desc).fetchOne(db)
        }
    }

    /// The round's profile targets in form, dimension and category order.
    public func profileTargets(roundId: Int64) async throws -> [ProfileTarget] {
        let targets = try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT form, dimension, code, minimum FROM profileTarget WHERE roundId = ?",
                arguments: [roundId]
            ).compactMap { row -> ProfileTarget? in
                guard let form = FormKind(rawValue: row["form"]),
                    let dimension = ProfileDimension(rawValue: row["dimension"])
                else { return nil }
                return ProfileTarget(form: form, dimension: dimension, code: row["code"], minimum: row["minimum"])
            }
        }
        return targets.sorted { a, b in
            let order = { (t: ProfileTarget) in
                (
                    t.form == .iit ? 0 : 1, ProfileDimension.allCases.firstIndex(of: t.dimension)!,
                    t.dimension.codes.firstIndex(of: t.code) ?? 99
                )
            }
            return order(a) < order(b)
        }
    }

    /// Replaces the round's profile targets.
    public func setProfileTargets(_ targets: [ProfileTarget], roundId: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM profileTarget WHERE roundId = ?", arguments: [roundId])
            for target in targets where target.minimum > 0 {
                try db.execute(
                    sql: "INSERT INTO profileTarget (roundId, form, dimension, code, minimum) VALUES (?, ?, ?, ?, ?)",
                    arguments: [roundId, target.form.rawValue, target.dimension.rawValue, target.code, target.minimum])
            }
        }
    }
}
