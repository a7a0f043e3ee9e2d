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

/// The small-cell rule: a profile code shared by fewer than `minimum` respondents is not shown.
public struct SmallCellRule: Sendable, Hashable {
    /// The rule never allows cells smaller than this.
    public static let floor = 3
    public let minimum: Int

    public init(minimum: Int) {
        self.minimum = max(Self.floor, minimum)
    }

    /// The profile codes of a tally that must be blanked, per dimension.
    public func blanked(in tally: Tally) -> [ProfileDimension: Set<String>] {
        var blanked: [ProfileDimension: Set<String>] = [:]
        for dimension in tally.form.profileDimensions {
            let small = dimension.codes.filter { code in
                let count = tally.count(dimension, code)
                return count > 0 && count < minimum
            }
            if !small.isEmpty { blanked[dimension] = Set(small) }
        }
        return blanked
    }

    /// A response with its small-cell profile codes removed.
    public func apply(_ blanked: [ProfileDimension: Set<String>], to response: Response) -> Response {
        let profile = response.profile.filter { dimension, code in !(blanked[dimension]?.contains(code) ?? false) }
        return Response(form: response.form, day: response.day, profile: profile, answers: response.answers)
    }
}
