import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai measures SLUG --year Y`: prints the integrity measures plan of fiscal year Y, or with `--draft` drafts it
/// from the analysis of year Y−1 (its official results if stored, else the agency's own round of that year).
struct MeasuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Print or draft an agency's integrity measures plan (มาตรการ) of a fiscal year.",
        discussion: """
            --draft drafts the plan of Y from the results of Y-1: the official results when stored, else the agency's \
            own round of Y-1 scored from all its answers, as prongsai report scores it. Each weak indicator (under \
            85) and each indicator holding a weak question gets a row with the library's first measure. A plan that \
            an admin has edited is kept unless --replace is given.
            """)

    @Argument(help: "The agency's slug.")
    var slug: String

    @Option(help: "Fiscal year (พ.ศ.) of the plan: the year the measures are carried out.", transform: fiscalYearOption)
    var year: Int

    @Flag(help: "Draft the plan from the results of the year before.")
    var draft = false

    @Flag(help: "With --draft: replace a plan that was edited since it was drafted.")
    var replace = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func validate() throws {
        guard RoundSettings.fiscalYears.contains(year), RoundSettings.fiscalYears.contains(year - 1) else {
            throw ValidationError("--year takes a Buddhist-era year such as 2567")
        }
        if replace && !draft { throw ValidationError("--replace goes with --draft") }
    }

    func run() async throws {
        let database = try store.open()
        let agency = try await storeWork { try await database.requireAgency(slug: slug) }
        if draft {
            let report = try await analysis(database, agency: agency, year: year - 1)
            let plan = MeasuresPlan.drafted(from: report)
            let saving = try await storeWork {
                try await database.saveMeasuresPlan(
                    plan, agency: agency, action: .measuresPlanDrafted, replacingEdited: replace, by: "cli")
            }
            guard saving != .keptEdited else {
                throw CommandFailure(
                    "the plan of \(slug) \(year) was edited since it was drafted; nothing changed"
                        + " (--replace drafts it again) / แผนนี้แก้ไขแล้ว จึงไม่ร่างทับ")
            }
            if !json {
                print("drafted the measures plan of \(slug) \(year) from \(plan.basis?.thai ?? "")")
            }
        }
        guard let plan = try await database.measuresPlan(agencyId: agency.id, year: year) else {
            throw CommandFailure("\(slug) has no measures plan for fiscal year \(year) (--draft drafts one)")
        }
        print(json ? plan.json.serialized() : plan.text)
    }

    /// The analysis of `year`: its official results when stored, else the agency's own round scored from every
    /// answer (the operator on the server sees exact figures, as with `prongsai report`).
    private func analysis(_ database: AppDatabase, agency: Agency, year: Int) async throws -> AnalysisReport {
        let catalog = try webForms.catalog()
        if let official = try await database.officialResults(agencyId: agency.id, year: year) {
            let instruments = [FormKind.iit, .eit].compactMap { catalog.instrument($0, year: year) }
            return AnalysisReport(official: official, instruments: instruments)
        }
        guard try await database.round(agencyId: agency.id, year: year) != nil else {
            throw CommandFailure(
                "\(slug) has neither official results nor a round of fiscal year \(year) to draft from"
                    + " / ไม่มีผลการประเมินของปี \(year)")
        }
        let (round, iit, eit) = try await roundWithInstruments(database, catalog, slug: slug, year: year)
        let tallies = try await database.tallies(roundId: round.id)
        return AnalysisReport(
            round: AssessmentResult(
                settings: round.settings.assessment, iit: (tallies.iit, iit), eit: (tallies.eit, eit)))
    }
}

extension MeasuresPlan {
    /// The plan as readable text: the heading, then each row with its links and texts.
    var text: String {
        var lines = [title]
        if let basis { lines.append("จาก / from: \(basis.thai)") }
        for (index, row) in rows.enumerated() {
            lines.append("\(index + 1). \(row.measure) — \(row.links)")
            for (label, text) in [
                ("ขั้นตอน", row.steps), ("ระยะเวลา", row.period), ("ผู้รับผิดชอบ", row.owner),
                ("การติดตามผล", row.followUp), ("ผลผลิต", row.output), ("ผลลัพธ์", row.outcome),
            ] where !text.isEmpty {
                lines.append("   \(label): \(text.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        if !signer.name.isEmpty { lines.append("ลงชื่อ / signed: \(signer.name) \(signer.position)") }
        return lines.joined(separator: "\n")
    }
}
