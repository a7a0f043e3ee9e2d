import Foundation

/// A calendar day (Gregorian, as stored); the only time a response keeps.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`; nil when the text is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...Self.daysIn(month: month, year: year)).contains(day))
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day of an instant in Thailand (UTC+7, no daylight saving).
    public init(_ date: Date) {
        let seconds = Int((date.timeIntervalSince1970 + 7 * 3600).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self = Day(year: 1970, month: 1, day: 1).adding(days: days)
    }

    /// A day after every day a round can have, for open-ended comparisons.
    public static let distantFuture = Day(year: 9999, month: 12, day: 31)

    /// `YYYY-MM-DD`, which `init?(_:)` reads back.
    public var description: String {
        let year = String(repeating: "0", count: max(0, 4 - String(self.year).count)) + String(self.year)
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        let day = self.day < 10 ? "0\(self.day)" : "\(self.day)"
        return "\(year)-\(month)-\(day)"
    }

    /// `YYYYMMDD`, for compact tokens.
    public var compact: String {
        "\(year)\(month < 10 ? "0" : "")\(month)\(day < 10 ? "0" : "")\(day)"
    }

    /// The Thai fiscal year (พ.ศ.) the day falls in: October starts the next one.
    public var fiscalYear: Int { year + 543 + (month >= 10 ? 1 : 0) }

    /// The day in Thai with the Buddhist-era year: "21 พ.ย. 2569".
    public var thai: String { "\(day) \(Self.thaiMonths[month - 1]) \(year + 543)" }

    /// Days from this day to `other` (negative when `other` is earlier).
    public func days(until other: Day) -> Int {
        (other.ordinal - ordinal)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        // Howard Hinnant's civil-from-days algorithm, the inverse of `ordinal`.
        let z = ordinal + count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01.
    var ordinal: Int {
        // Howard Hinnant's days-from-civil algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let thaiMonths = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]
}
