import SurveyCore
import Testing

@Suite("Result levels under both schemes, at their boundaries")
struct ResultLevelTests {
    static func r(_ text: String) -> Rational { Rational(decimal: text)! }

    static func passLevel(_ total: String, _ iit: String, _ eit: String, _ oit: String, year: Int = 2568)
        -> ResultLevel?
    {
        ResultLevel.level(
            scheme: .standard(fiscalYear: year), total: r(total), tools: [r(iit), r(eit), r(oit)])
    }

    @Test(
        "pass levels from 2566",
        arguments: [
            ("95", "95", "95", "95", PassLevel.excellent),
            ("95", "94.99", "96", "96", .good),
            ("94.99", "95", "95", "95", .good),
            ("85", "85", "85", "85", .good),
            ("94.64", "98", "84.99", "100", .pass),
            ("91.47", "93", "84", "96", .pass),
            ("84.99", "90", "90", "76", .needsImprovement),
            ("70", "70", "70", "70", .needsImprovement),
            ("69.99", "80", "80", "55", .urgent),
        ])
    func passLevels(total: String, iit: String, eit: String, oit: String, expected: PassLevel) {
        #expect(Self.passLevel(total, iit, eit, oit) == .pass(expected))
    }

    @Test(
        "letters for 2562–2565",
        arguments: [
            ("95", "AA"), ("94.99", "A"), ("89.4", "A"), ("85", "A"), ("84.99", "B"), ("75", "B"), ("74.99", "C"),
            ("65", "C"), ("55", "D"), ("54.99", "E"), ("54.66", "E"), ("50", "E"), ("49.99", "F"),
        ])
    func letters(total: String, expected: String) {
        #expect(ResultLevel.level(scheme: .letters, total: Self.r(total), tools: []) == .letter(expected))
        #expect(LevelScheme.standard(fiscalYear: 2562) == .letters)
    }

    @Test("the scheme changes between 2565 and 2566")
    func schemeByYear() {
        #expect(Self.passLevel("90", "90", "90", "90", year: 2565) == .letter("A"))
        #expect(Self.passLevel("90", "90", "90", "90", year: 2566) == .pass(.good))
    }

    @Test("a score is judged as printed: 84.995 shows as 85.00 and passes; 84.994 does not")
    func judgedAsPrinted() {
        #expect(Self.passLevel("84.995", "90", "90", "90") == .pass(.good))
        #expect(Self.passLevel("84.994", "90", "90", "90") == .pass(.needsImprovement))
    }

    @Test("pass levels under 85 need only the total; from 85 up they need every tool")
    func passFromTotalAlone() {
        #expect(
            ResultLevel.level(scheme: .pass, total: Self.r("84.99"), tools: [nil, nil, nil]) == .pass(.needsImprovement)
        )
        #expect(ResultLevel.level(scheme: .pass, total: Self.r("69.99"), tools: [nil, nil, nil]) == .pass(.urgent))
        #expect(ResultLevel.level(scheme: .pass, total: Self.r("91.47"), tools: [nil, nil, nil]) == nil)
        #expect(ResultLevel.level(scheme: .letters, total: Self.r("91.47"), tools: [nil, nil, nil]) == .letter("A"))
    }

    @Test("pass levels name themselves in Thai")
    func names() {
        #expect(PassLevel.allCases.map(\.name.th) == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"])
    }
}
