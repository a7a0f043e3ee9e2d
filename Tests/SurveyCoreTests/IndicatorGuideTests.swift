import SurveyCore
import Testing

@Suite("The indicator guide and the measure library the analysis report and the measures plan draft from")
struct IndicatorGuideTests {
    @Test("each of the ten indicators has its paragraph, a first way to improve and suggested measures")
    func everyIndicator() {
        #expect(IndicatorGuide.all.map(\.number) == Array(1...10))
        for guide in IndicatorGuide.all {
            #expect(guide.indicator.number == guide.number)
            #expect(guide.measures.count > 80 && guide.howToImprove.count > 40, "\(guide.number)")
            let suggestions = MeasureLibrary.suggestions(for: guide.number)
            #expect(!suggestions.isEmpty, "\(guide.number)")
            #expect(suggestions.allSatisfy { !$0.steps.isEmpty && !$0.owner.isEmpty && !$0.followUp.isEmpty })
        }
        #expect(
            IndicatorGuide.of(0) == nil && IndicatorGuide.of(11) == nil && MeasureLibrary.suggestions(for: 11).isEmpty)
        // Every area of the follow-up report has measures to group.
        #expect(Set(IndicatorGuide.all.map(\.area)) == Set(IssueArea.allCases))
    }
}
