/// A minimum number of respondents of one profile category that the agency wants, e.g. `contact=business ≥ 10`.
public struct ProfileTarget: Sendable, Hashable, Codable {
    public let form: FormKind
    public let dimension: ProfileDimension
    public let code: String
    public let minimum: Int

    public init(form: FormKind, dimension: ProfileDimension, code: String, minimum: Int) {
        self.form = form
        self.dimension = dimension
        self.code = code
        self.minimum = minimum
    }

    /// The category's label, as the counter view shows it.
    public var category: ProfileCategory? { dimension.category(code) }

    /// Respondents so far in the category.
    public func count(in tally: Tally) -> Int {
        tally.count(dimension, code)
    }

    /// How many more respondents of the category are needed; zero once the target is met.
    public func stillNeeded(in tally: Tally) -> Int {
        max(0, minimum - count(in: tally))
    }
}

/// How a form's responses stand against its minimum sample and the days left in the round.
public struct SampleProgress: Sendable, Hashable {
    public let responses: Int
    public let minimum: Int?
    /// Days left including today; nil for an open-ended round.
    public let daysLeft: Int?

    public init(responses: Int, minimum: Int?, today: Day, closes: Day?) {
        self.responses = responses
        self.minimum = minimum
        self.daysLeft = closes.map { max(0, today.days(until: $0) + 1) }
    }

    public var stillNeeded: Int? { minimum.map { max(0, $0 - responses) } }

    /// Responses needed per remaining day to reach the minimum by the close.
    public var neededPerDay: Int? {
        guard let stillNeeded, let daysLeft, daysLeft > 0 else { return nil }
        return (stillNeeded + daysLeft - 1) / daysLeft
    }

    /// Share of the minimum reached, 0–100, capped at 100.
    public var percent: Int? {
        guard let minimum, minimum > 0 else { return minimum == 0 ? 100 : nil }
        return min(100, responses * 100 / minimum)
    }
}

/// The k of a release: no combination of released values is shared by fewer than `minimum` respondents.
public struct SmallCellRule: Sendable, Hashable {
    /// The rule never allows cells smaller than this.
    public static let floor = 3
    public let minimum: Int

    public init(minimum: Int) {
        self.minimum = max(Self.floor, minimum)
    }
}
