/// What the yearly analysis report (รายงานการวิเคราะห์ผลการประเมิน ITA) says, whatever its scores come from: the
/// NACC's official results of the year, or the agency's own round. The printed page, the DOCX file and the
/// measures plan are all drawn from it, so they show the same tables.
public struct AnalysisReport: Sendable, Hashable {
    /// Where the scores come from.
    public enum Source: String, Sendable, Hashable {
        /// The NACC's results, typed in from ITAS: ten indicators, item scores, the assessor's notes.
        case official
        /// The agency's own round: eight indicators from its answers and the OIT score typed in.
        case ownRound
    }

    public let fiscalYear: Int
    public let source: Source
    public let scheme: LevelScheme
    /// The scores of the tools that have one.
    public let tools: [ITATool: Rational]
    /// The EIT parts of an own round whose instrument declares them, each judged as a tool of its own.
    public let eitParts: [PartScore]
    public let total: Rational?
    /// The total the official indicators give, when rounding sets it apart from the published total shown.
    public let computedTotalApart: Rational?
    public let level: ResultLevel?
    /// Every indicator with a score, best first.
    public let ranking: [RankedIndicator]
    /// Questions that scored under 85 as printed, in every indicator, passing ones included; OIT items at 0 too.
    public let weakQuestions: [WeakQuestion]
    /// The assessor's notes on the whole result.
    public let notes: [String]
    /// The assessor's notes on single indicators, by number.
    public let indicatorNotes: [Int: String]
    /// Each indicator's score of the year before, where known.
    public let previous: [Int: Rational]
    /// The forms whose responses are below their minimum sample, said as a warning.
    public let sampleWarnings: [LocalizedText]
    /// The forms whose responses are below their minimum sample, for marking their scores wherever they show.
    public let formsUnderMinimum: [FormKind]

    /// The ranked indicators at 85 or more as printed.
    public var strengths: [RankedIndicator] { ranking.filter(\.isStrength) }
    /// The ranked indicators under 85 as printed.
    public var weaknesses: [RankedIndicator] { ranking.filter { !$0.isStrength } }

    /// The weak questions of one indicator, in form order.
    public func weakQuestions(of indicator: Int) -> [WeakQuestion] {
        weakQuestions.filter { $0.indicator == indicator }
    }

    /// The report of a year's official results; `instruments` give the question text of the IIT and EIT items.
    public init(official: OfficialResults, instruments: [Instrument], previous: [Int: Rational] = [:]) {
        fiscalYear = official.fiscalYear
        source = .official
        scheme = official.scheme
        tools = Dictionary(
            uniqueKeysWithValues: ITATool.allCases.compactMap { tool in official.score(tool).map { (tool, $0) } })
        eitParts = []
        total = official.total
        computedTotalApart = official.computedTotalApart
        level = official.level
        ranking = official.ranking
        let items = Dictionary(
            instruments.flatMap(\.items).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        weakQuestions = official.itemScores.sorted { $0.key < $1.key }.compactMap { id, score in
            guard score.rounded < ResultLevel.strengthLine else { return nil }
            let item = items[id.description]
            return WeakQuestion(
                id: id.description, indicator: item?.indicator ?? Self.indicator(of: id), text: item.map(Self.fullText),
                score: score, note: official.note(about: .item(id)))
        }
        notes = official.generalNotes
        indicatorNotes = Dictionary(
            uniqueKeysWithValues: ITAIndicator.numbers.compactMap { number in
                official.note(about: .indicator(number)).map { (number, $0) }
            })
        self.previous = previous
        sampleWarnings = []
        formsUnderMinimum = []
    }

    /// The report of the agency's own round: its eight indicators and their items, the OIT score typed in.
    public init(round result: AssessmentResult, previous: [Int: Rational] = [:]) {
        fiscalYear = result.year
        source = .ownRound
        scheme = result.settings.scheme
        var tools: [ITATool: Rational] = [:]
        tools[.iit] = result.iit.score.score
        tools[.eit] = result.eit.score.score
        tools[.oit] = result.settings.oit
        self.tools = tools
        eitParts = result.eit.score.parts
        total = result.total
        computedTotalApart = nil
        level = result.level
        let forms = [result.iit, result.eit]
        var scores: [Int: Rational] = [:]
        for indicator in forms.flatMap(\.score.indicators) { scores[indicator.indicator.number] = indicator.score }
        ranking = RankedIndicator.ranking(scores)
        weakQuestions = forms.flatMap(\.score.items).compactMap { scored in
            guard let score = scored.score, score.rounded < ResultLevel.strengthLine else { return nil }
            return WeakQuestion(
                id: scored.item.id, indicator: scored.item.indicator, text: Self.fullText(scored.item), score: score,
                note: nil)
        }
        notes = []
        indicatorNotes = [:]
        self.previous = previous
        let short = forms.filter { form in form.minimum.map { form.responses < $0 } ?? false }
        formsUnderMinimum = short.map(\.form)
        sampleWarnings = short.compactMap { form in
            guard let minimum = form.minimum, form.responses < minimum else { return nil }
            let name = form.form.rawValue.uppercased()
            // A released result under k counts nobody yet; "0 respondents" would read as if nobody had answered.
            let counted =
                form.responses == 0
                ? LocalizedText(th: "ยังไม่มีผู้ตอบที่นับได้", en: "no responses counted yet")
                : LocalizedText(th: "มีผู้ตอบ \(form.responses) คน", en: "\(form.responses) responses")
            return LocalizedText(
                th: "\(name) \(counted.th) ต่ำกว่าขั้นต่ำ \(minimum) คน ผลของ \(name) จึงยังไม่อาจใช้แทนการรับรู้"
                    + "ของผู้ตอบทั้งหมดได้",
                en: "\(name) has \(counted.en), under its minimum of \(minimum): its result does not yet"
                    + " stand for everyone it asks.")
        }
    }

    /// What "วิธีการพัฒนา" says for a weak question: the coordinator's text from `edited` (by question id), else
    /// the standard suggestion of its indicator.
    public static func howToImprove(_ question: WeakQuestion, edited: [String: String]) -> String {
        edited[question.id] ?? IndicatorGuide.of(question.indicator)?.howToImprove ?? ""
    }

    /// A question's full text in Thai: the stem, then each sub-item.
    public static func fullText(_ item: Item) -> String {
        guard item.hasSubItems else { return item.text.th }
        let subItems = item.fields.map { "(\($0.id.dropFirst(item.id.count))) \($0.text.th)" }
        return item.text.th + " " + subItems.joined(separator: " ")
    }

    /// The indicator an official item belongs to when no instrument names it: IIT and EIT items in sixes and
    /// fives as the ITA numbers them, OIT items under information disclosure unless a later list says otherwise.
    static func indicator(of id: OfficialItemID) -> Int {
        switch id.tool {
        case .iit: 1 + (id.number - 1) / 6
        case .eit: 6 + (id.number - 1) / 5
        case .oit: 9
        }
    }
}

/// A question that scored under 85: what the report quotes and what the measures plan links to.
public struct WeakQuestion: Sendable, Hashable {
    /// `i7`, `e11`, `O12`.
    public let id: String
    public let indicator: Int
    /// The full question in Thai; nil for an OIT item, whose checklist wording is not kept here.
    public let text: String?
    public let score: Rational
    /// The assessor's note about it, if any.
    public let note: String?
}
