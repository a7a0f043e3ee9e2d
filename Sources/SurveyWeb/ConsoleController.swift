import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// The console's own pages: the agencies an admin manages, and for an admin of every agency the form that adds
/// agencies, the buttons that archive and bring them back, and the audit log.
struct ConsoleController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let releases: Releases
    let clock: WallClock

    func addRoutes(signedIn: RouterGroup<AdminContext>, everyAgency: RouterGroup<AdminContext>) {
        signedIn.get(Route.adminHome.pattern, use: home)
        everyAgency.post(Route.agencies.pattern, use: addAgency)
        everyAgency.post(Route.agencyArchiving.pattern, use: archive)
        everyAgency.post(Route.agencyUnarchiving.pattern, use: unarchive)
        everyAgency.get(Route.audit.pattern, use: audit)
    }

    @Sendable func home(_ request: Request, context: AdminContext) async throws -> Response {
        if let agencyId = context.admin.agencyId,
            let agency = try await database.agencies(includingArchived: true).first(where: { $0.id == agencyId })
        {
            return HTML.redirect(to: SiteURL.agency(agency.slug).path)
        }
        return try await homePage(context, form: AgencyForm(), problems: [], status: .ok)
    }

    private func homePage(
        _ context: AdminContext, form: AgencyForm, problems: [ValidationProblem], status: HTTPResponse.Status,
        notice: String? = nil
    ) async throws -> Response {
        var entries: [AdminHomeView.Entry] = []
        var archived: [AdminHomeView.ArchivedEntry] = []
        for agency in try await database.agencies(includingArchived: true)
        where context.admin.manages(agencyId: agency.id) {
            guard !agency.archived else {
                archived.append(
                    AdminHomeView.ArchivedEntry(
                        href: SiteURL.agency(agency.slug).path, name: agency.nameTh, slug: agency.slug))
                continue
            }
            let round = try await database.currentRound(agencyId: agency.id, on: clock.today)
            var counts = (iit: "—", eit: "—")
            if let round {
                let tallies = try await database.tallies(roundId: round.id)
                counts = (releases.releasedCount(round, tallies.iit), releases.releasedCount(round, tallies.eit))
            }
            entries.append(
                AdminHomeView.Entry(
                    href: SiteURL.agency(agency.slug).path, name: agency.nameTh, kind: agency.kind.label.th,
                    round: round.map { RoundSummary($0, today: clock.today).text } ?? "ยังไม่มีรอบการประเมิน",
                    iit: counts.iit, eit: counts.eit, slug: agency.slug))
        }
        let view = AdminHomeView(
            pageTitle: "หน่วยงาน — โปร่งใส", frame: context.signedIn.frame, agencies: entries,
            kinds: AgencyKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.label.th, selected: form.kind == $0.rawValue)
            },
            form: form, problems: problems.map(ProblemView.init), hasProblems: !problems.isEmpty, archived: archived,
            hasArchived: !archived.isEmpty, notice: notice)
        return HTML.page(pages.render(.adminHome, view), status: status)
    }

    @Sendable func archive(_ request: Request, context: AdminContext) async throws -> Response {
        try await setArchived(true, request, context)
    }

    @Sendable func unarchive(_ request: Request, context: AdminContext) async throws -> Response {
        try await setArchived(false, request, context)
    }

    /// Archives the posted agency or brings it back, and shows the list again with what was done.
    private func setArchived(_ archived: Bool, _ request: Request, _ context: AdminContext) async throws -> Response {
        let slug = try await bodies.checked(request, context.signedIn)["slug"]
        guard let agency = try await database.agency(slug: slug) else { throw PageError.notFound }
        try await database.setAgencyArchived(slug: slug, archived, by: context.admin.username, at: clock.now)
        let notice =
            archived
            ? "ซ่อน\(agency.nameTh)แล้ว (เก็บถาวร): ไม่แสดงในรายชื่อและหน้าสาธารณะ แบบสอบถามปิด ข้อมูลรอบการประเมินยังอยู่ครบ"
            : "นำ\(agency.nameTh)กลับมาใช้แล้ว"
        return try await homePage(context, form: AgencyForm(), problems: [], status: .ok, notice: notice)
    }

    @Sendable func addAgency(_ request: Request, context: AdminContext) async throws -> Response {
        let form = AgencyForm(try await bodies.checked(request, context.signedIn))
        do {
            let agency = try await database.addAgency(
                slug: form.slug, nameTh: form.nameTh, nameEn: form.nameEn.isEmpty ? form.nameTh : form.nameEn,
                kind: AgencyKind(rawValue: form.kind) ?? .other, reservedSlugs: SiteURL.reservedSlugs,
                by: context.admin.username, at: clock.now)
            return HTML.redirect(to: SiteURL.agency(agency.slug).path)
        } catch let error as StoreError {
            let field =
                switch error {
                case .missingAgencyName, .agencyNameTooLong(english: false): "nameTh"
                case .agencyNameTooLong(english: true): "nameEn"
                default: "slug"
                }
            let problem = ValidationProblem(field: field, message: error.message)
            return try await homePage(context, form: form, problems: [problem], status: .unprocessableContent)
        }
    }

    @Sendable func audit(_ request: Request, context: AdminContext) async throws -> Response {
        let events = try await database.auditEvents(limit: 500).map { event in
            // Older servers wrote whatever a failed login typed as its name, up to 64 KB of it.
            AuditView.Entry(
                time: ThaiTime.text(event.at),
                username: String(event.username.prefix(Admin.usernameLengths.upperBound)),
                agency: event.agencySlug ?? "",
                action: AuditAction(rawValue: event.action)?.thai ?? event.action,
                detail: ThaiTime.buddhistEraDates(in: event.detail))
        }
        return HTML.page(
            pages.render(
                .adminAudit,
                AuditView(pageTitle: "บันทึกการใช้งาน — โปร่งใส", frame: context.signedIn.frame, events: events)))
    }
}

/// An option of a select.
struct Choice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A moment in Thai time with the Buddhist-era year: "21 พ.ย. 2569 14:05".
enum ThaiTime {
    static func text(_ seconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return Day(date).thai + String(format: " %02d:%02d", parts.hour!, parts.minute!)
    }

    /// The text with every ISO date in it (`2026-12-01`, as the settings' summary writes them) written in Thai
    /// with the Buddhist-era year, so that the console shows no Christian-era date.
    static func buddhistEraDates(in text: String) -> String {
        text.replacing(/\b\d{4}-\d{2}-\d{2}\b/) { match in Day(String(match.output)).map(\.thai) ?? String(match.output)
        }
    }
}

/// A round's dates and status in Thai, for lists.
struct RoundSummary {
    let text: String

    init(_ round: Round, today: Day) {
        let closes = round.closes?.thai ?? "ไม่กำหนดวันปิด"
        let status: String
        switch round.status(on: today) {
        case .open: status = "เปิดรับคำตอบ"
        case .notYetOpen: status = "ยังไม่เปิด"
        case .closed: status = "ปิดแล้ว"
        }
        text = "ปีงบประมาณ \(round.fiscalYear) · \(round.opens.thai) – \(closes) · \(status)"
    }
}
