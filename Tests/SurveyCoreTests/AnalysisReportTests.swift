import SurveyCore
import Testing

@Suite("The analysis report's content, from official results and from the agency's own round")
struct AnalysisReportTests {
    @Test("official results: ten indicators ranked, weak questions inside passing indicators, OIT items at 0")
    func official() throws {
        let typed = OfficialResultsTests.results(
            OfficialResultsTests.example2566,
            extra: [
                "i3,80.10,", "i7,70,ชี้แจงแผนการใช้จ่าย", "i8,90,", "O12,0,ยังไม่เผยแพร่แผน", "O13,100,",
                ",,ควรเผยแพร่ผลงานมากขึ้น",
            ])
        let official = try typed.get()
        let report = AnalysisReport(official: official, instruments: [Fixtures.iit, Fixtures.eit])
        #expect(report.source == .official && report.scheme == .pass && report.level == .pass(.pass))
        #expect(report.total?.formatted == "91.47")
        #expect(report.ranking.map(\.indicator.number) == [9, 10, 1, 3, 5, 6, 7, 2, 4, 8])
        #expect(report.strengths.map(\.indicator.number) == [9, 10, 1, 3, 5, 6])
        #expect(report.weaknesses.map(\.indicator.number) == [7, 2, 4, 8])
        // i3 is weak inside indicator 1, which passed; i8 scored 90 and is no weak question.
        #expect(report.weakQuestions.map(\.id) == ["i3", "i7", "O12"])
        let i3 = try #require(report.weakQuestions.first)
        #expect(i3.indicator == 1 && i3.text == AnalysisReport.fullText(Fixtures.iit.item("i3")!))
        #expect(report.weakQuestions(of: 2).map(\.note) == ["ชี้แจงแผนการใช้จ่าย"])
        let oit = try #require(report.weakQuestions.last)
        #expect(oit.indicator == 9 && oit.text == nil && oit.note == "ยังไม่เผยแพร่แผน")
        #expect(report.notes == ["ควรเผยแพร่ผลงานมากขึ้น"] && report.sampleWarnings.isEmpty)
        #expect(report.tools[.eit]?.formatted == "84.11")
    }

    @Test("own round: eight indicators, every weak item with its full text, and a warning under the minimum")
    func ownRound() {
        // Every answer the worst one: each item scores 0, and one respondent is under any minimum.
        let iit = Tally(form: .iit, responses: [Fixtures.response(.iit) { Fixtures.worst($0) }])
        let eit = Tally(form: .eit, responses: [Fixtures.response(.eit, answer: Fixtures.best)])
        let settings = AssessmentSettings(year: 2570, iitPopulation: 60, oit: Rational(90))
        let report = AnalysisReport(
            round: AssessmentResult(settings: settings, iit: (iit, Fixtures.iit), eit: (eit, Fixtures.eit)))
        #expect(report.source == .ownRound && report.ranking.count == 8)
        #expect(report.ranking.prefix(3).map(\.indicator.number) == [6, 7, 8])
        #expect(report.weakQuestions.count == Fixtures.iit.items.count)
        #expect(report.weakQuestions.allSatisfy { $0.id.hasPrefix("i") && $0.text != nil })
        let withSubItems = try! #require(Fixtures.iit.items.first { $0.hasSubItems })
        let quoted = report.weakQuestions.first { $0.id == withSubItems.id }?.text ?? ""
        #expect(quoted.hasPrefix(withSubItems.text.th) && quoted.contains("(a) " + withSubItems.fields[0].text.th))
        #expect(report.sampleWarnings.count == 1 && report.formsUnderMinimum == [.iit])
        #expect(report.sampleWarnings[0].th.hasPrefix("IIT มีผู้ตอบ 1 คน ต่ำกว่าขั้นต่ำ"))
    }

    @Test("a form with no released answers is said to have none counted yet, not zero respondents")
    func nothingCounted() {
        let settings = AssessmentSettings(year: 2570, iitPopulation: 60, oit: Rational(90))
        let report = AnalysisReport(
            round: AssessmentResult(
                settings: settings, iit: (Tally(form: .iit), Fixtures.iit), eit: (Tally(form: .eit), Fixtures.eit)))
        let warning = report.sampleWarnings.first?.th ?? ""
        #expect(warning.hasPrefix("IIT ยังไม่มีผู้ตอบที่นับได้ ต่ำกว่าขั้นต่ำ") && !warning.contains("มีผู้ตอบ 0"))
    }
}
