import SurveyCore
import SurveyStore

/// The measures plan page: where a draft would come from, the editable table of rows with their buttons and the
/// library's suggestions, and the signer.
struct MeasuresView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let title: String
    let year: Int
    let action: String
    let draftAction: String
    let back: String
    let printLink: String
    let docxLink: String
    /// The same DOCX with Thai digits, as many agencies print their documents.
    let docxThaiLink: String
    let followUpLink: String
    let hasPlan: Bool
    let edited: Bool
    let basis: String?
    /// What drafting would read, or nil when the year before has no results.
    let draftSource: String?
    let draftYear: Int
    let notice: String?
    let problems: [ProblemView]
    let hasProblems: Bool
    let rows: [RowInput]
    let hasRows: Bool
    let canAdd: Bool
    let suggestions: [SuggestionGroup]
    let newSuggestion: String
    let signer: [PersonInput]
    let resultsField = MeasuresForm.resultsField
    /// The fingerprint of the stored follow-up whose outputs and outcomes the rows carry hidden.
    let results: String

    /// One row's inputs and buttons.
    struct RowInput: Sendable {
        let number: Int
        let cells: [CellInput]
        let hidden: [CellInput]
        let suggestionField: String
        let up: String?
        let down: String?
        let remove: String
        let apply: String
    }

    /// One cell's input.
    struct CellInput: Sendable {
        let name: String
        let label: String
        let value: String
        let limit: Int
        let multiline: Bool
        let problem: ProblemView?
    }

    /// The library's measures of one indicator, as an `optgroup`.
    struct SuggestionGroup: Sendable {
        let label: String
        let options: [Choice]
    }

    /// A signer's input.
    struct PersonInput: Sendable {
        let name: String
        let label: String
        let value: String
        let problem: ProblemView?
    }

    /// What the page says it did or found, above the form.
    enum Notice {
        case saved, drafted, unsaved, keptEdited, nothingToDraft, resultsSavedMeanwhile

        var text: String {
            switch self {
            case .saved: "บันทึกแล้ว"
            case .drafted: "ร่างมาตรการจากผลการประเมินแล้ว ตรวจและแก้ไขแต่ละแถวแล้วกดบันทึก"
            case .unsaved: "ยังไม่ได้บันทึก: ตรวจแถวแล้วกด “บันทึกมาตรการ” เพื่อเก็บการเปลี่ยนแปลง"
            case .keptEdited:
                "แผนนี้แก้ไขแล้วหลังการร่าง จึงไม่ร่างทับ หากต้องการร่างใหม่จากผลการประเมิน ให้เลือก “ร่างทับแผนที่แก้ไขแล้ว”"
            case .nothingToDraft: "ยังไม่มีผลการประเมินของปีก่อนให้ร่างมาตรการ"
            case .resultsSavedMeanwhile:
                "ระหว่างที่แก้ไขหน้านี้ มีการบันทึกผลการดำเนินการ (Output/Outcome) ของแผนนี้ ยังไม่ได้บันทึกมาตรการ"
                    + " ผลที่บันทึกไว้ถูกนำมาใส่ในแถวเดิมแล้ว ตรวจตารางแล้วกด “บันทึกมาตรการ” อีกครั้ง"
            }
        }
    }

    // Rows columns in the editable table: the plan's own cells; output and outcome travel hidden with their row.
    private static let shown: [MeasuresPlan.Field] = [
        .indicators, .items, .measure, .steps, .period, .owner, .followUp,
    ]
    private static let multiline: Set<MeasuresPlan.Field> = [.measure, .steps, .followUp]

    init(
        frame: AdminFrame, agency: Agency, year: Int, stored: MeasuresPlan?, typed: MeasuresPlan.Typed,
        draftSource: String?, notice: Notice?, problems: [ValidationProblem]
    ) {
        let shownProblems = problems.map(ProblemView.init)
        let byField = Dictionary(shownProblems.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let plan = MeasuresPlan(fiscalYear: year)
        pageTitle = "มาตรการส่งเสริมคุณธรรม ปี \(year) — \(agency.nameTh)"
        self.frame = frame
        agencyName = agency.nameTh
        title = plan.title
        self.year = year
        action = SiteURL.measures(agency.slug, year).path
        draftAction = SiteURL.measuresDraft(agency.slug, year).path
        back = SiteURL.agency(agency.slug).path
        printLink = SiteURL.measuresPrint(agency.slug, year).path
        docxLink = SiteURL.measuresDocx(agency.slug, year).path
        docxThaiLink = SiteURL.measuresDocx(agency.slug, year).path(query: "digits", "thai")
        followUpLink = SiteURL.followUp(agency.slug, year).path
        hasPlan = stored != nil
        results = MeasuresForm.resultsFingerprint(stored)
        edited = stored?.edited ?? false
        basis = stored?.basis?.thai
        self.draftSource = draftSource
        draftYear = year - 1
        self.notice = notice?.text
        self.problems = shownProblems
        hasProblems = !shownProblems.isEmpty
        let count = typed.rows.count
        rows = typed.rows.enumerated().map { index, row in
            let number = index + 1
            func input(_ field: MeasuresPlan.Field) -> CellInput {
                CellInput(
                    name: field.name(row: number), label: "\(field.thai) แถวที่ \(number)", value: row[field],
                    limit: field.limit, multiline: Self.multiline.contains(field),
                    problem: byField[field.name(row: number)])
            }
            return RowInput(
                number: number, cells: Self.shown.map(input), hidden: [input(.output), input(.outcome)],
                suggestionField: MeasuresForm.suggestionField(row: number), up: number > 1 ? "up-\(number)" : nil,
                down: number < count ? "down-\(number)" : nil, remove: "remove-\(number)", apply: "apply-\(number)")
        }
        hasRows = !rows.isEmpty
        canAdd = count < MeasuresPlan.rowLimit
        suggestions = ITAIndicator.all.map { indicator in
            SuggestionGroup(
                label: "ตัวชี้วัดที่ \(indicator.number) \(indicator.name.th)",
                options: MeasureLibrary.suggestions(for: indicator.number).enumerated().map { index, suggestion in
                    Choice(
                        value: MeasuresForm.suggestionValue(indicator: indicator.number, index: index),
                        label: suggestion.measure, selected: false)
                })
        }
        newSuggestion = MeasuresForm.newSuggestionField
        signer = [
            PersonInput(
                name: MeasuresPlan.Typed.signerName, label: "ชื่อผู้ลงนามประกาศ (หัวหน้าหน่วยงาน)",
                value: typed.signer.name, problem: byField[MeasuresPlan.Typed.signerName]),
            PersonInput(
                name: MeasuresPlan.Typed.signerPosition,
                label: "ตำแหน่ง เช่น นายกองค์การบริหารส่วนตำบลหนองบัว",
                value: typed.signer.position, problem: byField[MeasuresPlan.Typed.signerPosition]),
            PersonInput(
                name: MeasuresPlan.Typed.announcedOnField, label: "ประกาศ ณ วันที่ (เว้นว่างไว้เขียนเอง)",
                value: typed.announcedOn, problem: byField[MeasuresPlan.Typed.announcedOnField]),
        ]
    }
}

/// The follow-up page: per row of the plan its output and outcome, and the names of the approval chain.
struct FollowUpView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let title: String
    let action: String
    let back: String
    let printLink: String
    let docxLink: String
    /// The same DOCX with Thai digits, as many agencies print their documents.
    let docxThaiLink: String
    let fingerprint: String
    let fingerprintField: String
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let rows: [Row]
    let steps: [Step]

    /// One measure with its two inputs.
    struct Row: Sendable {
        let number: Int
        let measure: String
        let links: String
        let area: String
        let output: MeasuresView.CellInput
        let outcome: MeasuresView.CellInput
    }

    /// One step of the approval chain.
    struct Step: Sendable {
        let role: String
        let name: MeasuresView.PersonInput
        let position: MeasuresView.PersonInput
    }

    init(
        frame: AdminFrame, agency: Agency, plan: MeasuresPlan, form: FollowUpForm, saved: Bool,
        problems: [ValidationProblem]
    ) {
        let shownProblems = problems.map(ProblemView.init)
        let byField = Dictionary(shownProblems.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let year = plan.fiscalYear
        pageTitle = "ผลการดำเนินการตามมาตรการ ปี \(year) — \(agency.nameTh)"
        self.frame = frame
        agencyName = agency.nameTh
        title = plan.followUpTitle
        action = SiteURL.followUp(agency.slug, year).path
        back = SiteURL.measures(agency.slug, year).path
        printLink = SiteURL.followUpPrint(agency.slug, year).path
        docxLink = SiteURL.followUpDocx(agency.slug, year).path
        docxThaiLink = SiteURL.followUpDocx(agency.slug, year).path(query: "digits", "thai")
        fingerprint = form.fingerprint
        fingerprintField = FollowUpForm.fingerprintField
        self.saved = saved
        self.problems = shownProblems
        hasProblems = !shownProblems.isEmpty
        rows = plan.rows.enumerated().map { index, row in
            let number = index + 1
            func input(_ field: MeasuresPlan.Field) -> MeasuresView.CellInput {
                MeasuresView.CellInput(
                    name: field.name(row: number), label: "\(field.thai) มาตรการที่ \(number)",
                    value: form.typed.rows.indices.contains(index) ? form.typed.rows[index][field] : "",
                    limit: field.limit, multiline: true, problem: byField[field.name(row: number)])
            }
            return Row(
                number: number, measure: row.measure, links: row.links, area: row.area.name, output: input(.output),
                outcome: input(.outcome))
        }
        steps = Approvals.Step.allCases.map { step in
            let person = form.typed.approvals[step]
            let (nameField, positionField) = (
                MeasuresPlan.Typed.nameField(step), MeasuresPlan.Typed.positionField(step)
            )
            return Step(
                role: step.role,
                name: MeasuresView.PersonInput(
                    name: nameField, label: "ชื่อ (\(step.role))", value: person.name, problem: byField[nameField]),
                position: MeasuresView.PersonInput(
                    name: positionField, label: "ตำแหน่ง (\(step.role))", value: person.position,
                    problem: byField[positionField]))
        }
    }
}
