import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// The coordinator's "วิธีการพัฒนา" of an agency's fiscal year, by question id (`i7`, `e11`, `O12`); a question
    /// without one takes its indicator's standard suggestion.
    public func improvementNotes(agencyId: Int64, year: Int) async throws -> [String: String] {
        try await read { db in
            var notes: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT questionId, text FROM improvementNote WHERE agencyId = ? AND fiscalYear = ?",
                arguments: [agencyId, year])
            {
                notes[row["questionId"]] = row["text"]
            }
            return notes
        }
    }

    /// Makes the notes of the questions `ids` those in `notes` (an id left out of `notes` loses its own text and
    /// takes the standard one again), and writes one audit line by `actor` naming the questions that changed, in one
    /// transaction; the ids that changed, in the order given.
    @discardableResult
    public func setImprovementNotes(
        _ notes: [String: String], of ids: [String], agency: Agency, year: Int, by actor: String, at time: Date
    ) async throws -> [String] {
        try await unlessUnavailable {
            try await write { db in
                var changed: [String] = []
                for id in ids {
                    let stored = try String.fetchOne(
                        db,
                        sql:
                            "SELECT text FROM improvementNote WHERE agencyId = ? AND fiscalYear = ? AND questionId = ?",
                        arguments: [agency.id, year, id])
                    let wanted = notes[id]
                    guard stored != wanted else { continue }
                    if let wanted {
                        try db.execute(
                            sql:
                                "INSERT INTO improvementNote (agencyId, fiscalYear, questionId, text) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (agencyId, fiscalYear, questionId) DO UPDATE SET text = excluded.text",
                            arguments: [agency.id, year, id, wanted])
                    } else {
                        try db.execute(
                            sql: "DELETE FROM improvementNote WHERE agencyId = ? AND fiscalYear = ? AND questionId = ?",
                            arguments: [agency.id, year, id])
                    }
                    changed.append(id)
                }
                if !changed.isEmpty {
                    try AuditEntry(
                        actor, .improvementNotesChanged, agency: agency.slug,
                        detail: "\(year): " + changed.joined(separator: ", "), at: time
                    ).insert(in: db)
                }
                return changed
            }
        }
    }
}
