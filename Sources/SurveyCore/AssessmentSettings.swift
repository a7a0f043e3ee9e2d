/// What a result depends on besides the answers: the fiscal year, the agency's kind, populations, rules, OIT and
/// the level scheme when it is not the year's own.
public struct AssessmentSettings: Sendable, Hashable {
    public var year: Int
    public var kind: AgencyKind
    public var iitPopulation: Int?
    public var eitPopulation: Int?
    public var iitRule: SampleRule
    public var eitRule: SampleRule
    /// The OIT score when known (typed in; the OIT is not collected here).
    public var oit: Rational?
    /// The level scheme chosen for the round; nil for the year's own.
    public var levelScheme: LevelScheme?

    public init(
        year: Int, kind: AgencyKind = .other, iitPopulation: Int? = nil, eitPopulation: Int? = nil,
        iitRule: SampleRule? = nil, eitRule: SampleRule? = nil, oit: Rational? = nil,
        levelScheme: LevelScheme? = nil
    ) {
        self.year = year
        self.kind = kind
        self.iitPopulation = iitPopulation
        self.eitPopulation = eitPopulation
        self.iitRule = iitRule ?? .standard(for: .iit, kind: kind)
        self.eitRule = eitRule ?? .standard(for: .eit, kind: kind)
        self.oit = oit
        self.levelScheme = levelScheme
    }

    /// The scheme the level is read under: the chosen one, else the year's.
    public var scheme: LevelScheme { .effective(levelScheme, fiscalYear: year) }

    public func population(_ form: FormKind) -> Int? {
        form == .iit ? iitPopulation : eitPopulation
    }

    public func rule(_ form: FormKind) -> SampleRule {
        form == .iit ? iitRule : eitRule
    }

    /// The minimum sample of a form under its rule.
    public func minimum(_ form: FormKind) -> Int? {
        rule(form).minimum(population: population(form), kind: kind)
    }
}
