import Docx
import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// The analysis report of an agency's fiscal year, printable and as DOCX: from the agency's own round, or from the
/// year's official results (with or without a round). Every view is audited, except when only asked for headers.
struct AnalysisReportController: Sendable {
    let reports: AnalysisReports
    let database: AppDatabase
    let pages: Pages
    let clock: WallClock

    func addRoutes(agency: RouterGroup<AgencyContext>, round: RouterGroup<RoundContext>) {
        round.get(Route.report.pattern, use: ownRoundPage)
        round.get(Route.reportDOCX.pattern, use: ownRoundDOCX)
        agency.get(Route.officialReport.pattern, use: officialPage)
        agency.get(Route.officialReportDOCX.pattern, use: officialDOCX)
    }

    @Sendable func ownRoundPage(_ request: Request, context: RoundContext) async throws -> Response {
        let view = try await ownRoundView(request, context, audited: "")
        return HTML.page(pages.render(.adminReport, view))
    }

    @Sendable func ownRoundDOCX(_ request: Request, context: RoundContext) async throws -> Response {
        let view = try await ownRoundView(request, context, audited: " docx")
        return Self.docx(view, agency: context.agency, year: context.round.fiscalYear, official: false)
    }

    @Sendable func officialPage(_ request: Request, context: AgencyContext) async throws -> Response {
        let view = try await officialView(request, context, audited: " official")
        return HTML.page(pages.render(.adminReport, view))
    }

    @Sendable func officialDOCX(_ request: Request, context: AgencyContext) async throws -> Response {
        let view = try await officialView(request, context, audited: " official docx")
        let year = try context.pathYear()
        return Self.docx(view, agency: context.agency, year: year, official: true)
    }

    /// The report of the path's round; the view is written down first, so that a report nobody could log is not shown.
    private func ownRoundView(_ request: Request, _ context: RoundContext, audited kind: String) async throws
        -> AnalysisReportView
    {
        let (agency, round) = (context.agency, context.round)
        try await audit(context, agency: agency, detail: "\(round.fiscalYear)\(kind)")
        let own = try await reports.ownRound(agency, round: round)
        let hasOfficial = try await database.officialResultYears(agencyId: agency.id).contains(round.fiscalYear)
        return AnalysisReportView(
            agency: agency, year: round.fiscalYear,
            basis: .ownRound(own, round: round, digest: try await reports.releases.digestLine(of: round)),
            edited: try await database.improvementNotes(agencyId: agency.id, year: round.fiscalYear),
            otherReport: hasOfficial ? SiteURL.officialReport(agency.slug, round.fiscalYear).path : nil,
            thaiDigits: Digits.requested(by: request), today: clock.today)
    }

    /// The report of the path's year's official results; 404 for a year without them.
    private func officialView(_ request: Request, _ context: AgencyContext, audited kind: String) async throws
        -> AnalysisReportView
    {
        let agency = context.agency
        let year = try context.pathYear()
        guard let official = try await reports.official(agency, year: year) else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "ยังไม่มีผลการประเมินอย่างเป็นทางการ", en: "No official results yet"),
                    text: LocalizedText(
                        th: "ยังไม่ได้บันทึกผลการประเมิน ITA อย่างเป็นทางการของปีงบประมาณ \(year) กรุณาบันทึกผลก่อน",
                        en: "No official ITA results are stored for fiscal year \(year) yet.")))
        }
        try await audit(context, agency: agency, detail: "\(year)\(kind)")
        let round = try await database.round(agencyId: agency.id, year: year)
        return AnalysisReportView(
            agency: agency, year: year, basis: .official(official),
            edited: try await database.improvementNotes(agencyId: agency.id, year: year),
            otherReport: round.map { SiteURL.report(agency.slug, $0.fiscalYear).path },
            thaiDigits: Digits.requested(by: request), today: clock.today)
    }

    /// Writes down that the report was read, unless the request only asks for its headers.
    private func audit(_ context: some AdminPageContext, agency: Agency, detail: String) async throws {
        guard !context.isHead else { return }
        try await database.audit(
            AuditEntry(context.admin.username, .reportViewed, agency: agency.slug, detail: detail, at: clock.now))
    }

    /// The report as a .docx download, named in ASCII and, for browsers that read it, in Thai.
    private static func docx(_ view: AnalysisReportView, agency: Agency, year: Int, official: Bool) -> Response {
        let bytes = AnalysisReportDocument.document(view).docx()
        let ascii = "ita-analysis-\(agency.slug)-\(year)\(official ? "-official" : "").docx"
        let thai = "รายงานการวิเคราะห์ผล ITA \(year)\(official ? " ผลอย่างเป็นทางการ" : "") \(agency.nameTh).docx"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                .contentDisposition: HTML.attachment(ascii: ascii, thai: thai),
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Digits {
    /// Whether the address asks for Thai digits: `?digits=thai`, on the reports and the measures documents alike.
    static func requested(by request: Request) -> Bool {
        request.uri.queryParameters["digits"] == "thai"
    }
}
