import SurveyCore
import Testing

@Suite("Minimum sample sizes by every rule")
struct SampleRuleTests {
    @Test(
        "Krejcie & Morgan matches the published table",
        arguments: [
            (10, 10), (20, 19), (30, 28), (40, 36), (50, 44), (60, 52), (100, 80), (150, 108), (200, 132),
            (300, 169), (400, 196), (500, 217), (1000, 278), (1500, 306), (2000, 322), (3000, 341), (5000, 357),
            (10000, 370),
        ])
    func krejcieMorgan(population: Int, expected: Int) {
        #expect(SampleRule.krejcieMorgan.minimum(population: population, kind: .other) == expected)
    }

    @Test("Yamane: N / (1 + N × 0.05²), rounded up", arguments: [(100, 80), (1000, 286), (50, 45), (10, 10), (0, 0)])
    func yamane(population: Int, expected: Int) {
        #expect(SampleRule.yamane.minimum(population: population, kind: .other) == expected)
    }

    @Test(
        "10 % of the population, at least 30 (all when fewer), at most 400",
        arguments: [(20, 20), (255, 30), (300, 30), (455, 46), (4000, 400), (5000, 400)])
    func percentage(population: Int, expected: Int) {
        #expect(SampleRule.tenPercent.minimum(population: population, kind: .other) == expected)
    }

    @Test("the IIT variant with a floor of 25")
    func percentageFloor25() {
        let rule = SampleRule.percentage(percent: 10, floor: 25, cap: 400)
        #expect(rule.minimum(population: 200, kind: .other) == 25)
        #expect(rule.minimum(population: 24, kind: .other) == 24)
    }

    @Test(
        "the EIT agency-group table",
        arguments: [
            (AgencyKind.saoS, 30), (.saoM, 40), (.saoL, 50), (.tmS, 60), (.tmM, 70), (.policy, 100), (.permit, 400),
            (.university, 400),
        ])
    func agencyGroup(kind: AgencyKind, expected: Int) {
        #expect(SampleRule.agencyGroup.minimum(population: nil, kind: kind) == expected)
    }

    @Test("defaults: IIT by Krejcie & Morgan; EIT by the group table, or Krejcie & Morgan for `other`")
    func defaults() {
        let settings = AssessmentSettings(year: 2570, kind: .saoM, iitPopulation: 60, eitPopulation: 1000)
        #expect(settings.iitRule == .krejcieMorgan)
        #expect(settings.minimum(.iit) == 52)
        #expect(settings.minimum(.eit) == 40)
        let other = AssessmentSettings(year: 2570, kind: .other, eitPopulation: 1000)
        #expect(other.eitRule == .krejcieMorgan)
        #expect(other.minimum(.eit) == 278)
        #expect(other.minimum(.iit) == nil)
    }

    @Test("a fixed number is taken as typed, and rules survive their token")
    func fixedAndTokens() {
        #expect(SampleRule.fixed(75).minimum(population: nil, kind: .other) == 75)
        for rule in [SampleRule.agencyGroup, .tenPercent, .krejcieMorgan, .yamane, .fixed(12)] {
            #expect(SampleRule(token: rule.token) == rule)
        }
        #expect(SampleRule(token: "percent") == .tenPercent)
        for bad in ["", "fixed", "fixed:-1", "percent:0:1:2", "percent:10:500:400", "magic"] {
            #expect(SampleRule(token: bad) == nil, "\(bad)")
        }
    }
}
