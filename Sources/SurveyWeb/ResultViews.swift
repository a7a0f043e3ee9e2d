import SurveyCore
import SurveyStore

/// The parts of a result the dashboard shows, ready for a template.
struct ResultViews: Sendable {
    let scores: ScoresView
    let tables: [FormTablesView]

    init(release: RoundRelease) {
        scores = ScoresView(release: release)
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
    /// The EIT parts' scores when the instrument declares parts, each judged as its own tool.
    let eitParts: [PartView]
    let oit: String
    let total: String
    let level: String
    let hasLevel: Bool
    let levelScheme: String
    /// Per form whose scores wait for k respondents, a sentence saying so.
    let withheld: [String]

    init(release: RoundRelease) {
        let result = release.result
        withheld = [release.iit, release.eit].filter { !$0.showsScores }.map {
            "คะแนน \($0.form.rawValue.uppercased()) จะแสดงเมื่อมีผู้ตอบอย่างน้อย \($0.rule.minimum) คน "
                + "เพื่อไม่ให้คะแนนเปิดเผยคำตอบของผู้ตอบรายบุคคล"
        }
        let indicators = result.iit.score.indicators + result.eit.score.indicators
        let ranks = Dictionary(
            uniqueKeysWithValues: result.analysis.ranking.enumerated().map { ($1.indicator.number, $0 + 1) })
        chart = Charts.indicators(indicators)
        self.indicators = indicators.map { IndicatorRow(indicator: $0, rank: ranks[$0.indicator.number]) }
        items = (result.iit.score.items + result.eit.score.items).map(ItemRow.init)
        iit = result.iit.score.score?.formatted ?? "—"
        eit = result.eit.score.score?.formatted ?? "—"
        eitParts = result.eit.score.parts.map {
            PartView(part: $0.part, name: $0.name.th, score: $0.score?.formatted ?? "—")
        }
        oit = result.settings.oit?.formatted ?? "—"
        total = result.total?.formatted ?? "—"
        level = result.level?.name.th ?? "—"
        hasLevel = result.level != nil
        levelScheme =
            (result.settings.scheme == .letters
                ? "เกณฑ์ระดับตัวอักษร (AA–F) ของปีงบประมาณ 2562–2565"
                : "เกณฑ์ระดับผลการประเมินตั้งแต่ปีงบประมาณ 2566 (ผ่านดีเยี่ยม · ผ่านดี · ผ่าน · ต้องปรับปรุง · ต้องปรับปรุงโดยด่วน)")
            + (result.settings.levelScheme == nil ? "" : " — เลือกใช้สำหรับรอบนี้")
    }
}

/// One EIT part's score.
struct PartView: Sendable {
    let part: Int
    let name: String
    let score: String
}

/// One indicator's line: score, rank, and whether it is under 85.
struct IndicatorRow: Sendable {
    let number: Int
    let name: String
    let tool: String
    let score: String
    let rank: String
    let weak: Bool

    init(indicator: IndicatorScore, rank: Int?) {
        number = indicator.indicator.number
        name = indicator.indicator.name.th
        tool = number <= 5 ? "IIT" : "EIT"
        score = indicator.score?.formatted ?? "—"
        self.rank = rank.map(String.init) ?? "—"
        weak = indicator.score.map { $0.rounded < ResultLevel.strengthLine } ?? false
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

    private init(title: String, responses: String, tables: [TableView], note: String) {
        self.title = title
        self.responses = responses
        self.tables = tables
        self.note = note
    }

    /// The same tables with every number in the given digits.
    func converted(_ digits: Digits) -> FormTablesView {
        FormTablesView(
            title: title, responses: digits(responses), tables: tables.map { $0.converted(digits) }, note: digits(note))
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

    private init(caption: String, genders: [String], rows: [Row], totals: [String], total: String) {
        self.caption = caption
        self.genders = genders
        self.rows = rows
        self.totals = totals
        self.total = total
    }

    /// The same table with every number in the given digits.
    func converted(_ digits: Digits) -> TableView {
        TableView(
            caption: digits(caption), genders: genders.map { digits($0) },
            rows: rows.map {
                Row(label: digits($0.label), counts: $0.counts.map { digits($0) }, total: digits($0.total))
            },
            totals: totals.map { digits($0) }, total: digits(total))
    }
}
