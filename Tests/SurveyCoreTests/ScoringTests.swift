import SurveyCore
import Testing

@Suite("Points per answer and the roll-up from items to the total")
struct ScoringTests {
    @Test("a 4-level answer scores (code − 1) × 100 / 3; reverse scores the other way round")
    func scalePoints() {
        #expect(
            ["1", "2", "3", "4"].map { AnswerScale.level4.points($0)!.formatted } == [
                "0.00", "33.33", "66.67", "100.00",
            ])
        #expect(
            ["1", "2", "3", "4"].map { AnswerScale.level4Reverse.points($0)!.formatted } == [
                "100.00", "66.67", "33.33", "0.00",
            ])
        #expect(AnswerScale.level4.points("2") == Rational(100, 3))
        #expect(AnswerScale.level4.points("5") == nil)
        #expect(AnswerScale.level4.points("yes") == nil)
    }

    @Test("a yes/no answer scores 100 when it is the good answer, else 0")
    func yesNoPoints() {
        #expect(AnswerScale.noGood.points("no") == Rational(100))
        #expect(AnswerScale.noGood.points("yes") == .zero)
        #expect(AnswerScale.yesGood.points("yes") == Rational(100))
        #expect(AnswerScale.yesGood.points("1") == nil)
    }

    /// Respondent A answers indicator 6 unevenly and everything else perfectly; respondent B is perfect.
    static let twoRespondents: Tally = {
        let uneven = ["e1a": "4", "e1b": "3", "e2": "2", "e3": "4", "e4a": "no", "e4b": "yes", "e4c": "no", "e5": "1"]
        let a = Fixtures.response(.eit) { uneven[$0.id] ?? Fixtures.best($0) }
        let b = Fixtures.response(.eit, answer: Fixtures.best)
        return Tally(form: .eit, responses: [a, b])
    }()

    @Test("item = mean over respondents of their sub-item mean; indicator = mean of items; tool = mean of indicators")
    func rollUp() {
        let score = ToolScore(tally: Self.twoRespondents, instrument: Fixtures.eit)
        // e1: A (100 + 66.67) / 2 = 83.33, B 100 → 91.67; e4: A 2 of 3 good → 66.67, B 100 → 83.33.
        #expect(score.item("e1")?.score == Rational(275, 3))
        #expect(score.item("e1")?.score?.formatted == "91.67")
        #expect(score.item("e2")?.score?.formatted == "66.67")
        #expect(score.item("e3")?.score?.formatted == "100.00")
        #expect(score.item("e4")?.score?.formatted == "83.33")
        #expect(score.item("e5")?.score?.formatted == "50.00")
        // (91.67 + 66.67 + 100 + 83.33 + 50) / 5 = 78.33, kept exact as 235/3.
        #expect(score.indicator(6)?.score == Rational(235, 3))
        #expect(score.indicator(7)?.score == Rational(100))
        #expect(score.score == Rational(835, 9))
        #expect(score.score?.formatted == "92.78")
    }

    @Test("total = 0.30 × IIT + 0.30 × EIT + 0.40 × OIT, and needs all three")
    func total() {
        let iit = Tally(form: .iit, responses: [Fixtures.response(.iit, answer: Fixtures.best)])
        let settings = AssessmentSettings(year: 2570, oit: Rational(decimal: "80.5"))
        let result = AssessmentResult(
            settings: settings, iit: (iit, Fixtures.iit), eit: (Self.twoRespondents, Fixtures.eit))
        // 0.3 × 100 + 0.3 × 835/9 + 0.4 × 80.5 = 30 + 27.8333… + 32.2 = 90.0333…
        #expect(result.total == Rational(30) + Rational(3, 10) * Rational(835, 9) + Rational(3220, 100))
        #expect(result.total?.formatted == "90.03")
        #expect(result.level == .pass(.pass))
        let withoutOIT = AssessmentResult(
            settings: AssessmentSettings(year: 2570), iit: (iit, Fixtures.iit), eit: (Self.twoRespondents, Fixtures.eit)
        )
        #expect(withoutOIT.total == nil)
        #expect(withoutOIT.level == nil)
    }

    @Test("no responses means no score rather than zero")
    func noResponses() {
        let score = ToolScore(tally: Tally(form: .iit), instrument: Fixtures.iit)
        #expect(score.score == nil)
        #expect(score.items.allSatisfy { $0.score == nil })
    }
}

@Suite("Exact fractions and how they are shown")
struct RationalTests {
    @Test("rounding is half away from zero on the exact value, where a Double would round 12.345 down")
    func rounding() {
        #expect(Rational(12345, 1000).formatted == "12.35")
        #expect(Rational(-12345, 1000).formatted == "-12.35")
        #expect(Rational(1, 3).formatted == "0.33")
        #expect(Rational(2, 3).formatted == "0.67")
        #expect(Rational(100).formatted == "100.00")
        #expect(Rational(84995, 1000).rounded == Rational(85))
    }

    @Test("decimals parse exactly and nonsense does not")
    func parsing() {
        #expect(Rational(decimal: "92.35") == Rational(9235, 100))
        #expect(Rational(decimal: "100") == Rational(100))
        #expect(Rational(decimal: ".5") == Rational(1, 2))
        for bad in ["", ".", "abc", "1.2.3", "1e5", "--1", "٣"] {
            #expect(Rational(decimal: bad) == nil, "\(bad)")
        }
    }
}
