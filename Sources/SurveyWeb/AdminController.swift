import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// The admin console's pages: agencies, admins, rounds, the dashboard, the counter view, the report, the audit log.
struct AdminController: Sendable {
    let site: Site

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("", use: home)
        router.post("agencies", use: addAgency)
        router.get("admins", use: admins)
        router.post("admins", use: addAdmin)
        router.get("audit", use: audit)
        router.get("metrics", use: metrics)
        router.get(":agency", use: agency)
        router.get(":agency/counter", use: counter)
        router.get(":agency/rounds/new", use: newRound)
        router.post(":agency/rounds", use: createRound)
        router.get(":agency/:year", use: dashboard)
        router.get(":agency/:year/edit", use: editRound)
        router.post(":agency/:year/edit", use: updateRound)
        router.get(":agency/:year/report", use: report)
    }

    // MARK: Agencies and admins

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try site.requireAdmin(context)
        if let agencyId = admin.agencyId,
            let agency = try await site.database.agencies().first(where: { $0.id == agencyId })
        {
            return HTML.redirect(to: "/admin/\(agency.slug)")
        }
        return try await homePage(admin, context, problems: [], values: [:], status: .ok)
    }

    private func homePage(
        _ admin: Admin, _ context: AppRequestContext, problems: [ValidationProblem], values: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        var entries: [AdminHomeView.Entry] = []
        for agency in try await site.database.agencies() where admin.manages(agencyId: agency.id!) {
            let round = try await site.database.currentRound(agencyId: agency.id!, on: .today)
            var tallies: RoundTallies?
            if let round { tallies = try await site.database.tallies(roundId: round.id!) }
            entries.append(
                AdminHomeView.Entry(
                    slug: agency.slug, name: agency.nameTh, kind: agency.kind.label.th,
                    round: round.map { RoundSummary($0, today: .today).text } ?? "ยังไม่มีรอบการประเมิน",
                    iit: tallies.map { ReleaseNote.count(round!, $0.iit) } ?? "—",
                    eit: tallies.map { ReleaseNote.count(round!, $0.eit) } ?? "—"))
        }
        let view = AdminHomeView(
            pageTitle: "หน่วยงาน — โปร่งใส", frame: site.frame(admin, context), agencies: entries,
            kinds: AgencyKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.label.th, selected: values["kind"] == $0.rawValue)
            },
            values: values, problems: problems.map(ProblemView.init), hasProblems: !problems.isEmpty)
        return HTML.page(site.render("admin-home", view), status: status)
    }

    @Sendable func addAgency(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try site.requireAllAdmin(context)
        let values = try await site.checkedAdminForm(request, context: context)
        let slug = (values["slug"] ?? "").trimmingCharacters(in: .whitespaces)
        let name = (values["nameTh"] ?? "").trimmingCharacters(in: .whitespaces)
        var problems: [ValidationProblem] = []
        if name.isEmpty {
            problems.append(
                ValidationProblem(
                    field: "nameTh", message: LocalizedText(th: "กรุณาใส่ชื่อหน่วยงาน", en: "Please type the agency's name.")
                ))
        }
        let kind = AgencyKind(rawValue: values["kind"] ?? "") ?? .other
        if problems.isEmpty {
            do {
                let english = (values["nameEn"] ?? "").trimmingCharacters(in: .whitespaces)
                let agency = try await site.database.addAgency(
                    Agency(slug: slug, nameTh: name, nameEn: english.isEmpty ? name : english, kind: kind))
                try await site.database.audit(admin.username, "agency added", agency: agency.slug, detail: name)
                site.forgetListings()
                return HTML.redirect(to: "/admin/\(agency.slug)")
            } catch let error as StoreError {
                problems.append(ValidationProblem(field: "slug", message: Self.split(error)))
            }
        }
        return try await homePage(admin, context, problems: problems, values: values, status: .unprocessableContent)
    }

    @Sendable func admins(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try site.requireAllAdmin(context)
        return try await adminsPage(admin, context, created: nil, problems: [], status: .ok)
    }

    private func adminsPage(
        _ admin: Admin, _ context: AppRequestContext, created: CreatedAdmin?, problems: [ValidationProblem],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let agencies = try await site.database.agencies()
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id!, $0.nameTh) })
        let view = AdminsView(
            pageTitle: "ผู้ดูแลระบบ — โปร่งใส", frame: site.frame(admin, context),
            admins: try await site.database.admins().map {
                AdminsView.Entry(username: $0.username, scope: $0.agencyId.flatMap { names[$0] } ?? "ทุกหน่วยงาน")
            },
            agencies: agencies.map { Choice(value: $0.slug, label: $0.nameTh, selected: false) },
            created: created, problems: problems.map(ProblemView.init), hasProblems: !problems.isEmpty)
        return HTML.page(site.render("admin-admins", view), status: status)
    }

    @Sendable func addAdmin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try site.requireAllAdmin(context)
        let values = try await site.checkedAdminForm(request, context: context)
        let username = (values["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let scope = values["agency"] ?? ""
        var agencyId: Int64?
        if scope != "*" {
            guard let agency = try await site.database.agency(slug: scope) else {
                return try await adminsPage(
                    admin, context, created: nil,
                    problems: [
                        ValidationProblem(
                            field: "agency",
                            message: LocalizedText(th: "กรุณาเลือกหน่วยงาน", en: "Please choose an agency."))
                    ], status: .unprocessableContent)
            }
            agencyId = agency.id
        }
        let password = PasswordPolicy.generate()
        do {
            try await site.database.addAdmin(username: username, password: password, agencyId: agencyId)
        } catch let error as StoreError {
            return try await adminsPage(
                admin, context, created: nil,
                problems: [ValidationProblem(field: "username", message: Self.split(error))],
                status: .unprocessableContent)
        }
        try await site.database.audit(
            admin.username, "admin added", agency: scope == "*" ? nil : scope, detail: username)
        return try await adminsPage(
            admin, context, created: CreatedAdmin(username: username, password: password), problems: [], status: .ok)
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try site.requireAllAdmin(context)
        let events = try await site.database.auditEvents(limit: 500).map { event in
            AuditView.Entry(
                time: Self.thaiTime(event.at), username: event.username, agency: event.agencySlug ?? "",
                action: event.action, detail: event.detail)
        }
        return HTML.page(
            site.render(
                "admin-audit",
                AuditView(pageTitle: "บันทึกการใช้งาน — โปร่งใส", frame: site.frame(admin, context), events: events)))
    }

    /// The operator's metrics, for an admin of every agency or a scraper holding the metrics token.
    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let tokenMatches =
            site.metricsToken.map { expected in
                bearer.map { Array($0.utf8) == Array(expected.utf8) } ?? false
            } ?? false
        if !tokenMatches { _ = try site.requireAllAdmin(context) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: site.metrics.text)))
    }

    // MARK: Rounds

    @Sendable func agency(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency) = try await site.managedAgency(context)
        let rounds = try await site.database.rounds(agencyId: agency.id!)
        var entries: [AgencyView.Entry] = []
        for round in rounds {
            let tallies = try await site.database.tallies(roundId: round.id!)
            entries.append(
                AgencyView.Entry(
                    year: round.fiscalYear, summary: RoundSummary(round, today: .today).text,
                    iit: ReleaseNote.count(round, tallies.iit), eit: ReleaseNote.count(round, tallies.eit)))
        }
        let view = AgencyView(
            pageTitle: "\(agency.nameTh) — โปร่งใส", frame: site.frame(admin, context), slug: agency.slug,
            name: agency.nameTh, kind: agency.kind.label.th, rounds: entries, hasRounds: !entries.isEmpty,
            publicEIT: site.publicAddress("/\(agency.slug)/eit"), publicIIT: site.publicAddress("/\(agency.slug)/iit"))
        return HTML.page(site.render("admin-agency", view))
    }

    @Sendable func newRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency) = try await site.managedAgency(context)
        return roundPage(
            admin, context, agency: agency, round: nil, form: .new(for: agency), problems: [], saved: false, status: .ok
        )
    }

    @Sendable func createRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency) = try await site.managedAgency(context)
        let form = RoundForm(values: try await site.checkedAdminForm(request, context: context))
        let year = Int(form.values["year"] ?? "") ?? Day.today.fiscalYear
        guard let iit = site.catalog.instrument(.iit, year: year), let eit = site.catalog.instrument(.eit, year: year)
        else {
            return site.messageResponse(.serverError, status: .internalServerError)
        }
        let blank = Round(
            agencyId: agency.id!, fiscalYear: year, opensOn: .today, closesOn: nil, kind: agency.kind,
            iitInstrument: iit.version, eitInstrument: eit.version)
        return try await saveRound(admin, context, agency: agency, existing: nil, form: form, appliedTo: blank)
    }

    @Sendable func editRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await site.managedRound(context)
        let targets = try await site.database.profileTargets(roundId: round.id!)
        return roundPage(
            admin, context, agency: agency, round: round, form: RoundForm(round: round, targets: targets), problems: [],
            saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    @Sendable func updateRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await site.managedRound(context)
        let form = RoundForm(values: try await site.checkedAdminForm(request, context: context))
        return try await saveRound(admin, context, agency: agency, existing: round, form: form, appliedTo: round)
    }

    /// Saves the settings form as a new round (`existing` nil) or over `existing`, with its targets, and logs it;
    /// any problem brings the form back with the values as typed.
    private func saveRound(
        _ admin: Admin, _ context: AppRequestContext, agency: Agency, existing: Round?, form: RoundForm,
        appliedTo base: Round
    ) async throws -> Response {
        var problems: [ValidationProblem]
        switch form.apply(to: base) {
        case .failure(let failure):
            problems = failure.problems
        case .success(let (round, targets)):
            if let existing {
                let frozen = try await frozenK(existing, changedTo: round)
                if !frozen.isEmpty {
                    problems = frozen
                    break
                }
            }
            do {
                var saved = round
                if existing == nil {
                    saved = try await site.database.openRound(round, agencySlug: agency.slug)
                } else {
                    try await site.database.updateRound(round, agencySlug: agency.slug)
                }
                try await site.database.setProfileTargets(targets, roundId: saved.id!)
                try await site.prepare(saved)
                site.forgetListings()
                try await site.database.audit(
                    admin.username, existing == nil ? "round created" : "round changed", agency: agency.slug,
                    detail: Self.describe(saved, targets))
                let page = "/admin/\(agency.slug)/\(saved.fiscalYear)"
                return HTML.redirect(to: existing == nil ? page : page + "/edit?saved=1")
            } catch let error as StoreError {
                problems = [ValidationProblem(field: "year", message: Self.split(error))]
            }
        }
        return roundPage(
            admin, context, agency: agency, round: existing, form: form, problems: problems, saved: false,
            status: .unprocessableContent)
    }

    /// Refusals for a k changed after its form released answers: periods cut under one k and then another
    /// would let two views be subtracted down to a single answer.
    private func frozenK(_ existing: Round, changedTo round: Round) async throws -> [ValidationProblem] {
        let release = try await site.release(of: existing)
        var problems: [ValidationProblem] = []
        for (form, field) in [(FormKind.iit, "smallCells"), (.eit, "eitSmallCells")]
        where existing.releaseRule(form) != round.releaseRule(form) && !release.form(form).periods.periods.isEmpty {
            problems.append(
                ValidationProblem(
                    field: field,
                    message: LocalizedText(
                        th: "เปลี่ยนขนาดกลุ่มเล็กสุด (k) ของ \(form.rawValue.uppercased()) ไม่ได้แล้ว เพราะเผยแพร่คำตอบไปแล้ว"
                            + " การเปลี่ยน k จะทำให้นำหน้าก่อนและหลังมาหักลบจนเห็นคำตอบรายคนได้",
                        en: "The \(form.rawValue.uppercased()) k cannot change now that answers have been released:"
                            + " views before and after the change could be subtracted down to one answer.")))
        }
        return problems
    }

    private func roundPage(
        _ admin: Admin, _ context: AppRequestContext, agency: Agency, round: Round?, form: RoundForm,
        problems: [ValidationProblem], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let view = RoundFormView(
            frame: site.frame(admin, context), agency: agency, round: round, form: form, problems: problems,
            saved: saved,
            catalog: site.catalog)
        return HTML.page(site.render("admin-round", view), status: status)
    }

    // MARK: Watching the round

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await site.managedRound(context)
        let release = try await site.release(of: round)
        let targets = try await site.database.profileTargets(roundId: round.id!)
        let codes = round.iitCodes ? try await site.database.accessCodeCounts(roundId: round.id!) : nil
        let view = DashboardView(
            frame: site.frame(admin, context), agency: agency, round: round, release: release, targets: targets,
            codes: codes, publicURL: site.publicURL, digest: try await site.digestLine(of: round))
        return HTML.page(site.render("admin-dashboard", view))
    }

    @Sendable func counter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, agency) = try await site.managedAgency(context)
        guard let round = try await site.database.currentRound(agencyId: agency.id!, on: .today) else {
            throw PageResponse(response: site.messageResponse(.notFound, status: .notFound))
        }
        let release = try await site.release(of: round)
        let targets = try await site.database.profileTargets(roundId: round.id!)
        let view = CounterView(agency: agency, round: round, release: release, targets: targets)
        return HTML.page(site.render("admin-counter", view))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await site.managedRound(context)
        let release = try await site.release(of: round)
        let previousRound = try await site.database.previousRound(agencyId: agency.id!, before: round.fiscalYear)
        var previous: RoundRelease?
        if let previousRound { previous = try await site.release(of: previousRound) }
        try await site.database.audit(
            admin.username, "report viewed", agency: agency.slug, detail: String(round.fiscalYear))
        let view = ReportView(
            agency: agency, round: round, release: release, previous: previous,
            digest: try await site.digestLine(of: round))
        return HTML.page(site.render("admin-report", view))
    }

    // MARK: Helpers

    /// A store error's bilingual text as a problem message.
    static func split(_ error: StoreError) -> LocalizedText {
        let parts = error.description.components(separatedBy: " / ")
        return LocalizedText(th: parts.last ?? error.description, en: parts.first ?? error.description)
    }

    /// A round's settings in one line for the audit log.
    static func describe(_ round: Round, _ targets: [ProfileTarget]) -> String {
        var parts = [
            "year \(round.fiscalYear)", "opens \(round.opensOn)", "closes \(round.closesOn ?? "-")",
            "kind \(round.kind.rawValue)", "iit population \(round.iitPopulation.map(String.init) ?? "-")",
            "eit population \(round.eitPopulation.map(String.init) ?? "-")", "iit rule \(round.iitRule)",
            "eit rule \(round.eitRule)", "codes \(round.iitCodes ? "on" : "off")", "oit \(round.oitScore ?? "-")",
            "small cells \(round.smallCellMinimum)", "eit small cells \(round.eitSmallCellMinimum)",
        ]
        parts += targets.map { "target \($0.form.rawValue) \($0.dimension.rawValue)=\($0.code) ≥ \($0.minimum)" }
        return parts.joined(separator: ", ")
    }

    /// A moment in Thai time with the Buddhist-era year: "21 พ.ย. 2569 14:05".
    static func thaiTime(_ seconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return Day(date).thai + String(format: " %02d:%02d", parts.hour!, parts.minute!)
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

/// A round's dates and status in Thai, for lists.
struct RoundSummary {
    let text: String

    init(_ round: Round, today: Day) {
        let opens = Day(round.opensOn).map(\.thai) ?? round.opensOn
        let closes = round.closesOn.flatMap(Day.init).map(\.thai) ?? "ไม่กำหนดวันปิด"
        let status: String
        switch round.status(on: today) {
        case .open: status = "เปิดรับคำตอบ"
        case .notYetOpen: status = "ยังไม่เปิด"
        case .closed: status = "ปิดแล้ว"
        }
        text = "ปีงบประมาณ \(round.fiscalYear) · \(opens) – \(closes) · \(status)"
    }
}
