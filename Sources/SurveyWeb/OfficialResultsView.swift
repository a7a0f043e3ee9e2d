import SurveyCore
import SurveyStore

/// The official results page: the form with what was typed and its problems, and the stored result computed.
struct OfficialResultsView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let frame: AdminFrame
    let agencyName: String
    let year: Int
    let action: String
    let back: String
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let indicators: [IndicatorInput]
    let total: String
    let totalProblem: ProblemView?
    let schemes: [Choice]
    let levelsProblem: ProblemView?
    let rows: String
    let rowProblems: [ProblemView]
    let result: ResultPanel?
    /// The analysis report of these results, once stored.
    let report: String

    /// One indicator's inputs.
    struct IndicatorInput: Sendable {
        let number: Int
        let name: String
        let tool: String
        let scoreField: String
        let noteField: String
        let score: String
        let note: String
        let problem: ProblemView?
    }

    init(
        frame: AdminFrame, agency: Agency, year: Int, form: OfficialResultsForm, stored: OfficialResults?,
        problems: [OfficialProblem], saved: Bool
    ) {
        let shown = problems.map(Self.problem)
        let byField = Dictionary(shown.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        self.frame = frame
        agencyName = agency.nameTh
        self.year = year
        pageTitle = "ผลการประเมินอย่างเป็นทางการ ปี \(year) — \(agency.nameTh)"
        action = SiteURL.officialResults(agency.slug, year).path
        back = SiteURL.agency(agency.slug).path
        self.saved = saved
        self.problems = shown
        hasProblems = !shown.isEmpty
        indicators = ITAIndicator.all.map { indicator in
            let field = OfficialResultsForm.scoreField(indicator.number)
            return IndicatorInput(
                number: indicator.number, name: indicator.name.th, tool: indicator.tool.code, scoreField: field,
                noteField: OfficialResultsForm.noteField(indicator.number), score: form.scores[indicator.number] ?? "",
                note: form.notes[indicator.number] ?? "",
                problem: byField[field] ?? byField[OfficialResultsForm.noteField(indicator.number)])
        }
        total = form.total
        totalProblem = byField["total"]
        let standard = LevelScheme.standard(fiscalYear: year)
        schemes =
            [Choice(value: "", label: "ตามปีงบประมาณ (\(standard.name.th))", selected: form.levels.isEmpty)]
            + LevelScheme.allCases.map {
                Choice(value: $0.rawValue, label: $0.name.th, selected: form.levels == $0.rawValue)
            }
        levelsProblem = byField["levels"]
        rows = form.rows
        rowProblems = shown.filter { $0.field == "rows" }
        result = stored.map(ResultPanel.init)
        report = SiteURL.officialReport(agency.slug, year).path
    }

    /// A problem as the page shows it: at its input, a pasted line's under the rows with its line number, and one
    /// about the whole at the first indicator.
    private static func problem(_ problem: OfficialProblem) -> ProblemView {
        switch problem.source {
        case .field(let name):
            return ProblemView(ValidationProblem(field: name, message: problem.message))
        case .line(let line):
            return ProblemView(
                ValidationProblem(
                    field: "rows",
                    message: LocalizedText(
                        th: "บรรทัด \(line): \(problem.message.th)", en: "line \(line): \(problem.message.en)")))
        case nil:
            return ProblemView(
                ValidationProblem(field: OfficialResultsForm.scoreField(1), message: problem.message))
        }
    }

    /// The stored result: tools, total, level and the ranked table, items and notes.
    struct ResultPanel: Sendable {
        let iit: String
        let eit: String
        let oit: String
        let total: String
        let totalSource: String
        let level: String
        let scheme: String
        let criteria: String
        let levelGap: String?
        let ranked: [RankedRow]
        let items: [ItemRow]
        let hasItems: Bool
        let notes: [NoteRow]
        let hasNotes: Bool

        /// One line of the ranked table.
        struct RankedRow: Sendable {
            let rank: Int
            let number: Int
            let name: String
            let tool: String
            let score: String
            let strength: Bool
        }

        /// One item's score and note.
        struct ItemRow: Sendable {
            let id: String
            let score: String
            let note: String
        }

        /// One assessor's note and what it is about.
        struct NoteRow: Sendable {
            let subject: String
            let text: String
        }

        init(_ results: OfficialResults) {
            iit = results.iit?.formatted ?? "—"
            eit = results.eit?.formatted ?? "—"
            oit = results.oit?.formatted ?? "—"
            total = results.total?.formatted ?? "—"
            totalSource = Self.totalSource(results)
            level = results.level?.name.th ?? "—"
            scheme = results.scheme.name.th + (results.levelScheme == nil ? " ตามปีงบประมาณ" : " (เลือกเอง)")
            criteria = results.scheme.criteria.th
            levelGap = results.levelGap?.th
            ranked = results.ranking.map {
                RankedRow(
                    rank: $0.rank, number: $0.indicator.number, name: $0.indicator.name.th,
                    tool: $0.indicator.tool.code,
                    score: $0.score.formatted, strength: $0.isStrength)
            }
            items = results.rows.compactMap { row in
                guard case .item(let id) = row.subject else { return nil }
                return ItemRow(id: id.description, score: row.score?.formatted ?? "—", note: row.note)
            }
            hasItems = !items.isEmpty
            notes = results.notes.map { NoteRow(subject: $0.subject?.description ?? "ทั่วไป", text: $0.text) }
            hasNotes = !notes.isEmpty
        }

        /// Where the total shown comes from: the published one (and what the indicators give, when rounding sets it
        /// apart), or the indicators.
        static func totalSource(_ results: OfficialResults) -> String {
            let weights = "IIT 30% + EIT 30% + OIT 40%"
            guard results.publishedTotal != nil else {
                return results.computedTotal != nil ? "คำนวณจากตัวชี้วัด (\(weights))" : ""
            }
            guard results.computedTotal != nil else { return "ตามที่ประกาศ (ไม่มีคะแนนตัวชี้วัดครบให้คำนวณ)" }
            guard let apart = results.computedTotalApart else { return "ตามที่ประกาศ ตรงกับที่คำนวณจากตัวชี้วัด (\(weights))" }
            return "ตามที่ประกาศ ซึ่ง ป.ป.ช. คำนวณจากคะแนนก่อนปัดเศษ (คำนวณจากตัวชี้วัดที่ประกาศได้ \(apart.formatted))"
        }
    }
}
