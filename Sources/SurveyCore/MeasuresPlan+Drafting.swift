extension MeasuresPlan {
    /// The plan of the year after `report`'s, drafted from it: one row for each indicator that is weak or holds a
    /// weak question (passing indicators included, and OIT items at 0), in indicator order, with the library's
    /// first measure for it, linked to that indicator's weak questions. Every weak indicator and every weak question
    /// is thus linked from exactly one row.
    public static func drafted(from report: AnalysisReport) -> MeasuresPlan {
        let weak = Set(report.weaknesses.map(\.indicator.number))
        let withQuestions = Set(report.weakQuestions.map(\.indicator))
        let rows = weak.union(withQuestions).sorted().map { number in
            row(for: number, items: report.weakQuestions(of: number).map(\.id))
        }
        return MeasuresPlan(
            fiscalYear: report.fiscalYear + 1, basis: Basis(year: report.fiscalYear, source: report.source),
            rows: rows)
    }

    /// A row for indicator `number` from the library's first suggestion, or, for an indicator without one, from
    /// the guide's way to improve.
    static func row(for number: Int, items: [String]) -> MeasureRow {
        if let suggestion = MeasureLibrary.suggestions(for: number).first {
            return MeasureRow(suggestion, items: items)
        }
        return MeasureRow(
            indicators: [number], items: items,
            measure: IndicatorGuide.of(number)?.howToImprove ?? "มาตรการสำหรับตัวชี้วัดที่ \(number)",
            period: MeasureLibrary.wholeYear, followUp: MeasureLibrary.twiceAYear)
    }
}

extension MeasureRow {
    /// A row carrying a suggested measure as the library words it, linked to `items`.
    public init(_ suggestion: SuggestedMeasure, items: [String] = []) {
        self.init(
            indicators: [suggestion.indicator], items: items, measure: suggestion.measure, steps: suggestion.steps,
            period: suggestion.period, owner: suggestion.owner, followUp: suggestion.followUp)
    }
}
