import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// What became of a plan handed to `saveMeasuresPlan`.
    public enum PlanSaving: Sendable, Equatable {
        /// It replaced the plan stored before.
        case replaced
        /// It is the year's first plan.
        case stored
        /// The year's plan was edited since it was drafted, and drafting was not asked to replace it: nothing changed.
        case keptEdited
    }

    /// Stores an agency's measures plan of its fiscal year, replacing the one stored before, with its audit line, in
    /// one transaction. A drafted plan (`edited` false) leaves an edited one in place unless `replacingEdited`.
    @discardableResult
    public func saveMeasuresPlan(
        _ plan: MeasuresPlan, agency: Agency, action: AuditAction, replacingEdited: Bool = true, by actor: String,
        at time: Date = Date()
    ) async throws -> PlanSaving {
        try await unlessUnavailable {
            try await write { db in
                let stored = try Row.fetchOne(
                    db, sql: "SELECT id, edited FROM measuresPlan WHERE agencyId = ? AND fiscalYear = ?",
                    arguments: [agency.id, plan.fiscalYear])
                if let stored, stored["edited"] == true, !plan.edited, !replacingEdited { return .keptEdited }
                if let stored {
                    try db.execute(sql: "DELETE FROM measuresPlan WHERE id = ?", arguments: [stored["id"] as Int64])
                }
                var columns = [
                    "agencyId", "fiscalYear", "basedOnYear", "basedOnSource", "edited", "signerName", "signerPosition",
                    "announcedOn",
                ]
                var values: [(any DatabaseValueConvertible)?] = [
                    agency.id, plan.fiscalYear, plan.basis?.year, plan.basis?.source.rawValue, plan.edited,
                    plan.signer.name, plan.signer.position, plan.announcedOn,
                ]
                for step in Approvals.Step.allCases {
                    columns += [step.rawValue + "Name", step.rawValue + "Position"]
                    values += [plan.approvals[step].name, plan.approvals[step].position]
                }
                try db.execute(
                    sql: "INSERT INTO measuresPlan (\(columns.joined(separator: ", "))) VALUES "
                        + "(\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))",
                    arguments: StatementArguments(values))
                let planId = db.lastInsertedRowID
                for (position, row) in plan.rows.enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO measuresPlanRow (planId, position, indicators, items, measure, steps, period, \
                            owner, followUp, output, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            planId, position + 1, row.indicators.map(String.init).joined(separator: ","),
                            row.items.joined(separator: ","), row.measure, row.steps, row.period, row.owner,
                            row.followUp, row.output, row.outcome,
                        ])
                }
                try AuditEntry(
                    actor, action, agency: agency.slug, detail: Self.auditSummary(plan, replaced: stored != nil),
                    at: time
                ).insert(in: db)
                return stored == nil ? .stored : .replaced
            }
        }
    }

    /// The agency's measures plan of a fiscal year, if stored.
    public func measuresPlan(agencyId: Int64, year: Int) async throws -> MeasuresPlan? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM measuresPlan WHERE agencyId = ? AND fiscalYear = ?",
                    arguments: [agencyId, year])
            else { return nil }
            let planId: Int64 = row["id"]
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM measuresPlanRow WHERE planId = ? ORDER BY position", arguments: [planId]
            ).map { stored in
                MeasureRow(
                    indicators: (stored["indicators"] as String).split(separator: ",").compactMap { Int($0) },
                    items: (stored["items"] as String).split(separator: ",").map(String.init),
                    measure: stored["measure"], steps: stored["steps"], period: stored["period"],
                    owner: stored["owner"], followUp: stored["followUp"], output: stored["output"],
                    outcome: stored["outcome"])
            }
            var basis: MeasuresPlan.Basis?
            if let year: Int = row["basedOnYear"], let source = AnalysisReport.Source(rawValue: row["basedOnSource"]) {
                basis = MeasuresPlan.Basis(year: year, source: source)
            }
            var approvals = Approvals()
            for step in Approvals.Step.allCases {
                approvals[step] = Signatory(
                    name: row[step.rawValue + "Name"], position: row[step.rawValue + "Position"])
            }
            return MeasuresPlan(
                fiscalYear: year, basis: basis, rows: rows,
                signer: Signatory(name: row["signerName"], position: row["signerPosition"]),
                announcedOn: row["announcedOn"], approvals: approvals, edited: row["edited"])
        }
    }

    /// The fiscal years for which the agency has a measures plan, newest first.
    public func measuresPlanYears(agencyId: Int64) async throws -> [Int] {
        try await read { db in
            try Int.fetchAll(
                db, sql: "SELECT fiscalYear FROM measuresPlan WHERE agencyId = ? ORDER BY fiscalYear DESC",
                arguments: [agencyId])
        }
    }

    /// What the audit line says of a saved plan: its year, what it was drafted from, and how many rows.
    private static func auditSummary(_ plan: MeasuresPlan, replaced: Bool) -> String {
        var parts = ["\(plan.fiscalYear): \(plan.rows.count) measures"]
        if let basis = plan.basis { parts.append("from \(basis.source.rawValue) \(basis.year)") }
        let followedUp = plan.rows.filter { !$0.output.isEmpty || !$0.outcome.isEmpty }.count
        if followedUp > 0 { parts.append("\(followedUp) followed up") }
        return (replaced ? "replaced " : "") + parts.joined(separator: ", ")
    }
}
