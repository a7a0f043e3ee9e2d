import SurveyCore
import SurveyStore

/// The parts of a result that the dashboard and the report both show, ready for a template.
struct ResultViews: Sendable {
    let scores: ScoresView
    let tables: [FormTablesView]

    init(release: RoundRelease, previous: RoundRelease?) {
        scores = ScoresView(release: release, previous: previous?.result)
        tables = [release.iit, release.eit].map(FormTablesView.init)
    }
}

/// Scores per indicator, item and tool, the total and the level.
struct ScoresView: Sendable {
    let chart: String
    let indicators: [IndicatorRow]
    let items: [ItemRow]
    let iit: String
    let eit: String
    let oit: String
    let total: String
    let level: String
    let hasLevel: Bool
    let levelScheme: String
    let hasPrevious: Bool
    let previousYear: String
    let strengths: [IndicatorRow]
    let weaknesses: [WeaknessView]
    let hasWeaknesses: Bool
    /// Per form whose scores wait for k respondents, a sentence saying so.
    let withheld: [String]

    init(release: RoundRelease, previous: AssessmentResult?) {
        let result = release.result
        withheld = [release.iit, release.eit].filter { !$0.showsScores }.map {
            "คะแนน \($0.form.rawValue.uppercased()) จะแสดงเมื่อมีผู้ตอบอย่างน้อย \($0.rule.minimum) คน "
                + "เพื่อไม่ให้คะแนนเปิดเผยคำตอบของผู้ตอบรายบุคคล"
        }
        let indicators = result.iit.score.indicators + result.eit.score.indicators
        let previousScores = previous.map { $0.iit.score.indicators + $0.eit.score.indicators } ?? []
        let ranks = Dictionary(
            uniqueKeysWithValues: result.analysis.ranking.enumerated().map { ($1.indicator.number, $0 + 1) })
        func row(_ indicator: IndicatorScore) -> IndicatorRow {
            IndicatorRow(
                indicator: indicator, rank: ranks[indicator.indicator.number],
                previous: previousScores.first { $0.indicator.number == indicator.indicator.number }?.score)
        }
        chart = Charts.indicators(indicators)
        self.indicators = indicators.map(row)
        items = (result.iit.score.items + result.eit.score.items).map(ItemRow.init)
        iit = result.iit.score.score?.formatted ?? "—"
        eit = result.eit.score.score?.formatted ?? "—"
        oit = result.settings.oit?.formatted ?? "—"
        total = result.total?.formatted ?? "—"
        level = result.level?.name.th ?? "—"
        hasLevel = result.level != nil
        levelScheme =
            (result.settings.scheme == .letters
                ? "เกณฑ์ระดับตัวอักษร (AA–F) ของปีงบประมาณ 2562–2565"
                : "เกณฑ์ระดับผลการประเมินตั้งแต่ปีงบประมาณ 2566 (ผ่านดีเยี่ยม · ผ่านดี · ผ่าน · ต้องปรับปรุง · ต้องปรับปรุงโดยด่วน)")
            + (result.settings.levelScheme == nil ? "" : " — เลือกใช้สำหรับรอบนี้")
        hasPrevious = previous != nil
        previousYear = previous.map { String($0.year) } ?? ""
        strengths = result.analysis.strengths.map(row)
        weaknesses = result.analysis.weaknesses.map { weak in
            WeaknessView(
                indicator: row(weak),
                items: (result.analysis.weakItems[weak.indicator.number] ?? []).map(ItemRow.init))
        }
        hasWeaknesses = !weaknesses.isEmpty
    }
}

/// One indicator's line: score, rank, strength or weakness, and the change since the previous round.
struct IndicatorRow: Sendable {
    let number: Int
    let name: String
    let tool: String
    let score: String
    let rank: String
    let strong: Bool
    let weak: Bool
    let previous: String
    let change: String
    let up: Bool
    let down: Bool

    init(indicator: IndicatorScore, rank: Int?, previous: Rational?) {
        number = indicator.indicator.number
        name = indicator.indicator.name.th
        tool = number <= 5 ? "IIT" : "EIT"
        score = indicator.score?.formatted ?? "—"
        self.rank = rank.map(String.init) ?? "—"
        strong = indicator.score.map { $0.rounded >= ResultLevel.strengthLine } ?? false
        weak = indicator.score.map { $0.rounded < ResultLevel.strengthLine } ?? false
        self.previous = previous?.formatted ?? "—"
        if let now = indicator.score?.rounded, let before = previous?.rounded {
            let difference = now - before
            up = difference > .zero
            down = difference < .zero
            change = (up ? "▲ +" : down ? "▼ " : "= ") + difference.formatted
        } else {
            up = false
            down = false
            change = "—"
        }
    }
}

/// An item's score with its topic.
struct ItemRow: Sendable {
    let id: String
    let topic: String
    let score: String
    let weak: Bool

    init(_ item: ItemScore) {
        id = item.item.id
        topic = item.item.topic.th
        score = item.score?.formatted ?? "—"
        weak = item.score.map { $0.rounded < ResultLevel.strengthLine } ?? false
    }
}

/// A weak indicator and its items under 85.
struct WeaknessView: Sendable {
    let indicator: IndicatorRow
    let items: [ItemRow]
}

/// A form's profile tables, laid out as agencies publish them, with hidden numbers as "*".
struct FormTablesView: Sendable {
    let title: String
    let responses: String
    let tables: [TableView]
    let note: String

    init(_ release: FormRelease) {
        title = release.form.title.th
        responses = ReleaseNote.count(release)
        tables = release.responses == 0 ? [] : release.tables.map { TableView($0, form: release.form) }
        note = ReleaseNote.text(release.rule)
    }
}

/// One profile table: a dimension crossed with gender, with totals; a hidden number is "*".
struct TableView: Sendable {
    let caption: String
    let genders: [String]
    let rows: [Row]
    let totals: [String]
    let total: String

    /// One category's counts.
    struct Row: Sendable {
        let label: String
        let counts: [String]
        let total: String
    }

    init(_ released: ReleasedProfileTable, form: FormKind) {
        let table = released.table
        func text(_ number: Int?) -> String { number.map(String.init) ?? "*" }
        caption = "\(form.rawValue.uppercased()): \(released.dimension.label.th) จำแนกตามเพศ"
        genders = released.genders.map { $0?.label.th ?? "ไม่ระบุ" }
        rows = released.categories.indices.map { index in
            Row(
                label: released.categories[index]?.label.th ?? "ไม่ระบุ", counts: table.cells[index].map(text),
                total: text(table.rowTotals[index]))
        }
        totals = table.columnTotals.map(text)
        total = text(table.total)
    }
}
