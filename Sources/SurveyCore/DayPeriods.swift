/// A run of consecutive days released as one: its first and last day and how many responses fell in it.
public struct DayPeriod: Sendable, Hashable, Comparable {
    public let first: Day
    public let last: Day
    public let count: Int

    public init(first: Day, last: Day, count: Int) {
        self.first = first
        self.last = last
        self.count = count
    }

    /// Whether the day falls in the period.
    public func contains(_ day: Day) -> Bool { first <= day && day <= last }

    public static func < (lhs: DayPeriod, rhs: DayPeriod) -> Bool { lhs.first < rhs.first }
}

/// A round's days cut into closed periods of at least k responses each; the days after the last closed period
/// (the open tail, always including today) are not released at all.
///
/// Periods are cut greedily from the first day: a period closes at the end of the first day, before today, on
/// which it holds k or more responses. A day that is over gains no answers, so a closed period never changes
/// again, and a release grows only by whole periods of at least k: two views on different days differ by
/// whole periods, never by a single answer.
public struct DayPeriods: Sendable, Hashable {
    /// The closed periods, oldest first.
    public let periods: [DayPeriod]
    public let minimum: Int

    /// Cuts the days with answers (`days`) from `opens` (or the earliest answer, if earlier) up to yesterday.
    public init(days: [Day: Int], opens: Day, today: Day, minimum: Int) {
        self.minimum = minimum
        let start = min(opens, days.keys.min() ?? opens)
        var periods: [DayPeriod] = []
        var first = start
        var count = 0
        var day = start
        while day < today {
            count += days[day] ?? 0
            if count >= minimum {
                periods.append(DayPeriod(first: first, last: day, count: count))
                first = day.adding(days: 1)
                count = 0
            }
            day = day.adding(days: 1)
        }
        self.periods = periods
    }

    /// The last released day; nil while no period has closed.
    public var lastReleasedDay: Day? { periods.last?.last }

    /// Responses in the closed periods: zero or at least k.
    public var releasedCount: Int { periods.reduce(0) { $0 + $1.count } }

    /// Whether a response of this day is released.
    public func isReleased(_ day: Day) -> Bool {
        lastReleasedDay.map { day <= $0 } ?? false
    }

    /// The closed period holding the day; nil for a day of the open tail.
    public func period(of day: Day) -> DayPeriod? {
        guard isReleased(day) else { return nil }
        var low = 0
        var high = periods.count - 1
        while low < high {
            let middle = (low + high) / 2
            if periods[middle].last < day { low = middle + 1 } else { high = middle }
        }
        return periods[low]
    }
}
