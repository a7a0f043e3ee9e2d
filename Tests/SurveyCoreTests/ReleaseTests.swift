import SurveyCore
import Testing

/// Checks what an attacker holding a suppressed table can solve: for each hidden number, another table with the
/// same shown numbers, no negative count and sums that add up, differing in that number — or nil if none is found.
enum TableSolver {
    /// The hidden entries of the extended matrix (cells, then row totals in the last column, column totals in
    /// the last row, the total in the corner) that the shown numbers pin to their true value.
    static func pinned(truth counts: [[Int]], shown table: SuppressedTable) -> [String] {
        let rows = counts.count
        let columns = counts.first?.count ?? 0
        var value = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
        var hidden = Set<[Int]>()
        for row in 0...rows {
            for column in 0...columns {
                let number: Int
                let shown: Int?
                switch (row == rows, column == columns) {
                case (false, false):
                    number = counts[row][column]
                    shown = table.cells[row][column]
                case (false, true):
                    number = counts[row].reduce(0, +)
                    shown = table.rowTotals[row]
                case (true, false):
                    number = counts.reduce(0) { $0 + $1[column] }
                    shown = table.columnTotals[column]
                case (true, true):
                    number = counts.joined().reduce(0, +)
                    shown = table.total
                }
                value[row][column] = number
                if shown == nil { hidden.insert([row, column]) } else { #expect(shown == number) }
            }
        }
        var pinned: [String] = []
        for entry in hidden.sorted(by: { $0.lexicographicallyPrecedes($1) })
        where !hasAlternative(entry, value: value, hidden: hidden, rows: rows, columns: columns) {
            pinned.append("\(entry)")
        }
        return pinned
    }

    /// Looks for a cycle of hidden entries through `entry` along which ±1 keeps every count non-negative.
    static func hasAlternative(_ entry: [Int], value: [[Int]], hidden: Set<[Int]>, rows: Int, columns: Int) -> Bool {
        // Depth-first search for a path from the entry's column back to its row over other hidden entries,
        // alternating row and column moves; signs alternate along the cycle.
        var best = false
        func search(path: [[Int]], atColumn: Bool, node: Int) {
            if best { return }
            if !atColumn && node == entry[0] && path.count > 1 {
                for delta in [1, -1] {
                    var trial = value
                    for (index, step) in path.enumerated() {
                        // In the zero-sum matrix, totals carry the opposite sign of cells.
                        let isTotal = (step[0] == rows) != (step[1] == columns)
                        let sign = (index.isMultiple(of: 2) ? delta : -delta) * (isTotal ? -1 : 1)
                        trial[step[0]][step[1]] += sign
                    }
                    if trial.joined().allSatisfy({ $0 >= 0 }) && consistent(trial, rows: rows, columns: columns) {
                        best = true
                    }
                }
                return
            }
            for next in hidden where !path.contains(next) {
                if atColumn && next[1] == node {
                    search(path: path + [next], atColumn: false, node: next[0])
                } else if !atColumn && next[0] == node {
                    search(path: path + [next], atColumn: true, node: next[1])
                }
            }
        }
        search(path: [entry], atColumn: true, node: entry[1])
        return best
    }

    static func consistent(_ value: [[Int]], rows: Int, columns: Int) -> Bool {
        (0..<rows).allSatisfy { row in (0..<columns).reduce(0) { $0 + value[row][$1] } == value[row][columns] }
            && (0...columns).allSatisfy { column in
                (0..<rows).reduce(0) { $0 + value[$1][column] } == value[rows][column]
            }
    }
}

@Suite("Releases: closed periods of k, a k-anonymous generalisation of rows, suppressed tables")
struct ReleaseTests {
    static let opens = Day(year: 2026, month: 11, day: 2)

    @Test("a period closes on the first day that is over and brings it to k; today and the tail are not released")
    func periods() {
        let days = [
            Self.opens: 2, Self.opens.adding(days: 1): 4, Self.opens.adding(days: 3): 1,
            Self.opens.adding(days: 4): 3, Self.opens.adding(days: 6): 7, Self.opens.adding(days: 8): 1,
        ]
        let cut = DayPeriods(days: days, opens: Self.opens, today: Self.opens.adding(days: 8), minimum: 5)
        #expect(
            cut.periods == [
                DayPeriod(first: Self.opens, last: Self.opens.adding(days: 1), count: 6),
                DayPeriod(first: Self.opens.adding(days: 2), last: Self.opens.adding(days: 6), count: 11),
            ])
        #expect(cut.releasedCount == 17)
        #expect(!cut.isReleased(Self.opens.adding(days: 7)) && !cut.isReleased(Self.opens.adding(days: 8)))
        #expect(cut.period(of: Self.opens.adding(days: 3))?.count == 11)
        // The lone answer on day 3 is never a period of its own.
        #expect(cut.periods.allSatisfy { $0.count >= 5 })
    }

    @Test("closed periods never change: answers today or on later days only add periods after them")
    func stablePeriods() {
        var generator = SeededGenerator(seed: 8)
        var days: [Day: Int] = [:]
        var previous: [DayPeriod] = []
        for offset in 0..<60 {
            let today = Self.opens.adding(days: offset)
            let cut = DayPeriods(days: days, opens: Self.opens, today: today, minimum: 5)
            #expect(Array(cut.periods.prefix(previous.count)) == previous)
            #expect(cut.periods.allSatisfy { $0.count >= 5 })
            #expect(cut.periods.allSatisfy { $0.last < today })
            previous = cut.periods
            days[today, default: 0] += Int.random(in: 0...3, using: &generator)
        }
        #expect(previous.count > 5)
    }

    /// Rows of random profiles over a few periods.
    static func randomRows(_ generator: inout SeededGenerator, count: Int, form: FormKind) -> [(
        period: DayPeriod, profile: [ProfileDimension: String]
    )] {
        let periods = (0..<Int.random(in: 1...6, using: &generator)).map { index in
            DayPeriod(first: opens.adding(days: index * 10), last: opens.adding(days: index * 10 + 9), count: 0)
        }
        return (0..<count).map { _ in
            var profile: [ProfileDimension: String] = [:]
            for dimension in form.profileDimensions {
                // Skewed, as real staff are: the first codes are common, the rest rare; some blank.
                let codes = dimension.codes
                let pick = Int.random(in: 0..<100, using: &generator)
                if pick < 3 { continue }
                profile[dimension] = codes[pick < 60 ? 0 : pick < 85 ? min(1, codes.count - 1) : pick % codes.count]
            }
            return (periods[Int.random(in: 0..<periods.count, using: &generator)], profile)
        }
    }

    /// The released combinations and how many rows share each.
    static func classes(
        _ rows: [(period: DayPeriod, profile: [ProfileDimension: String])], _ generalization: ProfileGeneralization
    ) -> [String: Int] {
        var classes: [String: Int] = [:]
        for row in rows {
            guard let shown = generalization.release(period: row.period, profile: row.profile) else { continue }
            let key =
                "\(shown.period.first)|"
                + generalization.dimensions.map { shown.profile[$0] ?? "" }.joined(separator: "|")
            classes[key, default: 0] += 1
        }
        return classes
    }

    @Test("five women and one man: the man's row cannot be told apart, and his gender is shown for no one")
    func fiveWomenOneMan() {
        let period = DayPeriod(first: Self.opens, last: Self.opens.adding(days: 6), count: 6)
        let rows = (0..<6).map { index in
            (
                period: period,
                profile: [
                    ProfileDimension.gender: index == 0 ? "male" : "female", .age: "31-40", .education: "bachelor",
                ]
            )
        }
        let generalization = ProfileGeneralization(rows: rows, dimensions: FormKind.iit.profileDimensions, minimum: 5)
        let classes = Self.classes(rows, generalization)
        #expect(classes.values.allSatisfy { $0 >= 5 })
        #expect(classes.values.reduce(0, +) == 6)
        let released = rows.map { generalization.release(period: $0.period, profile: $0.profile)! }
        #expect(released.allSatisfy { $0.profile[.gender] == nil })
        // Everything else stays.
        #expect(released.allSatisfy { $0.profile[.age] == "31-40" && $0.profile[.education] == "bachelor" })
    }

    @Test("fewer than k rows: none is released")
    func tooFew() {
        let period = DayPeriod(first: Self.opens, last: Self.opens, count: 4)
        let rows = (0..<4).map { _ in (period: period, profile: [ProfileDimension.gender: "female"]) }
        let generalization = ProfileGeneralization(rows: rows, dimensions: FormKind.iit.profileDimensions, minimum: 5)
        #expect(!generalization.releasesRows)
        #expect(Self.classes(rows, generalization).isEmpty)
    }

    @Test(
        "random data sets: every released combination has k rows, the result is deterministic and ignores row order",
        arguments: Array(UInt64(1)...40))
    func randomGeneralization(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let form: FormKind = seed.isMultiple(of: 3) ? .eit : .iit
        let minimum = [3, 5, 7][Int(seed % 3)]
        let rows = Self.randomRows(&generator, count: Int.random(in: 3...160, using: &generator), form: form)
        let generalization = ProfileGeneralization(rows: rows, dimensions: form.profileDimensions, minimum: minimum)
        let classes = Self.classes(rows, generalization)
        #expect(classes.values.allSatisfy { $0 >= minimum }, "\(classes)")
        #expect(classes.values.reduce(0, +) == (rows.count >= minimum ? rows.count : 0))
        let again = ProfileGeneralization(rows: rows, dimensions: form.profileDimensions, minimum: minimum)
        let shuffled = ProfileGeneralization(
            rows: rows.shuffled(using: &generator), dimensions: form.profileDimensions, minimum: minimum)
        #expect(again == generalization && shuffled == generalization)
        // Something is kept whenever the rows allow it: a release that blanks all is not the lazy default.
        if rows.count >= 4 * minimum * 6 {
            #expect(
                generalization.dayLevel != .round
                    || form.profileDimensions.contains { generalization.blankedCount($0) < $0.codes.count })
        }
    }

    @Test("an export's recoding of a closed period stays the same when later periods are added", arguments: [7, 8, 9])
    func stableRecoding(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let rows = Self.randomRows(&generator, count: 150, form: .iit)
        let periods = Set(rows.map(\.period)).sorted()
        let earlier = rows.filter { $0.period != periods.last! }
        let before = PeriodGeneralization(rows: earlier, dimensions: FormKind.iit.profileDimensions, minimum: 5)
        let after = PeriodGeneralization(rows: rows, dimensions: FormKind.iit.profileDimensions, minimum: 5)
        for row in earlier {
            let first = before.release(period: row.period, profile: row.profile)
            let second = after.release(period: row.period, profile: row.profile)
            #expect(first?.period == second?.period && first?.profile == second?.profile)
        }
        // Each export alone is k-anonymous too.
        var classes: [String: Int] = [:]
        for row in rows {
            guard let shown = after.release(period: row.period, profile: row.profile) else { continue }
            let key =
                "\(shown.period.first)|"
                + FormKind.iit.profileDimensions.map { shown.profile[$0] ?? "" }.joined(separator: "|")
            classes[key, default: 0] += 1
        }
        #expect(classes.values.allSatisfy { $0 >= 5 })
    }

    /// A dimension × gender table of random counts, many of them small.
    static func randomTable(_ generator: inout SeededGenerator) -> [[Int]] {
        let rows = Int.random(in: 1...6, using: &generator)
        let columns = Int.random(in: 1...4, using: &generator)
        return (0..<rows).map { _ in
            (0..<columns).map { _ in
                let pick = Int.random(in: 0..<10, using: &generator)
                return pick < 3
                    ? 0
                    : pick < 6
                        ? Int.random(in: 1...4, using: &generator)
                        : Int.random(in: 5...30, using: &generator)
            }
        }
    }

    @Test("a table of 5 women and 1 man shows no 1 and cannot be solved for the man")
    func smallTable() {
        // Age 31-40 × (male, female, other): 1 man, 5 women.
        let counts = [[0, 0, 0], [1, 5, 0]]
        let table = SuppressedTable(counts: counts, columns: 3, minimum: 5)
        let shown =
            table.cells.joined().compactMap { $0 } + table.rowTotals.compactMap { $0 }
            + table.columnTotals.compactMap { $0 } + [table.total].compactMap { $0 }
        #expect(!shown.contains { (1..<5).contains($0) })
        #expect(table.cells[1][0] == nil && table.columnTotals[0] == nil)
        #expect(TableSolver.pinned(truth: counts, shown: table).isEmpty)
    }

    @Test("the solver catches a table hidden only where it is small: the man's 1 follows from his row total")
    func solverCatchesPrimaryOnly() {
        // Age 31-40 × (male, female): 1 man, 5 women; only the 1 and the male total hidden.
        let value = [[1, 5, 6], [1, 5, 6]]
        let hidden: Set<[Int]> = [[0, 0], [1, 0]]
        #expect(!TableSolver.hasAlternative([0, 0], value: value, hidden: hidden, rows: 1, columns: 2))
        let enough: Set<[Int]> = [[0, 0], [1, 0], [0, 1], [1, 1]]
        #expect(TableSolver.hasAlternative([0, 0], value: value, hidden: enough, rows: 1, columns: 2))
    }

    @Test(
        "random tables: no shown number between 1 and k−1, and no hidden number pinned",
        arguments: Array(UInt64(1)...60))
    func randomTables(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let counts = Self.randomTable(&generator)
        let minimum = [3, 5][Int(seed % 2)]
        let table = SuppressedTable(counts: counts, columns: counts[0].count, minimum: minimum)
        let shown =
            table.cells.joined().compactMap { $0 } + table.rowTotals.compactMap { $0 }
            + table.columnTotals.compactMap { $0 } + [table.total].compactMap { $0 }
        #expect(!shown.contains { (1..<minimum).contains($0) }, "\(counts)")
        #expect(TableSolver.pinned(truth: counts, shown: table).isEmpty, "\(counts)")
        #expect(SuppressedTable(counts: counts, columns: counts[0].count, minimum: minimum) == table)
    }

    @Test("tables sharing gender totals hide a gender total in all of them or in none")
    func sharedTotals() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<30 {
            let first = Self.randomTable(&generator)
            let columns = first[0].count
            // A second table over the same respondents: the same column totals, split differently.
            let totals = (0..<columns).map { column in first.reduce(0) { $0 + $1[column] } }
            let second = [totals.map { $0 / 2 }, totals.map { $0 - $0 / 2 }]
            let tables = SuppressedTable.sharingColumnTotals([(first, columns), (second, columns)], minimum: 5)
            #expect(tables[0].hiddenColumnTotals == tables[1].hiddenColumnTotals)
            #expect(TableSolver.pinned(truth: first, shown: tables[0]).isEmpty)
            #expect(TableSolver.pinned(truth: second, shown: tables[1]).isEmpty)
        }
    }
}

@Suite("Profile tables across days: what changes when a period closes is a whole class of k or nothing")
struct ReleaseDifferencingTests {
    /// Every shown number of a release's tables, by dimension, category (nil: not given), gender and total.
    static func numbers(_ release: FormRelease) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for table in release.tables {
            let rows = table.categories.map { $0?.code ?? "-" }
            let columns = table.genders.map { $0?.code ?? "-" }
            for (row, code) in rows.enumerated() {
                for (column, gender) in columns.enumerated() {
                    numbers["\(table.dimension) \(code) \(gender)"] = table.table.cells[row][column]
                }
                numbers["\(table.dimension) \(code) all"] = table.table.rowTotals[row]
            }
            for (column, gender) in columns.enumerated() {
                numbers["\(table.dimension) all \(gender)"] = table.table.columnTotals[column]
            }
        }
        return numbers
    }

    @Test("seeded random staff answering over three weeks: day after day, no table number moves by 1 to k−1")
    func differencing() {
        var generator = SeededGenerator(seed: 21)
        let opens = Day(year: 2026, month: 11, day: 2)
        let minimum = 5
        var days: [Day: [[ProfileDimension: String]: Int]] = [:]
        var counts: [Day: Int] = [:]
        for _ in 0..<120 {
            let day = opens.adding(days: Int.random(in: 0..<21, using: &generator))
            var profile: [ProfileDimension: String] = [:]
            for dimension in FormKind.iit.profileDimensions {
                profile[dimension] = dimension.codes.randomElement(using: &generator)!
            }
            days[day, default: [:]][profile, default: 0] += 1
            counts[day, default: 0] += 1
        }
        var previous: [String: Int]?
        for offset in 1...22 {
            let periods = DayPeriods(days: counts, opens: opens, today: opens.adding(days: offset), minimum: minimum)
            var tally = Tally(form: .iit)
            tally.responses = periods.releasedCount
            let release = FormRelease(
                released: tally, profiles: ProfileCounts(days: days, periods: periods), periods: periods,
                rule: SmallCellRule(minimum: minimum))
            let shown = Self.numbers(release)
            for number in shown.values { #expect(number == 0 || number >= minimum) }
            if let previous {
                for (key, before) in previous {
                    let change = (shown[key] ?? 0) - before
                    #expect(change == 0 || change >= minimum, "\(key) moved by \(change) on day \(offset)")
                }
            }
            previous = shown
        }
    }
}
