/// One respondent's answers: form, day, profile codes and one code per answer field — nothing else.
public struct Response: Sendable, Hashable {
    public let form: FormKind
    public let day: Day
    /// Profile codes by dimension; a dimension left blank (as in a small-cell-blanked export) is absent.
    public let profile: [ProfileDimension: String]
    /// One answer code per field id.
    public let answers: [String: String]

    public init(form: FormKind, day: Day, profile: [ProfileDimension: String], answers: [String: String]) {
        self.form = form
        self.day = day
        self.profile = profile
        self.answers = answers
    }
}
