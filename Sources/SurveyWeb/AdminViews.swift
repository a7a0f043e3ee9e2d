import Foundation
import SurveyCore
import SurveyStore

/// The agencies an admin manages, and for the `--all` admin the form to add one.
struct AdminHomeView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencies: [Entry]
    let kinds: [Choice]
    let form: AgencyForm
    let problems: [ProblemView]
    let hasProblems: Bool
    let archived: [ArchivedEntry]
    let hasArchived: Bool
    let notice: String?
    let addAction = SiteURL.agencies.path
    let archiveAction = SiteURL.agencyArchiving.path
    let unarchiveAction = SiteURL.agencyUnarchiving.path

    /// One agency with its current round.
    struct Entry: Sendable {
        let href: String
        let name: String
        let kind: String
        let round: String
        /// Released responses per form, "fewer than k" while none is.
        let iit: String
        let eit: String
        let slug: String
    }

    /// An archived agency, with the button that brings it back.
    struct ArchivedEntry: Sendable {
        let href: String
        let name: String
        let slug: String
    }
}

/// The admins with what they manage and whether they may sign in, the buttons that disable, enable and reset
/// them, the form to add one (one agency by default; every agency only when chosen), and a password shown once.
struct AdminsView: Sendable {
    let styles = Stylesheets()
    let pageTitle = "ผู้ดูแลระบบ — โปร่งใส"
    let frame: AdminFrame
    let admins: [Entry]
    let agencies: [Choice]
    let everyAgencySelected: Bool
    let username: String
    let notice: Notice?
    let problems: [ProblemView]
    let hasProblems: Bool
    let listProblem: ProblemView?
    let addAction = SiteURL.admins.path
    let disableAction = SiteURL.adminDisabling.path
    let enableAction = SiteURL.adminEnabling.path
    let resetAction = SiteURL.passwordReset.path

    /// The field a problem of the list (disabling, enabling, resetting) is shown at.
    static let listField = "admins"

    /// What was just done, with the one-time password when one was made.
    struct Notice: Sendable {
        let text: String
        let password: String?
    }

    /// One admin, what they manage and whether they are disabled.
    struct Entry: Sendable {
        let username: String
        let scope: String
        let status: String
        let disabled: Bool
        let isSelf: Bool
    }

    init(
        frame: AdminFrame, admins: [Admin], agencies: [Agency], signedIn: Admin, form: AdminForm?, notice: Notice?,
        problems: [ValidationProblem]
    ) {
        self.frame = frame
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0.nameTh) })
        self.admins = admins.map { admin in
            Entry(
                username: admin.username,
                scope: admin.agencyId.map { names[$0] ?? "—" } ?? "ทุกหน่วยงาน",
                status: admin.disabled ? "ระงับแล้ว" : "ใช้งานได้", disabled: admin.disabled,
                isSelf: admin.id == signedIn.id)
        }
        let open = agencies.filter { !$0.archived }
        // An agency is chosen unless "every agency" was: a new admin manages one agency unless someone means more.
        let chosen = form.map(\.agency) ?? open.first?.slug ?? "*"
        self.agencies = open.map { Choice(value: $0.slug, label: $0.nameTh, selected: $0.slug == chosen) }
        everyAgencySelected = chosen == "*" || open.isEmpty
        // A name is echoed only as long as a name can be, never 60 KB of one.
        username = String((form?.username ?? "").prefix(Admin.usernameLengths.upperBound))
        self.notice = notice
        self.problems = problems.map(ProblemView.init)
        hasProblems = !problems.isEmpty
        listProblem = problems.first { $0.field == Self.listField }.map(ProblemView.init)
    }
}

/// The audit log, newest first.
struct AuditView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let events: [Entry]

    /// One admin action.
    struct Entry: Sendable {
        let time: String
        let username: String
        let agency: String
        let action: String
        let detail: String
    }
}

/// An agency's rounds.
struct AgencyView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let name: String
    let kind: String
    /// Whether the agency is archived: its forms are closed and it opens no new round.
    let archived: Bool
    let rounds: [Entry]
    let hasRounds: Bool
    let newRound: String
    let counter: String
    let counterLinks: [CounterLinkEntry]
    let makeCounterLink: String
    let publicEIT: String
    let publicIIT: String
    /// The page of the official ITAS links of the current fiscal year.
    let officialLinks: String
    let officialYear: Int
    let official: [OfficialEntry]
    let chooseOfficialYear: String
    let suggestedOfficialYear: Int
    let measures: [MeasuresEntry]
    let chooseMeasuresYear: String
    let suggestedMeasuresYear: Int

    /// A fiscal year's measures plan: how many measures, and how many have their follow-up typed.
    struct MeasuresEntry: Sendable {
        let year: Int
        let status: String
        let href: String
    }

    /// A fiscal year's official results: entered or not, with the total and level when they are.
    struct OfficialEntry: Sendable {
        let year: Int
        let status: String
        let href: String
    }

    /// A read-only link of the counter screen, by the day it was made, with where to revoke it.
    struct CounterLinkEntry: Sendable {
        let madeOn: String
        let revoke: String
    }

    /// One round with its counts and links.
    struct Entry: Sendable {
        let summary: String
        let dashboard: String
        let settings: String
        let report: String
        /// Released responses per form, "fewer than k" while none is.
        let iit: String
        let eit: String
    }
}

/// The live dashboard of a round, from what its release may show.
struct DashboardView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let year: Int
    let summary: String
    let forms: [FormPanel]
    let results: ResultViews
    /// A line per form that asks for codes: how many were made, printed, used and withdrawn.
    let codes: [String]
    let hasCodes: Bool
    /// A warning per past day on which answers came faster than people answer.
    let bursts: [String]
    let hasBursts: Bool
    /// A warning per loss of acknowledged answers found on a day this round was open.
    let losses: [String]
    let hasLosses: Bool
    let links: Links
    let digest: String

    /// Where the dashboard leads.
    struct Links: Sendable {
        let settings: String
        let counter: String
        let report: String
        let posterEIT: String
        let posterIIT: String
        let codes: String
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round, release: RoundRelease, codes: [(FormKind, AccessCodeCounts)],
        bursts: [(day: Day, answers: Int)], losses: [AnswerLoss], digest: String, today: Day
    ) {
        self.digest = digest
        self.frame = frame
        agencyName = agency.nameTh
        year = round.fiscalYear
        pageTitle = "แดชบอร์ด \(round.fiscalYear) — \(agency.nameTh)"
        summary = RoundSummary(round, today: today).text
        forms = [FormKind.iit, .eit].map { form in
            FormPanel(
                part: release.result.form(form), release: release.form(form), agency: agency, round: round,
                today: today)
        }
        results = ResultViews(release: release)
        self.bursts = bursts.map {
            "\($0.day.thai): \($0.answers) คำตอบเข้ามาถี่เกินกว่าคนตอบได้จริง (อย่างน้อย \(SubmissionBursts.threshold) คำตอบภายใน 1 นาที)"
                + " อาจเป็นคำตอบปลอม ควรตรวจสอบก่อนใช้ผล"
        }
        hasBursts = !bursts.isEmpty
        self.losses = losses.map {
            "พบเมื่อ \($0.foundOn.thai): คำตอบ \($0.answers) รายการที่ระบบตอบรับแล้ว (ส่งถึงวันที่ \($0.lastAcknowledgedOn.thai))"
                + " ไม่อยู่ในฐานข้อมูล"
        }
        hasLosses = !losses.isEmpty
        self.codes = codes.map { form, counts in
            "\(CodeWording.title(form)): สร้าง \(counts.made) พิมพ์แล้ว \(counts.printed) ใช้แล้ว \(counts.used)"
                + " ยกเลิก \(counts.withdrawn)"
        }
        hasCodes = !codes.isEmpty
        links = Links(
            settings: SiteURL.roundSettings(agency.slug, round.fiscalYear).path,
            counter: SiteURL.counter(agency.slug).path, report: SiteURL.report(agency.slug, round.fiscalYear).path,
            posterEIT: SiteURL.poster(agency.slug, .eit).path, posterIIT: SiteURL.poster(agency.slug, .iit).path,
            codes: SiteURL.codes(agency.slug, round.fiscalYear).path)
    }
}

/// The neutral sentence every release shows, whatever it withholds, and how a released count reads.
enum ReleaseNote {
    /// A form's released responses, or "fewer than k" while none is released.
    static func count(_ release: FormRelease) -> String {
        count(release.responses, release.rule)
    }

    /// A released count (zero or at least k) as the console shows it.
    static func count(_ released: Int, _ rule: SmallCellRule) -> String {
        released == 0 ? "น้อยกว่า \(rule.minimum)" : String(released)
    }

    /// What the numbers of a form count and what they leave out, in Thai.
    static func text(_ rule: SmallCellRule) -> String {
        "ตัวเลขนับเฉพาะคำตอบของวันที่ผ่านไปแล้วซึ่งรวมกันได้ช่วงละอย่างน้อย \(rule.minimum) คน "
            + "คำตอบล่าสุดจะแสดงเมื่อรวมได้ครบ · ค่าที่มีผู้ตอบร่วมกันน้อยกว่า \(rule.minimum) คน "
            + "และค่าที่อาจใช้คำนวณย้อนหาได้จะไม่แสดง (*) เพื่อไม่ให้ระบุตัวผู้ตอบได้"
    }
}

/// One form's progress: released responses against the minimum, days left, the chart of periods, targets.
struct FormPanel: Sendable {
    let form: String
    let title: String
    /// Released responses, or "fewer than k" while none is released, whether or not anyone has answered.
    let responses: String
    let progressValue: Int
    let minimum: String
    let rule: String
    let progressMax: Int
    let percent: String
    let stillNeeded: String
    let pace: String
    let daily: String
    /// The chart's numbers as a table: each released period and its responses.
    let periodRows: [PeriodRow]
    let hasPeriods: Bool
    let targets: [TargetView]
    let hasTargets: Bool
    let releaseNote: String
    let exportCSV: String
    let exportJSON: String

    init(part: FormResult, release: FormRelease, agency: Agency, round: Round, today: Day) {
        let closes = round.closes
        let progress = SampleProgress(
            responses: release.responses, minimum: part.minimum, today: today, closes: closes)
        form = part.form.rawValue
        title = part.form.title.th
        responses = ReleaseNote.count(release)
        progressValue = release.responses
        minimum = part.minimum.map(String.init) ?? "—"
        rule = part.minimum == nil ? "ยังคำนวณไม่ได้ (ใส่จำนวนประชากร)" : part.rule.name.th
        progressMax = max(1, part.minimum ?? release.responses)
        percent = progress.percent.map { "\($0)%" } ?? "—"
        stillNeeded = progress.stillNeeded.map { $0 == 0 ? "ครบขั้นต่ำแล้ว" : "ยังขาดอีก \($0) คน" } ?? ""
        switch (progress.daysLeft, progress.neededPerDay) {
        case (let days?, let perDay?) where (progress.stillNeeded ?? 0) > 0:
            pace = "เหลือ \(days) วัน ต้องได้วันละ \(perDay) คน"
        case (let days?, _):
            pace = "เหลือ \(days) วัน"
        default:
            pace = "ไม่กำหนดวันปิด"
        }
        let first = round.opens
        daily = Charts.periods(
            release.periods, first: first, last: max(first, closes ?? today), today: today, name: part.form.rawValue)
        periodRows = release.periods.periods.map { period in
            PeriodRow(
                days: period.first == period.last ? period.first.thai : "\(period.first.thai) – \(period.last.thai)",
                count: period.count)
        }
        hasPeriods = !periodRows.isEmpty
        let targets = round.targets.filter { $0.form == part.form }
        self.targets = targets.map { TargetView($0, release: release) }
        hasTargets = !targets.isEmpty
        releaseNote = ReleaseNote.text(release.rule)
        exportCSV = SiteURL.exportCSV(agency.slug, round.fiscalYear, part.form).path
        exportJSON = SiteURL.exportJSON(agency.slug, round.fiscalYear, part.form).path
    }
}

/// A released period of the daily chart and its responses.
struct PeriodRow: Sendable {
    let days: String
    let count: Int
}

/// A profile target with its count and how many are still needed, both hidden where the tables hide the count.
struct TargetView: Sendable {
    let label: String
    let minimum: Int
    let count: String
    let needed: String
    let met: Bool
    /// Whether the target is met, in words, for those who cannot tell the row's colour.
    let state: String

    init(_ target: ProfileTarget, release: FormRelease) {
        label = "\(target.dimension.label.th): \(target.category?.label.th ?? target.code)"
        minimum = target.minimum
        if let shown = release.shownCount(target.dimension, target.code) {
            let stillNeeded = max(0, target.minimum - shown)
            count = String(shown)
            needed = String(stillNeeded)
            met = stillNeeded == 0
            state = met ? "✓ ครบแล้ว" : "ยังไม่ครบ"
        } else {
            count = "*"
            needed = "*"
            met = false
            state = "*"
        }
    }
}

/// The counter view: who to invite next, in large type; on a screen at the counter, refreshing itself.
struct CounterView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let agencyName: String
    let lines: [Line]
    let done: Bool
    let updated: String
    let notes: [String]
    /// Seconds between reloads in screen mode; nil when the page stays as it is.
    let refresh: Int?
    /// The link that switches screen mode on or off; nil on the admin's page, which has no screen mode.
    let modeLink: String?
    /// On the admin's page: where to make a counter link for the screen instead.
    let screenAdvice: String?
    static let refreshSeconds = 30

    /// One "still needed" line.
    struct Line: Sendable {
        let label: String
        let needed: String
    }

    /// Where the view is shown: through a counter link, or to a signed-in admin.
    enum Place {
        /// Through a counter link, which has the screen mode (`refreshing`).
        case link(refreshing: Bool)
        /// To an admin: an admin's session reloaded every 30 seconds would never end, so no screen mode here, but
        /// the agency page to make a link on, unless the agency is hidden and can have none.
        case admin(agencyPage: String?)
    }

    /// The view at `path`, shown at `place`.
    init(agency: Agency, round: Round, release: RoundRelease, now: Date, path: String, place: Place) {
        pageTitle = "ยังต้องการผู้ตอบ — \(agency.nameTh)"
        switch place {
        case .link(let refreshing):
            refresh = refreshing ? Self.refreshSeconds : nil
            modeLink = refreshing ? path : path + "?refresh=1"
            screenAdvice = nil
        case .admin(let agencyPage):
            refresh = nil
            modeLink = nil
            screenAdvice = agencyPage
        }
        agencyName = agency.nameTh
        var lines: [Line] = []
        for form in [FormKind.eit, .iit] {
            let part = release.result.form(form)
            let released = release.form(form)
            let prefix = form.rawValue.uppercased()
            for target in round.targets where target.form == form {
                let label = "\(prefix) · \(target.category?.label.th ?? target.code)"
                if let shown = released.shownCount(target.dimension, target.code) {
                    if shown < target.minimum {
                        lines.append(Line(label: label, needed: String(target.minimum - shown)))
                    }
                } else {
                    // Listed whether met or not, so that the line says nothing of the hidden count.
                    lines.append(Line(label: label, needed: "*"))
                }
            }
            if let minimum = part.minimum, minimum > released.responses {
                lines.append(Line(label: "\(prefix) · รวมทั้งหมด", needed: String(minimum - released.responses)))
            }
        }
        self.lines = lines
        done = lines.isEmpty
        updated = ThaiTime.text(Int64(now.timeIntervalSince1970))
        notes = [FormKind.iit, .eit].map { "\($0.rawValue.uppercased()): " + ReleaseNote.text(release.form($0).rule) }
    }
}
