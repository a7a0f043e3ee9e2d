import Foundation
import SurveyCore
import SurveyStore

/// The agencies an admin manages, and for the `--all` admin the form to add one.
struct AdminHomeView: Sendable {
    let lang = "th"
    let pageTitle: String
    let frame: AdminFrame
    let agencies: [Entry]
    let kinds: [Choice]
    let values: [String: String]
    let problems: [ProblemView]
    let hasProblems: Bool

    /// One agency with its current round.
    struct Entry: Sendable {
        let slug: String
        let name: String
        let kind: String
        let round: String
        /// Released responses per form, "fewer than k" while none is.
        let iit: String
        let eit: String
    }
}

/// The admins, the form to add one, and a new admin's password shown once.
struct AdminsView: Sendable {
    let lang = "th"
    let pageTitle: String
    let frame: AdminFrame
    let admins: [Entry]
    let agencies: [Choice]
    let created: CreatedAdmin?
    let problems: [ProblemView]
    let hasProblems: Bool

    /// One admin and what they manage.
    struct Entry: Sendable {
        let username: String
        let scope: String
    }
}

/// The audit log, newest first.
struct AuditView: Sendable {
    let lang = "th"
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
    let lang = "th"
    let pageTitle: String
    let frame: AdminFrame
    let slug: String
    let name: String
    let kind: String
    let rounds: [Entry]
    let hasRounds: Bool
    let publicEIT: String
    let publicIIT: String

    /// One round with its counts.
    struct Entry: Sendable {
        let year: Int
        let summary: String
        /// Released responses per form, "fewer than k" while none is.
        let iit: String
        let eit: String
    }
}

/// The round settings page: every setting with its problem, the minimum each rule gives, the targets grid.
struct RoundFormView: Sendable {
    let lang = "th"
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let slug: String
    let isNew: Bool
    let action: String
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let fields: [String: FieldView]
    let kinds: [Choice]
    let rules: [RuleView]
    let iitCodes: Bool
    let instruments: String
    let targetForms: [TargetFormView]
    let dashboard: String

    /// A text input's value and problem.
    struct FieldView: Sendable {
        let value: String
        let problem: ProblemView?
    }

    /// One form's sample rule with the minimum it gives under the saved settings.
    struct RuleView: Sendable {
        let form: String
        let title: String
        let choices: [Choice]
        let fixedField: String
        let fixed: FieldView
        let minimum: String
        let problem: ProblemView?
    }

    /// The targets grid of one form.
    struct TargetFormView: Sendable {
        let title: String
        let dimensions: [TargetDimensionView]
    }

    /// One profile dimension's target inputs.
    struct TargetDimensionView: Sendable {
        let label: String
        let categories: [TargetInput]
    }

    /// One category's target input.
    struct TargetInput: Sendable {
        let name: String
        let label: String
        let value: String
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round?, form: RoundForm, problems: [ValidationProblem], saved: Bool,
        catalog: InstrumentCatalog
    ) {
        let byField = ValidationFailure(problems: problems).byField
        let values = form.values
        self.frame = frame
        agencyName = agency.nameTh
        slug = agency.slug
        isNew = round == nil
        pageTitle = (round == nil ? "เปิดรอบการประเมินใหม่" : "ตั้งค่ารอบการประเมิน") + " — \(agency.nameTh)"
        action = round.map { "/admin/\(agency.slug)/\($0.fiscalYear)/edit" } ?? "/admin/\(agency.slug)/rounds"
        dashboard = round.map { "/admin/\(agency.slug)/\($0.fiscalYear)" } ?? "/admin/\(agency.slug)"
        self.saved = saved
        self.problems = problems.map(ProblemView.init)
        hasProblems = !problems.isEmpty
        var fields: [String: FieldView] = [:]
        for name in [
            "year", "opens", "closes", "iitPopulation", "eitPopulation", "oit", "smallCells", "eitSmallCells", "kind",
        ] {
            fields[name] = FieldView(value: values[name] ?? "", problem: byField[name].map(ProblemView.init))
        }
        self.fields = fields
        kinds = AgencyKind.allCases.map {
            Choice(value: $0.rawValue, label: $0.label.th, selected: values["kind"] == $0.rawValue)
        }
        let settings = round?.settings()
        rules = FormKind.allCases.map { kind in
            let chosen = values["\(kind.rawValue)Rule"] ?? ""
            let minimum: String
            if let settings, let value = settings.minimum(kind) {
                minimum = "ขั้นต่ำ \(value) คน ตาม\(settings.rule(kind).name.th)"
            } else if settings != nil {
                minimum = "ยังคำนวณไม่ได้: ใส่จำนวนประชากรก่อน"
            } else {
                minimum = "คำนวณหลังบันทึก"
            }
            return RuleView(
                form: kind.rawValue, title: kind.rawValue.uppercased(),
                choices: RoundForm.ruleChoices(kind).map { token in
                    Choice(
                        value: token,
                        label: token == "fixed" ? "กำหนดเอง (ระบุจำนวน)" : SampleRule(token: token)!.name.th,
                        selected: chosen == token)
                },
                fixedField: "\(kind.rawValue)Fixed",
                fixed: FieldView(
                    value: values["\(kind.rawValue)Fixed"] ?? "",
                    problem: byField["\(kind.rawValue)Fixed"].map(ProblemView.init)),
                minimum: minimum, problem: byField["\(kind.rawValue)Rule"].map(ProblemView.init))
        }
        iitCodes = values["iitCodes"] == "on"
        let year = Int(values["year"] ?? "") ?? Day.today.fiscalYear
        let versions = FormKind.allCases.map { kind in
            let version =
                round?.instrumentVersion(kind) ?? catalog.instrument(kind, year: year)?.version ?? "—"
            return "\(kind.rawValue.uppercased()) รุ่น \(version)"
        }
        instruments = versions.joined(separator: " · ")
        targetForms = FormKind.allCases.map { kind in
            TargetFormView(
                title: kind.title.th,
                dimensions: kind.profileDimensions.map { dimension in
                    TargetDimensionView(
                        label: dimension.label.th,
                        categories: dimension.categories.map { category in
                            let name = RoundForm.targetField(kind, dimension, category.code)
                            return TargetInput(name: name, label: category.label.th, value: values[name] ?? "")
                        })
                })
        }
    }
}

/// The live dashboard of a round, from what its release may show.
struct DashboardView: Sendable {
    let lang = "th"
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let slug: String
    let year: Int
    let summary: String
    let forms: [FormPanel]
    let results: ResultViews
    let codes: String?
    let publicEIT: String
    let publicIIT: String
    let digest: String

    init(
        frame: AdminFrame, agency: Agency, round: Round, release: RoundRelease, targets: [ProfileTarget],
        codes: AccessCodeCounts?, publicURL: String, digest: String
    ) {
        self.digest = digest
        self.frame = frame
        agencyName = agency.nameTh
        slug = agency.slug
        year = round.fiscalYear
        pageTitle = "แดชบอร์ด \(round.fiscalYear) — \(agency.nameTh)"
        summary = RoundSummary(round, today: .today).text
        let today = Day.today
        forms = [FormKind.iit, .eit].map { form in
            FormPanel(
                part: release.result.form(form), release: release.form(form), round: round,
                targets: targets.filter { $0.form == form }, today: today)
        }
        results = ResultViews(release: release, previous: nil)
        self.codes = codes.map {
            "รหัสผู้ตอบ IIT: สร้าง \($0.made) พิมพ์แล้ว \($0.printed) ใช้แล้ว \($0.used) ยกเลิก \($0.withdrawn)"
        }
        publicEIT = "\(publicURL)/\(agency.slug)/eit"
        publicIIT = "\(publicURL)/\(agency.slug)/iit"
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

    /// The released responses of a round's form, from its tally alone.
    static func count(_ round: Round, _ tally: Tally) -> String {
        count(round.periods(of: tally).releasedCount, round.releaseRule(tally.form))
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
    let targets: [TargetView]
    let hasTargets: Bool
    let releaseNote: String

    init(part: FormResult, release: FormRelease, round: Round, targets: [ProfileTarget], today: Day) {
        let closes = round.closesOn.flatMap(Day.init)
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
        let first = Day(round.opensOn) ?? today
        let last = min(max(today, first), closes ?? today)
        daily = Charts.periods(release.periods, first: first, last: last)
        self.targets = targets.map { TargetView($0, release: release) }
        hasTargets = !targets.isEmpty
        releaseNote = ReleaseNote.text(release.rule)
    }
}

/// A profile target with its count and how many are still needed, both hidden where the tables hide the count.
struct TargetView: Sendable {
    let label: String
    let minimum: Int
    let count: String
    let needed: String
    let met: Bool

    init(_ target: ProfileTarget, release: FormRelease) {
        label = "\(target.dimension.label.th): \(target.category?.label.th ?? target.code)"
        minimum = target.minimum
        if let shown = release.shownCount(target.dimension, target.code) {
            let stillNeeded = max(0, target.minimum - shown)
            count = String(shown)
            needed = String(stillNeeded)
            met = stillNeeded == 0
        } else {
            count = "*"
            needed = "*"
            met = false
        }
    }
}

/// The counter view: who to invite next, in large type, refreshing itself.
struct CounterView: Sendable {
    let lang = "th"
    let pageTitle: String
    let agencyName: String
    let lines: [Line]
    let done: Bool
    let updated: String
    let notes: [String]

    /// One "still needed" line.
    struct Line: Sendable {
        let label: String
        let needed: String
    }

    init(agency: Agency, round: Round, release: RoundRelease, targets: [ProfileTarget]) {
        pageTitle = "ยังต้องการผู้ตอบ — \(agency.nameTh)"
        agencyName = agency.nameTh
        var lines: [Line] = []
        for form in [FormKind.eit, .iit] {
            let part = release.result.form(form)
            let released = release.form(form)
            let prefix = form.rawValue.uppercased()
            for target in targets where target.form == form {
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
        updated = AdminController.thaiTime(Int64(Date().timeIntervalSince1970))
        notes = [FormKind.iit, .eit].map { "\($0.rawValue.uppercased()): " + ReleaseNote.text(release.form($0).rule) }
    }
}

/// The printable analysis report.
struct ReportView: Sendable {
    let lang = "th"
    let pageTitle: String
    let agencyName: String
    let slug: String
    let year: Int
    let printed: String
    let window: String
    let forms: [FormLine]
    let results: ResultViews
    let measures: [String]
    let digest: String
    let notes: [String]

    /// Respondents of one form against its minimum.
    struct FormLine: Sendable {
        let title: String
        let responses: String
        let minimum: String
        let rule: String
    }

    init(agency: Agency, round: Round, release: RoundRelease, previous: RoundRelease?, digest: String) {
        let result = release.result
        self.digest = digest
        agencyName = agency.nameTh
        slug = agency.slug
        year = round.fiscalYear
        pageTitle = "รายงานผลการวิเคราะห์ ITA \(round.fiscalYear) — \(agency.nameTh)"
        printed = Day.today.thai
        let opens = Day(round.opensOn).map(\.thai) ?? round.opensOn
        window = "\(opens) – \(round.closesOn.flatMap(Day.init).map(\.thai) ?? "ปัจจุบัน")"
        forms = [result.iit, result.eit].map {
            FormLine(
                title: $0.form.title.th, responses: ReleaseNote.count(release.form($0.form)),
                minimum: $0.minimum.map(String.init) ?? "—", rule: $0.rule.name.th)
        }
        results = ResultViews(release: release, previous: previous)
        measures = result.analysis.weaknesses.flatMap { weak in
            (result.analysis.weakItems[weak.indicator.number] ?? []).map {
                "ตัวชี้วัดที่ \(weak.indicator.number) ข้อ \($0.item.id): \($0.item.topic.th) — กำหนดมาตรการ ผู้รับผิดชอบ และระยะเวลา"
            }
        }
        notes = [FormKind.iit, .eit].map { "\($0.rawValue.uppercased()): " + ReleaseNote.text(release.form($0).rule) }
    }
}
