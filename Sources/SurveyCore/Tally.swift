/// The counts of one form's responses that every score, table and quota is computed from.
public struct Tally: Sendable, Hashable {
    public let form: FormKind
    public var responses: Int
    /// field id → answer code → count.
    public var answers: [String: [String: Int]]
    /// crossed dimension (age, education, contact) → category code → gender code → count;
    /// a blank code is kept under "" so that totals stay whole.
    public var profile: [ProfileDimension: [String: [String: Int]]]
    public var days: [Day: Int]

    public init(form: FormKind) {
        self.form = form
        self.responses = 0
        self.answers = [:]
        self.profile = [:]
        self.days = [:]
    }

    /// The tally of a set of responses of this form; responses of the other form are skipped.
    public init(form: FormKind, responses: some Sequence<Response>) {
        self.init(form: form)
        for response in responses where response.form == form { add(response) }
    }

    /// Counts one response.
    public mutating func add(_ response: Response) {
        precondition(response.form == form, "a response is tallied under its own form")
        responses += 1
        for (field, code) in response.answers { answers[field, default: [:]][code, default: 0] += 1 }
        addProfile(response.profile, count: 1)
        days[response.day, default: 0] += 1
    }

    /// Counts `count` respondents of one profile into the profile crosses only.
    public mutating func addProfile(_ codes: [ProfileDimension: String], count: Int) {
        let gender = codes[.gender] ?? ""
        for dimension in form.crossedDimensions {
            profile[dimension, default: [:]][codes[dimension] ?? "", default: [:]][gender, default: 0] += count
        }
    }

    /// Adds another tally of the same form into this one.
    public mutating func merge(_ other: Tally) {
        precondition(other.form == form, "only tallies of one form merge")
        responses += other.responses
        answers.merge(other.answers) { $0.merging($1, uniquingKeysWith: +) }
        profile.merge(other.profile) { mine, theirs in
            mine.merging(theirs) { $0.merging($1, uniquingKeysWith: +) }
        }
        days.merge(other.days, uniquingKeysWith: +)
    }

    /// How many respondents gave this profile code (blank codes are in no category).
    public func count(_ dimension: ProfileDimension, _ code: String) -> Int {
        if dimension == .gender {
            guard let anyCrossed = form.crossedDimensions.first else { return 0 }
            return (profile[anyCrossed] ?? [:]).values.reduce(0) { $0 + ($1[code] ?? 0) }
        }
        return (profile[dimension]?[code] ?? [:]).values.reduce(0, +)
    }

    /// A dimension crossed with gender, every category and gender listed, zeros included.
    public func table(_ dimension: ProfileDimension) -> ProfileTable {
        let genders = ProfileDimension.gender.categories
        let rows = dimension.categories.map { category in
            ProfileTable.Row(
                category: category,
                counts: genders.map { profile[dimension]?[category.code]?[$0.code] ?? 0 })
        }
        return ProfileTable(dimension: dimension, genders: genders, rows: rows)
    }
}

/// A profile dimension crossed with gender, laid out as agencies publish it.
public struct ProfileTable: Sendable, Hashable {
    public let dimension: ProfileDimension
    public let genders: [ProfileCategory]
    public let rows: [Row]

    /// One category and its count per gender, in the order of `genders`.
    public struct Row: Sendable, Hashable {
        public let category: ProfileCategory
        public let counts: [Int]
        public var total: Int { counts.reduce(0, +) }
    }

    /// Column totals per gender.
    public var genderTotals: [Int] {
        genders.indices.map { column in rows.reduce(0) { $0 + $1.counts[column] } }
    }

    public var total: Int { rows.reduce(0) { $0 + $1.total } }
}
