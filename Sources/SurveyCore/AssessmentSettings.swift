/// What a result depends on besides the answers: the fiscal year, the agency's kind, populations, rules, OIT.
public struct AssessmentSettings: Sendable, Hashable {
    public var year: Int
    public var kind: AgencyKind
    public var iitPopulation: Int?
    public var eitPopulation: Int?
    public var iitRule: SampleRule
    public var eitRule: SampleRule
    /// The OIT score when known (typed in; the OIT is not collected here).
    public var oit: Rational?

    public init(
        year: Int, kind: AgencyKind = .other, iitPopulation: Int? = nil, eitPopulation: Int? = nil,
        iitRule: SampleRule? = nil, eitRule: SampleRule? = nil, oit: Rational? = nil
    ) {
        self.year = year
        self.kind = kind
        self.iitPopulation = iitPopulation
        self.eitPopulation = eitPopulation
        self.iitRule = iitRule ?? .standard(for: .iit, kind: kind)
        self.eitRule = eitRule ?? .standard(for: .eit, kind: kind)
        self.oit = oit
    }

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
