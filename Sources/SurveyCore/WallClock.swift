import Foundation

/// Where the server reads the time: the system's clock when it runs, a fixed day in tests, so that pages that
/// depend on the day can be checked for any day.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The machine's clock.
    public static let system = WallClock { Date() }

    /// A clock that stands at noon, Thai time, of `day`.
    public static func fixed(_ day: Day) -> WallClock {
        let noon = Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + 5 * 3600))
        return WallClock { noon }
    }

    public var now: Date { read() }

    /// The Thai calendar day now.
    public var today: Day { Day(read()) }
}
