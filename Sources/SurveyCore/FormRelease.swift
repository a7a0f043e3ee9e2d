/// What may leave the server about one form's responses: the closed periods of days, the tally of the responses
/// in them (zero or at least k), and the profile tables with small and recomputable cells hidden.
public struct FormRelease: Sendable, Hashable {
    public let rule: SmallCellRule
    public let periods: DayPeriods
    /// The tally of the released responses only; the open tail is left out.
    public let tally: Tally
    public let tables: [ReleasedProfileTable]

    /// The release of `released`, the tally of the responses on the days `periods` releases, whose profiles
    /// `profiles` counts. The tables count the rows as the export recodes them, each closed period on its own:
    /// every cell and total is then a sum of classes of at least k, so it is 0 or at least k, and a view taken
    /// after another period closes differs from an earlier one by at least k in every number that changed.
    public init(released tally: Tally, profiles: ProfileCounts, periods: DayPeriods, rule: SmallCellRule) {
        let recoding = PeriodGeneralization(
            counts: profiles, dimensions: tally.form.profileDimensions, minimum: rule.minimum)
        self.init(released: tally, classes: recoding.releasedClasses, periods: periods, rule: rule)
    }

    /// The release of `released` whose profile tables count `classes`, the recoded classes of every closed
    /// period (`PeriodGeneralization.releasedClasses`), which a caller may keep per period as they never change.
    public init(
        released tally: Tally, classes: ReleasedClasses, periods: DayPeriods,
        rule: SmallCellRule
    ) {
        self.rule = rule
        self.periods = periods
        self.tally = tally
        var recoded = Tally(form: tally.form)
        for (profile, count) in classes { recoded.addProfile(profile, count: count) }
        self.tables = ReleasedProfileTable.tables(of: recoded, minimum: rule.minimum)
    }

    public var form: FormKind { tally.form }
    /// Released responses: zero or at least k.
    public var responses: Int { tally.responses }
    /// Whether scores may be shown: they come from at least k respondents.
    public var showsScores: Bool { responses >= rule.minimum }

    /// The tally to score: the released one, or an empty one while it holds fewer than k respondents.
    public var scoredTally: Tally { showsScores ? tally : Tally(form: form) }

    /// Respondents of a profile category as the tables show it; nil when the tables hide it.
    /// While some values of the dimension are withheld ("not given" is counted), a category's count is only a lower
    /// bound, and it is not shown either.
    public func shownCount(_ dimension: ProfileDimension, _ code: String) -> Int? {
        guard responses > 0 else { return 0 }
        if dimension == .gender {
            guard let table = tables.first, let column = table.genders.firstIndex(where: { $0?.code == code })
            else { return nil }
            if let blank = table.genders.firstIndex(where: { $0 == nil }), table.table.columnTotals[blank] != 0 {
                return nil
            }
            return table.table.columnTotals[column]
        }
        guard let table = tables.first(where: { $0.dimension == dimension }),
            let row = table.categories.firstIndex(where: { $0?.code == code })
        else { return nil }
        if let blank = table.categories.firstIndex(where: { $0 == nil }), table.table.rowTotals[blank] != 0 {
            return nil
        }
        return table.table.rowTotals[row]
    }
}

/// A profile dimension crossed with gender (a "not given" row and column when some left it blank), suppressed.
public struct ReleasedProfileTable: Sendable, Hashable {
    public let dimension: ProfileDimension
    /// The rows' categories; nil for "not given".
    public let categories: [ProfileCategory?]
    /// The columns' genders; nil for "not given".
    public let genders: [ProfileCategory?]
    public let table: SuppressedTable

    /// The tables of every crossed dimension of a tally, suppressed together (they share the gender totals).
    public static func tables(of tally: Tally, minimum: Int) -> [ReleasedProfileTable] {
        let dimensions = tally.form.crossedDimensions
        let blankGender = tally.count(.gender, "") > 0
        let genders: [ProfileCategory?] = ProfileDimension.gender.categories + (blankGender ? [nil] : [])
        let layouts = dimensions.map { dimension -> (categories: [ProfileCategory?], counts: [[Int]]) in
            let cells = tally.profile[dimension] ?? [:]
            let blankRow = (cells[""] ?? [:]).values.contains { $0 > 0 }
            let categories: [ProfileCategory?] = dimension.categories + (blankRow ? [nil] : [])
            let counts = categories.map { category in
                genders.map { gender in cells[category?.code ?? ""]?[gender?.code ?? ""] ?? 0 }
            }
            return (categories, counts)
        }
        let suppressed = SuppressedTable.sharingColumnTotals(
            layouts.map { ($0.counts, genders.count) }, minimum: minimum)
        return zip(dimensions, zip(layouts, suppressed)).map { dimension, pair in
            ReleasedProfileTable(dimension: dimension, categories: pair.0.categories, genders: genders, table: pair.1)
        }
    }
}
