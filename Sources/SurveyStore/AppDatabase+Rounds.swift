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

    /// The round a form should serve on `day`: the open one, else the next to open, else the last closed.
    public func currentRound(agencyId: Int64, on day: Day) async throws -> Round? {
        let rounds = try await rounds(agencyId: agencyId)
        if let open = rounds.first(where: { $0.status(on: day) == .open }) { return open }
        let upcoming = rounds.filter {
            if case .notYetOpen = $0.status(on: day) { return true }
            return false
        }
        return upcoming.min { $0.opensOn < $1.opensOn } ?? rounds.first
    }
}
