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

    @Sendable func createRound(_ request: Request, context: AgencyContext) async throws -> Response {
        let values = try await bodies.checked(request, context.signedIn)
        let draft = RoundSettings.Draft(values)
        let chosen = values.raw[RoundService.instrumentsField]
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

    private func page(
        _ signedIn: SignedIn, _ agency: Agency, round: Round?, draft: RoundSettings.Draft, chosen: String? = nil,
        problems: [ValidationProblem], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let view = RoundFormView(
            frame: signedIn.frame, agency: agency, round: round, draft: draft, chosen: chosen, problems: problems,
            saved: saved, catalog: catalog, today: clock.today)
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

    /// The sample rules offered per form, as tokens; `fixed` takes its number from the form's fixed field.
    static func ruleChoices(_ form: FormKind) -> [String] {
        (form == .eit ? ["group"] : []) + [
            "krejcie-morgan", "yamane", "percent:10:30:400", "percent:10:25:400", "fixed",
        ]
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round?, draft: RoundSettings.Draft, chosen: String?,
        problems: [ValidationProblem], saved: Bool, catalog: InstrumentCatalog, today: Day
    ) {
        let byField = ValidationFailure(problems: problems).byField
        func field(_ name: RoundSettings.Field) -> FieldView {
            FieldView(value: draft[name], problem: byField[name.rawValue].map(ProblemView.init))
        }
        self.frame = frame
        agencyName = agency.nameTh
        isNew = round == nil
        pageTitle = (round == nil ? "เปิดรอบการประเมินใหม่" : "ตั้งค่ารอบการประเมิน") + " — \(agency.nameTh)"
        action = (round.map { SiteURL.roundSettings(agency.slug, $0.fiscalYear) } ?? .rounds(agency.slug)).path
        back = (round.map { SiteURL.dashboard(agency.slug, $0.fiscalYear) } ?? .agency(agency.slug)).path
        self.saved = saved
        self.problems = problems.map(ProblemView.init)
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
        let savedSettings = round?.settings.assessment
        rules = FormKind.allCases.map { kind in
            let chosen = draft[.rule(kind)]
            let minimum: String
            if let savedSettings, let value = savedSettings.minimum(kind) {
                minimum = "ขั้นต่ำ \(value) คน ตาม\(savedSettings.rule(kind).name.th)"
            } else if savedSettings != nil {
                minimum = "ยังคำนวณไม่ได้: ใส่จำนวนประชากรก่อน"
            } else {
                minimum = "คำนวณหลังบันทึก"
            }
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
        let year = Int(draft[.year]) ?? today.fiscalYear
        let current = chosen ?? round?.iitInstrument ?? catalog.instrument(.iit, year: year)?.version ?? ""
        var sets = catalog.sets.map { set in
            Choice(
                value: set.version,
                label: "รุ่น \(set.version) — \(set.iit.title.th) / \(set.eit.title.th)"
                    + (set.isExample ? " [ตัวอย่างโครงสร้าง ไม่ใช่ถ้อยคำทางการ]" : ""),
                selected: set.version == current)
        }
        // A round opened with files of two versions keeps them unless another set is picked.
        if let round, round.iitInstrument != round.eitInstrument {
            sets.insert(
                Choice(
                    value: "", label: "IIT รุ่น \(round.iitInstrument) · EIT รุ่น \(round.eitInstrument)",
                    selected: chosen?.isEmpty ?? true),
                at: 0)
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
                                name: key.field, label: category.label.th, value: draft.targets[key] ?? "")
                        })
                })
        }
    }
}
