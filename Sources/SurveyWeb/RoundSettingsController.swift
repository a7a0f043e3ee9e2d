import Hummingbird
import SurveyCore
import SurveyStore

/// A round's settings in the console: the form of a new round and of an existing one, saved through the same
/// `RoundService` as `prongsai round`.
struct RoundSettingsController: Sendable {
    let rounds: RoundService
    let catalog: InstrumentCatalog
    let pages: Pages
    let bodies: RequestBodies
    let clock: WallClock

    func addRoutes(agency: RouterGroup<AgencyContext>, round: RouterGroup<RoundContext>) {
        agency.get(Route.newRound.pattern, use: newRound)
        agency.post(Route.rounds.pattern, use: createRound)
        round.get(Route.roundSettings.pattern, use: editRound)
        round.post(Route.roundSettings.pattern, use: updateRound)
    }

    @Sendable func newRound(_ request: Request, context: AgencyContext) async throws -> Response {
        let draft = RoundSettings.Draft(RoundSettings.standard(kind: context.agency.kind, opening: clock.today))
        return page(context.signedIn, context.agency, round: nil, draft: draft, problems: [], saved: false, status: .ok)
    }

    /// Opens the round as typed, unless the staff count or the closing date is missing, or the admin only asked to
    /// see the minimum again; the form comes back with every problem at its field.
    @Sendable func createRound(_ request: Request, context: AgencyContext) async throws -> Response {
        let values = try await bodies.checked(request, context.signedIn)
        let draft = RoundSettings.Draft(values)
        let chosen = values.raw[RoundService.instrumentsField]
        if values.raw["preview"] != nil {
            return page(
                context.signedIn, context.agency, round: nil, draft: draft, chosen: chosen, problems: [], saved: false,
                previewed: true, status: .ok)
        }
        let missing = Self.missingForNewRound(draft)
        guard missing.isEmpty else {
            let checked: [ValidationProblem]
            if case .failure(let failure) = draft.validated() { checked = failure.problems } else { checked = [] }
            let problems =
                missing + checked.filter { problem in !missing.contains { $0.field == problem.field } }
            return page(
                context.signedIn, context.agency, round: nil, draft: draft, chosen: chosen, problems: problems,
                saved: false, status: .unprocessableContent)
        }
        switch try await rounds.open(
            draft, instruments: chosen, agency: context.agency, by: context.admin.username, at: clock.now)
        {
        case .success(let round):
            return HTML.redirect(to: SiteURL.dashboard(context.agency.slug, round.fiscalYear).path)
        case .failure(let failure):
            return page(
                context.signedIn, context.agency, round: nil, draft: draft, chosen: chosen, problems: failure.problems,
                saved: false, status: .unprocessableContent)
        }
    }

    @Sendable func editRound(_ request: Request, context: RoundContext) async throws -> Response {
        page(
            context.signedIn, context.agency, round: context.round, draft: RoundSettings.Draft(context.round.settings),
            problems: [], saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    @Sendable func updateRound(_ request: Request, context: RoundContext) async throws -> Response {
        let values = try await bodies.checked(request, context.signedIn)
        let draft = RoundSettings.Draft(values)
        let chosen = values.raw[RoundService.instrumentsField]
        if values.raw["preview"] != nil {
            return page(
                context.signedIn, context.agency, round: context.round, draft: draft, chosen: chosen, problems: [],
                saved: false, previewed: true, status: .ok)
        }
        switch try await rounds.update(
            context.round, with: draft, instruments: chosen, agency: context.agency, by: context.admin.username,
            at: clock.now, today: clock.today)
        {
        case .success(let round):
            return HTML.redirect(
                to: SiteURL.roundSettings(context.agency.slug, round.fiscalYear).path(query: "saved", "1"))
        case .failure(let failure):
            return page(
                context.signedIn, context.agency, round: context.round, draft: draft, chosen: chosen,
                problems: failure.problems, saved: false, status: .unprocessableContent)
        }
    }

    /// What a new round needs beyond what any round needs: the staff count (the IIT minimum depends on it) and the
    /// closing date (the dashboard's pace and the daily chart run to it).
    static func missingForNewRound(_ draft: RoundSettings.Draft) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if draft[.iitPopulation].trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(
                ValidationProblem(
                    field: RoundSettings.Field.iitPopulation.rawValue,
                    message: LocalizedText(
                        th: "กรุณาใส่จำนวนบุคลากร (ใช้คำนวณจำนวนผู้ตอบขั้นต่ำของ IIT)",
                        en: "Please type the staff count (the IIT minimum sample depends on it).")))
        }
        if draft[.closes].trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(
                ValidationProblem(
                    field: RoundSettings.Field.closes.rawValue,
                    message: LocalizedText(th: "กรุณาเลือกวันปิดรับคำตอบ", en: "Please choose the last day of answers.")))
        }
        return problems
    }

    private func page(
        _ signedIn: SignedIn, _ agency: Agency, round: Round?, draft: RoundSettings.Draft, chosen: String? = nil,
        problems: [ValidationProblem], saved: Bool, previewed: Bool = false, status: HTTPResponse.Status
    ) -> Response {
        let view = RoundFormView(
            frame: signedIn.frame, agency: agency, round: round, draft: draft, chosen: chosen, problems: problems,
            saved: saved, previewed: previewed, catalog: catalog, today: clock.today)
        return HTML.page(pages.render(.adminRound, view), status: status)
    }
}

/// The round settings page: every setting with its problem, the minimum each rule gives, the targets grid.
struct RoundFormView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let isNew: Bool
    let action: String
    let back: String
    let saved: Bool
    /// Whether the page shows the minimums asked for again, nothing saved.
    let previewed: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let fields: [String: FieldView]
    let kinds: [Choice]
    /// The level scheme: the year's own, or one chosen for the round.
    let schemes: [Choice]
    let schemeProblem: ProblemView?
    let rules: [RuleView]
    let iitCodes: Bool
    let eitCodes: Bool
    /// The instrument sets to pick from, the round's (or the year's) selected.
    let instrumentSets: [Choice]
    let instrumentsProblem: ProblemView?
    let targetForms: [TargetFormView]

    /// A text input's value and problem; for a date, the day in the Buddhist era, whatever the browser shows.
    struct FieldView: Sendable {
        let value: String
        let problem: ProblemView?
        let thaiDate: String?
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

    /// One category's target input with its problem.
    struct TargetInput: Sendable {
        let name: String
        let label: String
        let value: String
        let problem: ProblemView?
    }

    /// What a field is called on the page, so that a problem in the summary says which input it is about; a
    /// target's names its form, dimension and category.
    static func label(of field: String) -> String {
        if let key = RoundSettings.TargetKey.all.first(where: { $0.field == field }) {
            let category = key.dimension.categories.first { $0.code == key.code }?.label.th ?? key.code
            return "เป้าหมาย \(key.form.rawValue.uppercased()) · \(key.dimension.label.th): \(category)"
        }
        switch RoundSettings.Field(rawValue: field) {
        case .year: return "ปีงบประมาณ"
        case .opens: return "วันเปิดรับคำตอบ"
        case .closes: return "วันปิดรับคำตอบ"
        case .kind: return "ประเภทหน่วยงาน"
        case .iitPopulation: return "จำนวนบุคลากร (ประชากร IIT)"
        case .eitPopulation: return "จำนวนผู้รับบริการ (ประชากร EIT)"
        case .iitRule: return "เกณฑ์ขนาดตัวอย่าง IIT"
        case .eitRule: return "เกณฑ์ขนาดตัวอย่าง EIT"
        case .iitFixed: return "จำนวนที่กำหนดเอง IIT"
        case .eitFixed: return "จำนวนที่กำหนดเอง EIT"
        case .oit: return "คะแนน OIT"
        case .smallCells: return "กลุ่มเล็กสุด IIT"
        case .eitSmallCells: return "กลุ่มเล็กสุด EIT"
        case .levels: return "เกณฑ์ระดับผลการประเมิน"
        case nil: return field
        }
    }

    /// The minimum a form's rule gives with the population and kind as typed, before anything is saved.
    static func minimum(_ form: FormKind, draft: RoundSettings.Draft, agencyKind: AgencyKind) -> String {
        let chosen = draft[.rule(form)]
        let rule =
            chosen == "fixed"
            ? RoundSettings.count(written: draft[.fixed(form)].trimmingCharacters(in: .whitespaces)).flatMap {
                $0 > 0 ? SampleRule.fixed($0) : nil
            }
            : SampleRule(token: chosen)
        guard let rule else { return "เลือกเกณฑ์ (และจำนวนเมื่อกำหนดเอง) เพื่อคำนวณขั้นต่ำ" }
        // Read as the settings read it, so that no typed number, however large or negative, reaches the arithmetic.
        let population = RoundSettings.count(written: draft[.population(form)].trimmingCharacters(in: .whitespaces))
        let kind = AgencyKind(rawValue: draft[.kind]) ?? agencyKind
        guard let value = rule.minimum(population: population, kind: kind) else {
            return "ตาม\(rule.name.th): ยังคำนวณไม่ได้ ใส่จำนวนประชากรก่อน"
        }
        return "ขั้นต่ำ \(value) คน ตาม\(rule.name.th)"
    }

    /// The sample rules offered per form, as tokens; `fixed` takes its number from the form's fixed field.
    static func ruleChoices(_ form: FormKind) -> [String] {
        (form == .eit ? ["group"] : []) + [
            "krejcie-morgan", "yamane", "percent:10:30:400", "percent:10:25:400", "fixed",
        ]
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round?, draft: RoundSettings.Draft, chosen: String?,
        problems: [ValidationProblem], saved: Bool, previewed: Bool, catalog: InstrumentCatalog, today: Day
    ) {
        let byField = ValidationFailure(problems: problems).byField
        func field(_ name: RoundSettings.Field) -> FieldView {
            let value = draft[name]
            let isDate = name == .opens || name == .closes
            return FieldView(
                value: value, problem: byField[name.rawValue].map(ProblemView.init),
                thaiDate: isDate ? Day(value.trimmingCharacters(in: .whitespaces)).map(\.thai) : nil)
        }
        self.frame = frame
        agencyName = agency.nameTh
        isNew = round == nil
        pageTitle = (round == nil ? "เปิดรอบการประเมินใหม่" : "ตั้งค่ารอบการประเมิน") + " — \(agency.nameTh)"
        action = (round.map { SiteURL.roundSettings(agency.slug, $0.fiscalYear) } ?? .rounds(agency.slug)).path
        back = (round.map { SiteURL.dashboard(agency.slug, $0.fiscalYear) } ?? .agency(agency.slug)).path
        self.saved = saved
        self.previewed = previewed
        // The summary lists the problems in the order of the fields on the page.
        let order =
            RoundSettings.Field.allCases.map(\.rawValue) + RoundSettings.TargetKey.all.map(\.field)
        let position = { (field: String) in order.firstIndex(of: field) ?? order.count }
        self.problems = problems.enumerated().sorted {
            (position($0.element.field), $0.offset) < (position($1.element.field), $1.offset)
        }.map(\.element).map { problem in
            let label = Self.label(of: problem.field)
            return ProblemView(
                ValidationProblem(
                    field: problem.field,
                    message: LocalizedText(th: "\(label): \(problem.message.th)", en: problem.message.en)))
        }
        hasProblems = !problems.isEmpty
        let inputs: [RoundSettings.Field] = [
            .year, .opens, .closes, .iitPopulation, .eitPopulation, .oit, .smallCells, .eitSmallCells,
        ]
        fields = Dictionary(uniqueKeysWithValues: inputs.map { ($0.rawValue, field($0)) })
        kinds = AgencyKind.allCases.map {
            Choice(value: $0.rawValue, label: $0.label.th, selected: draft[.kind] == $0.rawValue)
        }
        let standard = Int(draft[.year]).map { LevelScheme.standard(fiscalYear: $0) }
        schemes =
            [
                Choice(
                    value: "", label: "ตามปีงบประมาณ" + (standard.map { " (\($0.name.th))" } ?? ""),
                    selected: draft[.levels].isEmpty)
            ]
            + LevelScheme.allCases.map {
                Choice(value: $0.rawValue, label: $0.name.th, selected: draft[.levels] == $0.rawValue)
            }
        schemeProblem = byField[RoundSettings.Field.levels.rawValue].map(ProblemView.init)
        rules = FormKind.allCases.map { kind in
            let chosen = draft[.rule(kind)]
            let minimum = Self.minimum(kind, draft: draft, agencyKind: agency.kind)
            // A rule set on the command line that the list does not offer is kept as a choice of its own.
            let tokens =
                Self.ruleChoices(kind) + (Self.ruleChoices(kind).contains(chosen) || chosen.isEmpty ? [] : [chosen])
            return RuleView(
                form: kind.rawValue, title: kind.rawValue.uppercased(),
                choices: tokens.map { token in
                    Choice(
                        value: token,
                        label: token == "fixed"
                            ? "กำหนดเอง (ระบุจำนวน)" : SampleRule(token: token)?.name.th ?? token,
                        selected: chosen == token)
                },
                fixedField: RoundSettings.Field.fixed(kind).rawValue, fixed: field(.fixed(kind)), minimum: minimum,
                problem: byField[RoundSettings.Field.rule(kind).rawValue].map(ProblemView.init))
        }
        iitCodes = draft.iitCodes
        eitCodes = draft.eitCodes
        // The first choice changes nothing: a new round takes the set of the year typed when it is saved, a round
        // keeps its own; a set is used only when picked, so a year typed after the page was drawn, or a round's
        // set no longer among the files, never picks one unasked.
        let picked = chosen?.trimmingCharacters(in: .whitespaces) ?? ""
        let keep =
            round.map { "ไม่เปลี่ยน (IIT รุ่น \($0.iitInstrument) · EIT รุ่น \($0.eitInstrument))" }
            ?? "ชุดทางการของปีงบประมาณที่กรอก"
        let sets =
            [Choice(value: "", label: keep, selected: picked.isEmpty)]
            + catalog.sets.map { set in
                Choice(
                    value: set.version,
                    label: "รุ่น \(set.version) — \(set.iit.title.th) / \(set.eit.title.th)"
                        + (set.isExample ? " [ตัวอย่างโครงสร้าง ไม่ใช่ถ้อยคำทางการ]" : ""),
                    selected: set.version == picked)
            }
        instrumentSets = sets
        instrumentsProblem = byField[RoundService.instrumentsField].map(ProblemView.init)
        targetForms = FormKind.allCases.map { kind in
            TargetFormView(
                title: kind.title.th,
                dimensions: kind.profileDimensions.map { dimension in
                    TargetDimensionView(
                        label: dimension.label.th,
                        categories: dimension.categories.map { category in
                            let key = RoundSettings.TargetKey(form: kind, dimension: dimension, code: category.code)
                            return TargetInput(
                                name: key.field, label: category.label.th, value: draft.targets[key] ?? "",
                                problem: byField[key.field].map(ProblemView.init))
                        })
                })
        }
    }
}
