import Hummingbird
import SurveyCore
import SurveyStore

/// An agency's official results of a fiscal year in the console: one form with the ten indicators, the typed
/// total, the level scheme and pasted `id,score,note` rows; saved whole or not at all, whether or not the agency
/// ran a round that year.
struct OfficialResultsController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let clock: WallClock

    func addRoutes(to agency: RouterGroup<AgencyContext>) {
        agency.get(Route.officialYears.pattern, use: chooseYear)
        agency.get(Route.officialResults.pattern, use: show)
        agency.post(Route.officialResults.pattern, use: save)
    }

    /// The agency page's year picker: sends the admin to that year's form.
    @Sendable func chooseYear(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try PickedYear.read(
            request, in: RoundSettings.fiscalYears, of: LocalizedText(th: "ของผลการประเมิน", en: "of the results"),
            example: 2566)
        return HTML.redirect(to: SiteURL.officialResults(context.agency.slug, year).path)
    }

    @Sendable func show(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let stored = try await database.officialResults(agencyId: context.agency.id, year: year)
        let form = stored.map(OfficialResultsForm.init) ?? OfficialResultsForm()
        return page(
            context, year: year, form: form, stored: stored, problems: [],
            saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    @Sendable func save(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let form = OfficialResultsForm(try await bodies.checked(request, context.signedIn))
        switch form.validated(fiscalYear: year) {
        case .success(let results):
            try await database.saveOfficialResults(
                results, agency: context.agency, by: context.admin.username, at: clock.now)
            return HTML.redirect(
                to: SiteURL.officialResults(context.agency.slug, year).path(query: "saved", "1"))
        case .failure(let failure):
            let stored = try await database.officialResults(agencyId: context.agency.id, year: year)
            return page(
                context, year: year, form: form, stored: stored, problems: failure.problems, saved: false,
                status: .unprocessableContent)
        }
    }

    private func page(
        _ context: AgencyContext, year: Int, form: OfficialResultsForm, stored: OfficialResults?,
        problems: [OfficialProblem], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let view = OfficialResultsView(
            frame: context.signedIn.frame, agency: context.agency, year: year, form: form, stored: stored,
            problems: problems, saved: saved)
        return HTML.page(pages.render(.adminOfficial, view), status: status)
    }
}

/// The official results form as typed: a score and a note per indicator, the total, the scheme, pasted rows.
struct OfficialResultsForm: Sendable {
    var scores: [Int: String] = [:]
    var notes: [Int: String] = [:]
    var total = ""
    var levels = ""
    var rows = ""

    /// The longest pasted text accepted, in characters; the body limit holds the rest.
    static let rowsLimit = 60_000

    static func scoreField(_ number: Int) -> String { "indicator\(number)" }
    static func noteField(_ number: Int) -> String { "note\(number)" }

    init() {}

    init(_ values: FormValues) {
        for number in ITAIndicator.numbers {
            scores[number] = values[Self.scoreField(number)]
            notes[number] = values[Self.noteField(number)]
        }
        total = values["total"]
        levels = values["levels"]
        rows = values.raw["rows"] ?? ""
    }

    /// Stored results as the form shows them: indicators in their inputs, items and notes as rows.
    init(_ results: OfficialResults) {
        for (number, score) in results.indicatorScores {
            scores[number] = score.exactDecimal ?? score.formatted
            notes[number] = results.note(about: .indicator(number)) ?? ""
        }
        total = results.publishedTotal.map { $0.exactDecimal ?? $0.formatted } ?? ""
        levels = results.levelScheme?.rawValue ?? ""
        rows = OfficialResultsCSV.text(results.rows.filter { if case .indicator = $0.subject { false } else { true } })
    }

    /// The checked results, or every problem: of the inputs, and of the pasted rows by line.
    func validated(fiscalYear: Int) -> Result<OfficialResults, OfficialFailure> {
        var entries = ITAIndicator.numbers.map { number in
            OfficialResults.Entry(
                source: .field(Self.scoreField(number)), id: String(number), score: scores[number] ?? "",
                note: notes[number] ?? "")
        }.filter { !$0.score.isEmpty || !$0.note.isEmpty }
        if !total.isEmpty { entries.append(OfficialResults.Entry(source: .field("total"), id: "total", score: total)) }
        var problems: [OfficialProblem] = []
        if rows.count > Self.rowsLimit {
            problems.append(
                OfficialProblem(
                    source: .field("rows"),
                    message: LocalizedText(
                        th: "ข้อความยาวเกิน \(Self.rowsLimit) ตัวอักษร", en: "At most \(Self.rowsLimit) characters.")))
        } else {
            let pasted = OfficialResultsCSV.read(pasted: rows)
            entries += pasted.entries
            problems += pasted.problems
        }
        return OfficialResults.Draft(fiscalYear: fiscalYear, entries: entries, levels: levels)
            .validated(after: problems)
    }
}
