/// How far a release coarsens the day: the closed period itself, the calendar month the period starts in,
/// or the whole round.
public enum DayLevel: Int, Sendable, Hashable, Comparable, CaseIterable {
    case period
    case month
    case round

    public static func < (lhs: DayLevel, rhs: DayLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A k-anonymous recoding of released rows: the day coarsened (period → month → whole round) and profile codes
/// blanked for every row that has them, until every combination of released values — blanks counted as a
/// value — is shared by at least k rows.
///
/// The recoding is global: a code is either released for every row that has it or blanked for all of them, and
/// a blank is just another value that must itself be shared by k rows, so a blank never marks a rare row. Steps
/// are chosen greedily from the counts alone — most rows lifted out of small combinations per row that loses
/// information, then the fewest rows touched, then the fixed order of dimensions and codes — so the result is
/// deterministic and independent of the order of the rows.
public struct ProfileGeneralization: Sendable, Hashable {
    public let minimum: Int
    public let dimensions: [ProfileDimension]
    public let dayLevel: DayLevel
    /// False when fewer than k rows are given: then no row may be released at all.
    public let releasesRows: Bool
    /// Per dimension, the codes released as blank (internal: a release never names them).
    let blanked: [Set<String>]
    /// Each closed period's released period at the chosen level.
    let released: [DayPeriod: DayPeriod]

    /// Recodes the rows (each the closed period of its day and its profile) for dimensions under k.
    public init(
        rows: some Sequence<(period: DayPeriod, profile: [ProfileDimension: String])>,
        dimensions: [ProfileDimension], minimum: Int
    ) {
        var histogram = Histogram(dimensions: dimensions)
        for row in rows { histogram.add(row.period, row.profile) }
        self.init(histogram, minimum: minimum)
    }

    /// Recodes one period's rows given as counts per profile, as `init(rows:dimensions:minimum:)` does.
    public init(
        period: DayPeriod, counts: [[ProfileDimension: String]: Int], dimensions: [ProfileDimension], minimum: Int
    ) {
        var histogram = Histogram(dimensions: dimensions)
        for (profile, count) in counts { histogram.add(period, profile, count: count) }
        self.init(histogram, minimum: minimum)
    }

    private init(_ histogram: Histogram, minimum: Int) {
        let dimensions = histogram.dimensions
        let total = histogram.total
        guard total >= minimum else {
            self.init(minimum, dimensions, .round, false, dimensions.map { Set($0.codes) }, [:])
            return
        }
        var level = DayLevel.period
        var blanked = dimensions.map { _ in Set<Int>() }
        var violating = histogram.violating(level, blanked, minimum)
        while violating > 0 {
            var best: (step: Step, gain: Int, loss: Int)?
            for step in histogram.steps(level, blanked) {
                let (nextLevel, nextBlanked) = step.applied(level, blanked)
                let gain = violating - histogram.violating(nextLevel, nextBlanked, minimum)
                let loss = histogram.loss(of: step, level, blanked)
                guard let current = best else {
                    best = (step, gain, loss)
                    continue
                }
                // More rows rescued per row recoded, then fewer rows recoded; the first in fixed order wins ties.
                let better = gain * current.loss > current.gain * loss
                let equal = gain * current.loss == current.gain * loss
                if better || (equal && loss < current.loss) { best = (step, gain, loss) }
            }
            guard let chosen = best else { break }
            (level, blanked) = chosen.step.applied(level, blanked)
            violating = histogram.violating(level, blanked, minimum)
        }
        self.init(
            minimum, dimensions, level, true,
            zip(dimensions, blanked).map { dimension, indices in Set(indices.map { dimension.codes[$0 - 1] }) },
            histogram.releasedPeriods(level))
    }

    private init(
        _ minimum: Int, _ dimensions: [ProfileDimension], _ level: DayLevel, _ releasesRows: Bool,
        _ blanked: [Set<String>], _ released: [DayPeriod: DayPeriod]
    ) {
        self.minimum = minimum
        self.dimensions = dimensions
        self.dayLevel = level
        self.releasesRows = releasesRows
        self.blanked = blanked
        self.released = released
    }

    /// A row as released: the period its day is shown as, and the profile codes that stay; nil if not released.
    public func release(period: DayPeriod, profile: [ProfileDimension: String]) -> (
        period: DayPeriod, profile: [ProfileDimension: String]
    )? {
        guard releasesRows, let shown = released[period] else { return nil }
        var kept: [ProfileDimension: String] = [:]
        for (index, dimension) in dimensions.enumerated() {
            if let code = profile[dimension], dimension.codes.contains(code), !blanked[index].contains(code) {
                kept[dimension] = code
            }
        }
        return (shown, kept)
    }

    /// How many profile codes of the given dimension are blanked (never published; tests read it).
    public func blankedCount(_ dimension: ProfileDimension) -> Int {
        dimensions.firstIndex(of: dimension).map { blanked[$0].count } ?? 0
    }

    /// One generalisation step: blank a code of a dimension, or coarsen the day one level.
    fileprivate enum Step: Hashable {
        case blank(dimension: Int, code: Int)
        case coarsen(to: DayLevel)

        func applied(_ level: DayLevel, _ blanked: [Set<Int>]) -> (DayLevel, [Set<Int>]) {
            switch self {
            case .blank(let dimension, let code):
                var blanked = blanked
                blanked[dimension].insert(code)
                return (level, blanked)
            case .coarsen(let next):
                return (next, blanked)
            }
        }
    }

    /// Row counts per distinct combination of period and profile codes; codes as 1-based indices, 0 for blank.
    fileprivate struct Histogram {
        let dimensions: [ProfileDimension]
        var counts: [Combination: Int] = [:]
        var total = 0

        /// A period and one code index per dimension.
        struct Combination: Hashable {
            let period: DayPeriod
            let codes: [Int]
        }

        init(dimensions: [ProfileDimension]) {
            self.dimensions = dimensions
        }

        mutating func add(_ period: DayPeriod, _ profile: [ProfileDimension: String], count: Int = 1) {
            let codes = dimensions.map { dimension in
                profile[dimension].flatMap { dimension.codes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            }
            counts[Combination(period: period, codes: codes), default: 0] += count
            total += count
        }

        /// The periods in the rows, each mapped to its group at `level`.
        func releasedPeriods(_ level: DayLevel) -> [DayPeriod: DayPeriod] {
            let periods = Set(counts.keys.map(\.period))
            let groups: [Int: [DayPeriod]] = Dictionary(grouping: periods) { period in
                switch level {
                case .period: period.first.year * 10_000 + period.first.month * 100 + period.first.day
                case .month: period.first.year * 100 + period.first.month
                case .round: 0
                }
            }
            var released: [DayPeriod: DayPeriod] = [:]
            for members in groups.values {
                let group = DayPeriod(
                    first: members.map(\.first).min()!, last: members.map(\.last).max()!,
                    count: members.reduce(0) { $0 + $1.count })
                for member in members { released[member] = group }
            }
            return released
        }

        /// Rows whose released combination is shared by fewer than `minimum` rows.
        func violating(_ level: DayLevel, _ blanked: [Set<Int>], _ minimum: Int) -> Int {
            let periods = releasedPeriods(level)
            var classes: [Combination: Int] = [:]
            for (combination, count) in counts {
                let codes = combination.codes.enumerated().map { blanked[$0].contains($1) ? 0 : $1 }
                classes[Combination(period: periods[combination.period]!, codes: codes), default: 0] += count
            }
            return classes.values.reduce(0) { $0 + ($1 < minimum ? $1 : 0) }
        }

        /// The steps that change something, in fixed order: codes by dimension and code, then the day.
        func steps(_ level: DayLevel, _ blanked: [Set<Int>]) -> [Step] {
            var present = dimensions.map { _ in Set<Int>() }
            for combination in counts.keys {
                for (index, code) in combination.codes.enumerated() where code != 0 { present[index].insert(code) }
            }
            var steps: [Step] = []
            for index in dimensions.indices {
                for code in present[index].sorted() where !blanked[index].contains(code) {
                    steps.append(.blank(dimension: index, code: code))
                }
            }
            let groups = Set(releasedPeriods(level).values).count
            for next in DayLevel.allCases where next > level {
                if Set(releasedPeriods(next).values).count < groups {
                    steps.append(.coarsen(to: next))
                    break
                }
            }
            return steps
        }

        /// Rows whose released value the step changes.
        func loss(of step: Step, _ level: DayLevel, _ blanked: [Set<Int>]) -> Int {
            switch step {
            case .blank(let dimension, let code):
                return counts.reduce(0) { $0 + ($1.key.codes[dimension] == code ? $1.value : 0) }
            case .coarsen(let next):
                let before = releasedPeriods(level)
                let after = releasedPeriods(next)
                return counts.reduce(0) { $0 + (before[$1.key.period] != after[$1.key.period] ? $1.value : 0) }
            }
        }
    }
}

/// The recoding of an export: each closed period's rows generalised on their own, so that a row, once released, is
/// released the same way by every later export (a closed period never changes) and two exports taken on different
/// days cannot be intersected to single a row out.
public struct PeriodGeneralization: Sendable, Hashable {
    public let byPeriod: [DayPeriod: ProfileGeneralization]
    public let minimum: Int
    /// Rows per released period and profile, as counted: a row whose released class was not counted at k or more
    /// (one stored after the counting) is not released.
    private let classes: [DayPeriod: [[ProfileDimension: String]: Int]]

    /// Generalises the rows of each period apart, under k.
    public init(
        rows: some Sequence<(period: DayPeriod, profile: [ProfileDimension: String])>,
        dimensions: [ProfileDimension], minimum: Int
    ) {
        var counts = ProfileCounts()
        for row in rows { counts.add(period: row.period, profile: row.profile) }
        self.init(counts: counts, dimensions: dimensions, minimum: minimum)
    }

    /// Generalises each period's counted rows apart, under k.
    public init(counts: ProfileCounts, dimensions: [ProfileDimension], minimum: Int) {
        self.minimum = minimum
        let byPeriod = Dictionary(
            uniqueKeysWithValues: counts.byPeriod.map { period, profiles in
                (
                    period,
                    ProfileGeneralization(period: period, counts: profiles, dimensions: dimensions, minimum: minimum)
                )
            })
        var classes: [DayPeriod: [[ProfileDimension: String]: Int]] = [:]
        for (period, profiles) in counts.byPeriod {
            for (profile, count) in profiles {
                if let shown = byPeriod[period]?.release(period: period, profile: profile) {
                    classes[shown.period, default: [:]][shown.profile, default: 0] += count
                }
            }
        }
        self.byPeriod = byPeriod
        self.classes = classes
    }

    /// A row as released, or nil when its period holds fewer than k rows (which a closed period never does) or
    /// its released class was not counted at k or more.
    public func release(period: DayPeriod, profile: [ProfileDimension: String]) -> (
        period: DayPeriod, profile: [ProfileDimension: String]
    )? {
        guard let shown = byPeriod[period]?.release(period: period, profile: profile),
            classes[shown.period]?[shown.profile] ?? 0 >= minimum
        else { return nil }
        return shown
    }

    /// The released classes and their rows, as the console's profile tables count them.
    public var releasedClasses: ReleasedClasses {
        classes.values.flatMap { $0.map { ($0.key, $0.value) } }
    }
}

/// Recoded profiles and how many released rows carry each.
public typealias ReleasedClasses = [(profile: [ProfileDimension: String], count: Int)]

/// Rows counted per closed period and profile: what an export's first pass keeps instead of the rows, so that an
/// export of any size needs memory only for the distinct combinations.
public struct ProfileCounts: Sendable, Hashable {
    public private(set) var byPeriod: [DayPeriod: [[ProfileDimension: String]: Int]] = [:]

    public init() {}

    /// The rows of the released days, counted per profile per day, gathered into their closed periods.
    public init(days: [Day: [[ProfileDimension: String]: Int]], periods: DayPeriods) {
        for (day, profiles) in days {
            guard let period = periods.period(of: day) else { continue }
            for (profile, count) in profiles { add(period: period, profile: profile, count: count) }
        }
    }

    /// The counts of one period only.
    public func restricted(to period: DayPeriod) -> ProfileCounts {
        var only = ProfileCounts()
        only.byPeriod[period] = byPeriod[period]
        return only
    }

    public mutating func add(period: DayPeriod, profile: [ProfileDimension: String], count: Int = 1) {
        byPeriod[period, default: [:]][profile, default: 0] += count
    }
}
