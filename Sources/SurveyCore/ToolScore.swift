/// The scores of one tool (IIT or EIT) computed from its tally: per item, per indicator and overall.
public struct ToolScore: Sendable, Hashable {
    public let form: FormKind
    public let responses: Int
    public let items: [ItemScore]
    public let indicators: [IndicatorScore]
    /// The mean of the indicator scores; nil without responses.
    public let score: Rational?

    /// Scores a tally: item = mean of its sub-items' mean points, indicator = mean of its items,
    /// tool = mean of its indicators.
    public init(tally: Tally, instrument: Instrument) {
        precondition(tally.form == instrument.form, "a tally is scored with its own form")
        form = tally.form
        responses = tally.responses
        var items: [ItemScore] = []
        var indicators: [IndicatorScore] = []
        for indicator in instrument.indicators {
            let scores = indicator.items.map { item in
                ItemScore(item: item, score: Self.score(of: item, in: tally))
            }
            items += scores
            let known = scores.compactMap(\.score)
            indicators.append(
                IndicatorScore(
                    indicator: indicator,
                    score: known.count == scores.count ? Rational.mean(known) : nil))
        }
        self.items = items
        self.indicators = indicators
        let known = indicators.compactMap(\.score)
        score = known.count == indicators.count ? Rational.mean(known) : nil
    }

    public func item(_ id: String) -> ItemScore? {
        items.first { $0.item.id == id }
    }

    public func indicator(_ number: Int) -> IndicatorScore? {
        indicators.first { $0.indicator.number == number }
    }

    private static func score(of item: Item, in tally: Tally) -> Rational? {
        let fieldMeans = item.fields.compactMap { field -> Rational? in
            let counts = tally.answers[field.id] ?? [:]
            var answered = 0
            var thirds = 0
            for (code, count) in counts {
                guard let points = field.type.pointsInThirds(code) else { continue }
                answered += count
                thirds += points * count
            }
            guard answered > 0 else { return nil }
            return Rational(Int128(thirds), 3 * Int128(answered))
        }
        guard fieldMeans.count == item.fields.count else { return nil }
        return Rational.mean(fieldMeans)
    }
}

/// An item and its score (nil without answers).
public struct ItemScore: Sendable, Hashable {
    public let item: Item
    public let score: Rational?
}

/// An indicator and its score (nil without answers).
public struct IndicatorScore: Sendable, Hashable {
    public let indicator: Indicator
    public let score: Rational?
}
