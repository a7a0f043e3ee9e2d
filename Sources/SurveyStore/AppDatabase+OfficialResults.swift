import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Stores an agency's official results of a fiscal year, replacing any stored before, and logs who did, in one
    /// transaction; true when earlier results were replaced.
    @discardableResult
    public func saveOfficialResults(
        _ results: OfficialResults, agency: Agency, by actor: String, at time: Date = Date()
    ) async throws -> Bool {
        try await unlessUnavailable {
            try await write { db in
                let replaced = try Self.deleteOfficialResults(agencyId: agency.id, year: results.fiscalYear, in: db)
                try db.execute(
                    sql: "INSERT INTO officialResult (agencyId, fiscalYear, levelScheme, total) VALUES (?, ?, ?, ?)",
                    arguments: [
                        agency.id, results.fiscalYear, results.levelScheme?.rawValue,
                        results.publishedTotal.map(Self.decimal),
                    ])
                let resultId = db.lastInsertedRowID
                for (position, row) in results.rows.enumerated() {
                    try db.execute(
                        sql:
                            "INSERT INTO officialResultRow (resultId, position, subject, score, note) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            resultId, position + 1, row.subject?.description ?? "", row.score.map(Self.decimal),
                            row.note,
                        ])
                }
                try AuditEntry(
                    actor, .officialResultsSaved, agency: agency.slug,
                    detail: (replaced ? "replaced " : "") + Self.auditSummary(results), at: time
                ).insert(in: db)
                return replaced
            }
        }
    }

    /// The agency's official results of a fiscal year, if stored.
    public func officialResults(agencyId: Int64, year: Int) async throws -> OfficialResults? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM officialResult WHERE agencyId = ? AND fiscalYear = ?",
                    arguments: [agencyId, year])
            else { return nil }
            let resultId: Int64 = row["id"]
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM officialResultRow WHERE resultId = ? ORDER BY position", arguments: [resultId])
            var entries = rows.map { stored in
                OfficialResults.Entry(
                    source: .line(stored["position"]), id: stored["subject"], score: stored["score"] ?? "",
                    note: stored["note"])
            }
            if let total: String = row["total"] {
                entries.append(OfficialResults.Entry(source: .line(0), id: "total", score: total))
            }
            let draft = OfficialResults.Draft(fiscalYear: year, entries: entries, levels: row["levelScheme"] ?? "")
            switch draft.validated() {
            case .success(let results): return results
            case .failure(let failure): throw MalformedOfficialResults(id: resultId, failure: failure)
            }
        }
    }

    /// The fiscal years for which the agency has official results, newest first.
    public func officialResultYears(agencyId: Int64) async throws -> [Int] {
        try await read { db in
            try Int.fetchAll(
                db, sql: "SELECT fiscalYear FROM officialResult WHERE agencyId = ? ORDER BY fiscalYear DESC",
                arguments: [agencyId])
        }
    }

    /// Deletes the agency's official results of a fiscal year and logs who did, in one transaction; false when
    /// there were none (and nothing is logged).
    @discardableResult
    public func deleteOfficialResults(agency: Agency, year: Int, by actor: String, at time: Date = Date())
        async throws -> Bool
    {
        try await unlessUnavailable {
            try await write { db in
                guard try Self.deleteOfficialResults(agencyId: agency.id, year: year, in: db) else { return false }
                try AuditEntry(actor, .officialResultsDeleted, agency: agency.slug, detail: String(year), at: time)
                    .insert(in: db)
                return true
            }
        }
    }

    private static func deleteOfficialResults(agencyId: Int64, year: Int, in db: Database) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM officialResult WHERE agencyId = ? AND fiscalYear = ?", arguments: [agencyId, year])
        return db.changesCount > 0
    }

    /// A score as stored: every digit typed.
    private static func decimal(_ score: Rational) -> String {
        score.exactDecimal ?? score.formatted
    }

    /// What the audit line says of saved results: the year, how much was typed, the total and the level.
    private static func auditSummary(_ results: OfficialResults) -> String {
        var parts = [
            "\(results.fiscalYear): \(results.indicatorScores.count) indicators", "\(results.itemScores.count) items",
            "\(results.notes.count) notes", "total \(results.total?.formatted ?? "-")",
            "level \(results.level?.name.en ?? "-")", "levels \(results.scheme.rawValue)",
        ]
        if let typed = results.publishedTotal { parts.append("typed total \(typed.formatted)") }
        return parts.joined(separator: ", ")
    }
}

/// Stored official results that no longer read as valid ones (edited by hand, or written by a newer version).
struct MalformedOfficialResults: Error, CustomStringConvertible {
    let id: Int64
    let failure: OfficialFailure

    var description: String { "official results \(id) are malformed: \(failure)" }
}
