/// What the analysis report says of the scores: indicators ranked, strengths, weaknesses and the weak items.
public struct Analysis: Sendable, Hashable {
    /// Indicators with responses, best first; equal scores by indicator number.
    public let ranking: [IndicatorScore]
    /// Ranked indicators scoring 85 or more (as printed, two decimals).
    public let strengths: [IndicatorScore]
    /// Ranked indicators scoring under 85.
    public let weaknesses: [IndicatorScore]
    /// For each weak indicator, its items under 85 in form order.
    public let weakItems: [Int: [ItemScore]]

    public init(tools: [ToolScore]) {
        let scored = tools.flatMap(\.indicators).filter { $0.score != nil }
        ranking = scored.sorted {
            ($0.score! > $1.score!) || ($0.score! == $1.score! && $0.indicator.number < $1.indicator.number)
        }
        strengths = ranking.filter { $0.score!.rounded >= ResultLevel.strengthLine }
        weaknesses = ranking.filter { $0.score!.rounded < ResultLevel.strengthLine }
        let items = tools.flatMap(\.items)
        var weakItems: [Int: [ItemScore]] = [:]
        for weak in weaknesses {
            weakItems[weak.indicator.number] = items.filter {
                $0.item.indicator == weak.indicator.number
                    && ($0.score.map { $0.rounded < ResultLevel.strengthLine } ?? false)
            }
        }
        self.weakItems = weakItems
    }
}
