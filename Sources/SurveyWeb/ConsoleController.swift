import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// The console's own pages: the agencies an admin manages, and for an admin of every agency the forms that add
/// agencies and admins and the audit log.
struct ConsoleController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let releases: Releases
    let clock: WallClock

    func addRoutes(signedIn: RouterGroup<AdminContext>, everyAgency: RouterGroup<AdminContext>) {
        signedIn.get(Route.adminHome.pattern, use: home)
        everyAgency.post(Route.agencies.pattern, use: addAgency)
        everyAgency.get(Route.admins.pattern, use: admins)
        everyAgency.post(Route.admins.pattern, use: addAdmin)
        everyAgency.get(Route.audit.pattern, use: audit)
    }

    @Sendable func home(_ request: Request, context: AdminContext) async throws -> Response {
        if let agencyId = context.admin.agencyId,
            let agency = try await database.agencies().first(where: { $0.id == agencyId })
        {
            return HTML.redirect(to: SiteURL.agency(agency.slug).path)
        }
        return try await homePage(context, form: AgencyForm(), problems: [], status: .ok)
    }

    private func homePage(
        _ context: AdminContext, form: AgencyForm, problems: [ValidationProblem], status: HTTPResponse.Status
    ) async throws -> Response {
        var entries: [AdminHomeView.Entry] = []
        for agency in try await database.agencies() where context.admin.manages(agencyId: agency.id) {
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
                    iit: counts.iit, eit: counts.eit))
        }
        let view = AdminHomeView(
            pageTitle: "หน่วยงาน — โปร่งใส", frame: context.signedIn.frame, agencies: entries,
            kinds: AgencyKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.label.th, selected: form.kind == $0.rawValue)
            },
            form: form, problems: problems.map(ProblemView.init), hasProblems: !problems.isEmpty)
        return HTML.page(pages.render(.adminHome, view), status: status)
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

    @Sendable func admins(_ request: Request, context: AdminContext) async throws -> Response {
        try await adminsPage(context, created: nil, problems: [], status: .ok)
    }

    private func adminsPage(
        _ context: AdminContext, created: CreatedAdmin?, problems: [ValidationProblem], status: HTTPResponse.Status
    ) async throws -> Response {
        let agencies = try await database.agencies()
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0.nameTh) })
        let view = AdminsView(
            pageTitle: "ผู้ดูแลระบบ — โปร่งใส", frame: context.signedIn.frame,
            admins: try await database.admins().map {
                AdminsView.Entry(username: $0.username, scope: $0.agencyId.flatMap { names[$0] } ?? "ทุกหน่วยงาน")
            },
            agencies: agencies.map { Choice(value: $0.slug, label: $0.nameTh, selected: false) },
            created: created, problems: problems.map(ProblemView.init), hasProblems: !problems.isEmpty)
        return HTML.page(pages.render(.adminAdmins, view), status: status)
    }

    @Sendable func addAdmin(_ request: Request, context: AdminContext) async throws -> Response {
        let form = AdminForm(try await bodies.checked(request, context.signedIn))
        var agency: Agency?
        if !form.managesAll {
            agency = try await database.agency(slug: form.agency)
            guard agency != nil else {
                let problem = ValidationProblem(
                    field: "agency", message: LocalizedText(th: "กรุณาเลือกหน่วยงาน", en: "Please choose an agency."))
                return try await adminsPage(context, created: nil, problems: [problem], status: .unprocessableContent)
            }
        }
        let password = PasswordPolicy.generate()
        do {
            try await database.addAdmin(
                username: form.username, password: password, agencyId: agency?.id,
                audit: AuditEntry(
                    context.admin.username, .adminAdded, agency: agency?.slug, detail: form.username, at: clock.now))
        } catch let error as StoreError {
            let problem = ValidationProblem(field: "username", message: error.message)
            return try await adminsPage(context, created: nil, problems: [problem], status: .unprocessableContent)
        }
        return try await adminsPage(
            context, created: CreatedAdmin(username: form.username, password: password), problems: [], status: .ok)
    }

    @Sendable func audit(_ request: Request, context: AdminContext) async throws -> Response {
        let events = try await database.auditEvents(limit: 500).map { event in
            // Older servers wrote whatever a failed login typed as its name, up to 64 KB of it.
            AuditView.Entry(
                time: ThaiTime.text(event.at),
                username: String(event.username.prefix(Admin.usernameLengths.upperBound)),
                agency: event.agencySlug ?? "",
                action: AuditAction(rawValue: event.action)?.thai ?? event.action, detail: event.detail)
        }
        return HTML.page(
            pages.render(
                .adminAudit,
                AuditView(pageTitle: "บันทึกการใช้งาน — โปร่งใส", frame: context.signedIn.frame, events: events)))
    }
}

/// A new admin's one-time password, shown once.
struct CreatedAdmin: Sendable {
    let username: String
    let password: String
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
