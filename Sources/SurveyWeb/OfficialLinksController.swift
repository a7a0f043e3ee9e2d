import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// The official ITAS survey links of an agency's fiscal year: entered by its admin, printed as posters with their QR
/// codes. Admin pages, as the posters are a printing tool of the coordinator: a public one would put a page labelled
/// as the NACC's under the agency's own survey site, where it could be taken for either.
struct OfficialLinksController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let qrCodes: QRCodes
    let clock: WallClock

    func addRoutes(to agency: RouterGroup<AgencyContext>) {
        agency.get(Route.officialLinks.pattern, use: show)
        agency.post(Route.officialLinks.pattern, use: save)
        agency.get(Route.officialPoster.pattern, use: poster)
        agency.get(Route.officialQRPNG.pattern, use: png)
    }

    @Sendable func show(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let stored = try await database.officialSurveyLinks(agencyId: context.agency.id, fiscalYear: year)
        let typed = stored.mapValues(\.url)
        return page(
            context, year: year, typed: typed, stored: stored, problems: [],
            saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    /// Checks both links; stores them only when both are good, else shows the form again with what was typed.
    @Sendable func save(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear()
        let values = try await bodies.checked(request, context.signedIn)
        var typed: [FormKind: String] = [:]
        var links: [FormKind: OfficialSurveyLink] = [:]
        var problems: [ValidationProblem] = []
        for form in FormKind.allCases {
            // The length is checked before anything else, so what is shown back is bounded too.
            let text = String(values[OfficialSurveyLink.field(form)].prefix(OfficialSurveyLink.maximumLength + 1))
            typed[form] = text
            guard !text.isEmpty else { continue }
            switch OfficialSurveyLink.parse(text, form: form) {
            case .success(let link): links[form] = link
            case .failure(let problem): problems.append(problem)
            }
        }
        let agency = context.agency
        guard problems.isEmpty else {
            let stored = try await database.officialSurveyLinks(agencyId: agency.id, fiscalYear: year)
            return page(
                context, year: year, typed: typed, stored: stored, problems: problems, saved: false,
                status: .unprocessableContent)
        }
        try await database.setOfficialSurveyLinks(
            links, agency: agency, fiscalYear: year, by: context.admin.username, at: clock.now)
        return HTML.redirect(to: SiteURL.officialLinks(agency.slug, year).path(query: "saved", "1"))
    }

    @Sendable func poster(_ request: Request, context: AgencyContext) async throws -> Response {
        let (year, link) = try await storedLink(context)
        let view = OfficialPosterView(
            agency: context.agency, year: year, link: link, qrSVG: try qrCodes.images(for: link.url).svg,
            back: SiteURL.officialLinks(context.agency.slug, year).path)
        return HTML.page(pages.render(.officialPoster, view))
    }

    /// The official link's QR code as a PNG, for the agency's own prints and posts.
    @Sendable func png(_ request: Request, context: AgencyContext) async throws -> Response {
        let (_, link) = try await storedLink(context)
        return Response(
            status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try qrCodes.images(for: link.url).png)))
    }

    /// The year of the path and the stored link of its form; a page saying none is entered yet otherwise.
    private func storedLink(_ context: AgencyContext) async throws -> (Int, OfficialSurveyLink) {
        let year = try context.pathYear()
        guard let form = context.parameters.get(Route.Parameter.form).flatMap(FormKind.init(rawValue:)) else {
            throw PageError.notFound
        }
        guard
            let link = try await database.officialSurveyLinks(agencyId: context.agency.id, fiscalYear: year)[form]
        else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "ยังไม่มีลิงก์ ITAS", en: "No ITAS link yet"),
                    text: LocalizedText(
                        th: "ยังไม่ได้ใส่ลิงก์ \(form.rawValue.uppercased()) ของปีงบประมาณ \(year) กรุณาใส่ลิงก์ก่อนพิมพ์โปสเตอร์",
                        en: "No \(form.rawValue.uppercased()) link is entered for fiscal year \(year) yet.")))
        }
        return (year, link)
    }

    private func page(
        _ context: AgencyContext, year: Int, typed: [FormKind: String], stored: [FormKind: OfficialSurveyLink],
        problems: [ValidationProblem], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let view = OfficialLinksView(
            frame: context.signedIn.frame, agency: context.agency, year: year, typed: typed, stored: stored,
            problems: problems, saved: saved)
        return HTML.page(pages.render(.adminOfficialLinks, view), status: status)
    }
}

/// The console page of a year's official ITAS links: one input per form, and the posters of the stored ones.
struct OfficialLinksView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let year: Int
    let action: String
    let back: String
    let previousYear: YearLink?
    let nextYear: YearLink?
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let forms: [Entry]

    /// One form's input, its problem, and where its poster and QR are once a link is stored.
    struct Entry: Sendable {
        let field: String
        let label: String
        let example: String
        let value: String
        let maxLength = OfficialSurveyLink.maximumLength
        let problem: ProblemView?
        let stored: Stored?
    }

    /// The page of another fiscal year.
    struct YearLink: Sendable {
        let year: Int
        let href: String
    }

    /// A stored link with its poster and QR image.
    struct Stored: Sendable {
        let url: String
        let poster: String
        let png: String
    }

    init(
        frame: AdminFrame, agency: Agency, year: Int, typed: [FormKind: String], stored: [FormKind: OfficialSurveyLink],
        problems: [ValidationProblem], saved: Bool
    ) {
        let byField = ValidationFailure(problems: problems).byField
        pageTitle = "ลิงก์แบบประเมิน ITAS ปีงบประมาณ \(year) — \(agency.nameTh)"
        self.frame = frame
        agencyName = agency.nameTh
        self.year = year
        action = SiteURL.officialLinks(agency.slug, year).path
        back = SiteURL.agency(agency.slug).path
        let yearLink = { (other: Int) in
            RoundSettings.fiscalYears.contains(other)
                ? YearLink(year: other, href: SiteURL.officialLinks(agency.slug, other).path) : nil
        }
        previousYear = yearLink(year - 1)
        nextYear = yearLink(year + 1)
        self.saved = saved
        self.problems = problems.map(ProblemView.init)
        hasProblems = !problems.isEmpty
        forms = FormKind.allCases.map { form in
            let field = OfficialSurveyLink.field(form)
            return Entry(
                field: field,
                label: form == .iit ? "ลิงก์ IIT (บุคลากรของหน่วยงาน)" : "ลิงก์ EIT (ผู้มาติดต่อ ผู้รับบริการ)",
                example: OfficialSurveyLink.example(form), value: typed[form] ?? "",
                problem: byField[field].map(ProblemView.init),
                stored: stored[form].map { link in
                    Stored(
                        url: link.url, poster: SiteURL.officialPoster(agency.slug, year, form).path,
                        png: SiteURL.officialQRPNG(agency.slug, year, form).path)
                })
        }
    }
}

/// The A4 poster of an official ITAS link: labelled as the NACC's assessment, unlike the agency's own poster.
struct OfficialPosterView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let agencyName: String
    let agencyNameEn: String
    let year: Int
    let survey: String
    let who: String
    let qrSVG: String
    let url: String
    let back: String

    init(agency: Agency, year: Int, link: OfficialSurveyLink, qrSVG: String, back: String) {
        pageTitle = "โปสเตอร์ ITAS \(link.form.rawValue.uppercased()) \(year) — \(agency.nameTh)"
        agencyName = agency.nameTh
        agencyNameEn = agency.nameEn
        self.year = year
        survey = link.form.title.th
        who =
            link.form == .iit
            ? "ขอเชิญบุคลากรของ\(agency.nameTh)ที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี ร่วมตอบแบบประเมิน"
            : "ขอเชิญผู้ที่มาติดต่อหรือรับบริการจาก\(agency.nameTh)ในปีนี้ ร่วมตอบแบบประเมิน"
        self.qrSVG = qrSVG
        url = link.url
        self.back = back
    }
}
