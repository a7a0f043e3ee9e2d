/// The scores of one tool (IIT or EIT) computed from its tally: per item, per indicator and overall.
public struct ToolScore: Sendable, Hashable {
    public let form: FormKind
    public let responses: Int
    public let items: [ItemScore]
    public let indicators: [IndicatorScore]
    /// The mean of the indicator scores; nil without responses.
    public let score: Rational?
    /// The score of each EIT part the instrument declares (ส่วนที่ 1, ส่วนที่ 2); empty when it declares none.
    public let parts: [PartScore]

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
        parts = instrument.parts.map { part in PartScore(part: part, score: Self.score(ofPart: part, items: items)) }
    }

    /// A part's score as a tool of its own: the mean, over the indicators it touches, of its items' mean.
    private static func score(ofPart part: Int, items: [ItemScore]) -> Rational? {
        let inPart = items.filter { $0.item.part == part }
        var indicatorMeans: [Rational] = []
        for number in Set(inPart.map(\.item.indicator)).sorted() {
            let scores = inPart.filter { $0.item.indicator == number }.map(\.score)
            let known = scores.compactMap { $0 }
            guard known.count == scores.count, let mean = Rational.mean(known) else { return nil }
            indicatorMeans.append(mean)
        }
        return Rational.mean(indicatorMeans)
    }

    public func part(_ number: Int) -> PartScore? {
        parts.first { $0.part == number }
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
            var sum = Rational.zero
            for (code, count) in counts {
                guard let points = field.scale.points(code) else { continue }
                answered += count
                sum = sum + points * Rational(count)
            }
            guard answered > 0 else { return nil }
            return sum / answered
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

/// One EIT part (ส่วนที่ 1 or 2) and its score (nil without answers).
public struct PartScore: Sendable, Hashable {
    public let part: Int
    public let score: Rational?

    /// How reports name the part: "EIT ส่วนที่ 1".
    public var name: LocalizedText {
        LocalizedText(th: "EIT ส่วนที่ \(part)", en: "EIT part \(part)")
    }
}
