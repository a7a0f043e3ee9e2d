import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// An agency's official ITAS survey links of a fiscal year, by form; a form without one is missing.
    public func officialSurveyLinks(agencyId: Int64, fiscalYear: Int) async throws -> [FormKind: OfficialSurveyLink] {
        try await read { db in
            var links: [FormKind: OfficialSurveyLink] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT form, url FROM officialSurveyLink WHERE agencyId = ? AND fiscalYear = ?",
                arguments: [agencyId, fiscalYear])
            {
                // Only checked links are written; one that no longer reads as one is not shown or printed.
                guard let form = FormKind(rawValue: row["form"]),
                    case .success(let link) = OfficialSurveyLink.parse(row["url"], form: form)
                else { continue }
                links[form] = link
            }
            return links
        }
    }

    /// Makes an agency's official links of a fiscal year those given (a form left out loses its link), and writes
    /// an audit line by `actor` for each form whose link changed, in one transaction; the forms that changed.
    @discardableResult
    public func setOfficialSurveyLinks(
        _ links: [FormKind: OfficialSurveyLink], agency: Agency, fiscalYear: Int, by actor: String, at date: Date
    ) async throws -> [FormKind] {
        try await unlessUnavailable {
            try await write { db in
                var changed: [FormKind] = []
                for form in FormKind.allCases {
                    let stored = try String.fetchOne(
                        db,
                        sql: "SELECT url FROM officialSurveyLink WHERE agencyId = ? AND fiscalYear = ? AND form = ?",
                        arguments: [agency.id, fiscalYear, form.rawValue])
                    let wanted = links[form]?.url
                    guard stored != wanted else { continue }
                    if let wanted {
                        try db.execute(
                            sql: "INSERT INTO officialSurveyLink (agencyId, fiscalYear, form, url) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (agencyId, fiscalYear, form) DO UPDATE SET url = excluded.url",
                            arguments: [agency.id, fiscalYear, form.rawValue, wanted])
                    } else {
                        try db.execute(
                            sql: "DELETE FROM officialSurveyLink WHERE agencyId = ? AND fiscalYear = ? AND form = ?",
                            arguments: [agency.id, fiscalYear, form.rawValue])
                    }
                    try AuditEntry(
                        actor, .officialLinkChanged, agency: agency.slug,
                        detail: "\(fiscalYear) \(form.rawValue): \(wanted ?? "removed")", at: date
                    ).insert(in: db)
                    changed.append(form)
                }
                return changed
            }
        }
    }
}
