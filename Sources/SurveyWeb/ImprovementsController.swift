import Hummingbird
import SurveyCore
import SurveyStore

/// "วิธีการพัฒนา" of each weak question of an agency's fiscal year, edited on one form: the standard suggestion of
/// the question's indicator until the coordinator writes another; saved all together or sent back with each problem.
struct ImprovementsController: Sendable {
    let reports: AnalysisReports
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let clock: WallClock

    func addRoutes(to agency: RouterGroup<AgencyContext>) {
        agency.get(Route.improvements.pattern, use: show)
        agency.post(Route.improvements.pattern, use: save)
    }

    @Sendable func show(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let questions = try await reports.weakQuestions(context.agency, year: year)
        let edited = try await database.improvementNotes(agencyId: context.agency.id, year: year)
        let typed = Dictionary(
            uniqueKeysWithValues: questions.map { ($0.id, AnalysisReport.howToImprove($0, edited: edited)) })
        return try await page(
            context, year: year, questions: questions, typed: typed, problems: [],
            saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    /// Checks every text sent; stores them only when all are good, else shows the form again with what was typed.
    /// A question whose field was not sent keeps what it had.
    @Sendable func save(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let values = try await bodies.checked(request, context.signedIn)
        let questions = try await reports.weakQuestions(context.agency, year: year)
        var typed: [String: String] = [:]
        var notes: [String: String] = [:]
        var problems: [ValidationProblem] = []
        let sent = questions.filter { values.raw[ImprovementsView.field($0.id)] != nil }
        for question in sent {
            let field = ImprovementsView.field(question.id)
            let text = values.raw[field] ?? ""
            typed[question.id] = text
            switch ImprovementNote.checked(text, field: field) {
            case .success(let note):
                // The standard text is not kept, so that a better standard reaches every year not edited.
                if let note, note != IndicatorGuide.of(question.indicator)?.howToImprove { notes[question.id] = note }
            case .failure(let problem):
                problems.append(problem)
            }
        }
        guard problems.isEmpty else {
            // The questions not sent are shown with what they keep.
            let edited = try await database.improvementNotes(agencyId: context.agency.id, year: year)
            for question in questions where !sent.contains(question) {
                typed[question.id] = AnalysisReport.howToImprove(question, edited: edited)
            }
            return try await page(
                context, year: year, questions: questions, typed: typed, problems: problems, saved: false,
                status: .unprocessableContent)
        }
        try await database.setImprovementNotes(
            notes, of: sent.map(\.id), agency: context.agency, year: year, by: context.admin.username,
            at: clock.now)
        return HTML.redirect(to: SiteURL.improvements(context.agency.slug, year).path(query: "saved", "1"))
    }

    private func page(
        _ context: AgencyContext, year: Int, questions: [WeakQuestion], typed: [String: String],
        problems: [ValidationProblem], saved: Bool, status: HTTPResponse.Status
    ) async throws -> Response {
        let agency = context.agency
        let hasOfficial = try await database.officialResultYears(agencyId: agency.id).contains(year)
        let hasRound = try await database.round(agencyId: agency.id, year: year) != nil
        var reportLinks: [AnalysisReportView.Link] = []
        if hasOfficial {
            reportLinks.append(
                .init(href: SiteURL.officialReport(agency.slug, year).path, text: "รายงานจากผลอย่างเป็นทางการ"))
        }
        if hasRound {
            reportLinks.append(
                .init(href: SiteURL.report(agency.slug, year).path, text: "รายงานจากแบบสอบถามของหน่วยงานเอง"))
        }
        let view = ImprovementsView(
            frame: context.signedIn.frame, agency: agency, year: year, questions: questions, typed: typed,
            problems: problems, saved: saved, reports: reportLinks)
        return HTML.page(pages.render(.adminImprovements, view), status: status)
    }
}

/// The form of a year's "วิธีการพัฒนา": one text per weak question, with the question beside it.
struct ImprovementsView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let year: Int
    let action: String
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let rows: [Row]
    let hasRows: Bool
    let reports: [AnalysisReportView.Link]
    let maxLength = ImprovementNote.maximumLength

    /// One weak question and its text.
    struct Row: Sendable {
        let id: String
        let field: String
        let indicator: String
        let question: String
        let score: String
        let text: String
        let standard: String
        let problem: ProblemView?
    }

    /// The form field of a question's text.
    static func field(_ id: String) -> String { "how-\(id)" }

    init(
        frame: AdminFrame, agency: Agency, year: Int, questions: [WeakQuestion], typed: [String: String],
        problems: [ValidationProblem], saved: Bool, reports: [AnalysisReportView.Link]
    ) {
        let shown = problems.map(ProblemView.init)
        let byField = Dictionary(shown.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        self.frame = frame
        agencyName = agency.nameTh
        self.year = year
        pageTitle = "วิธีการพัฒนา ปี \(year) — \(agency.nameTh)"
        action = SiteURL.improvements(agency.slug, year).path
        self.saved = saved
        self.problems = shown
        hasProblems = !shown.isEmpty
        rows = questions.map { question in
            let indicator = ITAIndicator.numbered(question.indicator)
            return Row(
                id: question.id, field: Self.field(question.id),
                indicator: "ตัวชี้วัดที่ \(question.indicator) \(indicator?.name.th ?? "")",
                question: question.text ?? "ข้อ \(question.id) ของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
                score: question.score.formatted, text: typed[question.id] ?? "",
                standard: IndicatorGuide.of(question.indicator)?.howToImprove ?? "",
                problem: byField[Self.field(question.id)])
        }
        hasRows = !rows.isEmpty
        self.reports = reports
    }
}
