import SurveyCore
import Testing

@Suite("วิธีการพัฒนา as typed, and the criteria table of each level scheme")
struct ImprovementNoteTests {
    @Test("a typed text is trimmed with line breaks as \\n; empty is none; too long or control characters refused")
    func checked() throws {
        #expect(try ImprovementNote.checked("  ชี้แจงแผน\r\nทุกไตรมาส \n", field: "how-i7").get() == "ชี้แจงแผน\nทุกไตรมาส")
        #expect(try ImprovementNote.checked(" \r\n ", field: "how-i7").get() == nil)
        let limit = String(repeating: "ก", count: ImprovementNote.maximumLength)
        #expect(try ImprovementNote.checked(limit, field: "how-i7").get() == limit)
        guard case .failure(let long) = ImprovementNote.checked(limit + "ข", field: "how-i7") else {
            Issue.record("a text over the limit was kept")
            return
        }
        #expect(long.field == "how-i7" && long.message.th.contains("ไม่เกิน 1000 ตัวอักษร (ใส่มา 1001)"))
        guard case .failure(let control) = ImprovementNote.checked("แผน\u{1B}[2J", field: "how-O3") else {
            Issue.record("a control character was kept")
            return
        }
        #expect(control.field == "how-O3" && control.message.en.contains("control or direction-changing characters"))
    }

    @Test("the standard suggestion until edited")
    func howToImprove() throws {
        let typed = try OfficialResultsTests.results(OfficialResultsTests.example2566, extra: ["i7,70,"]).get()
        let noted = OfficialResults(
            fiscalYear: typed.fiscalYear, indicatorScores: typed.indicatorScores, itemScores: typed.itemScores,
            notes: [OfficialNote(subject: .indicator(8), text: "E11: ปรับปรุงการให้บริการ")])
        let report = AnalysisReport(official: noted, instruments: [Fixtures.iit, Fixtures.eit])
        let i7 = try #require(report.weakQuestions.first)
        #expect(AnalysisReport.howToImprove(i7, edited: [:]) == IndicatorGuide.of(2)?.howToImprove)
        #expect(AnalysisReport.howToImprove(i7, edited: ["i7": "ประชุมชี้แจง", "i8": "x"]) == "ประชุมชี้แจง")
        #expect(report.indicatorNotes == [8: "E11: ปรับปรุงการให้บริการ"] && report.formsUnderMinimum.isEmpty)
    }

    @Test("criteria tables: seven letters from AA, five pass levels with the rule for every tool")
    func criteria() {
        #expect(LevelScheme.letters.criteriaTable.map(\.level.th) == ["AA", "A", "B", "C", "D", "E", "F"])
        #expect(LevelScheme.letters.criteriaTable[1].rule.th == "คะแนนรวม 85–94.99")
        let pass = LevelScheme.pass.criteriaTable
        #expect(pass.map(\.level.th) == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"])
        #expect(pass[2].rule.th == "คะแนนรวมตั้งแต่ 85 แต่มีเครื่องมือที่ได้ต่ำกว่า 85")
    }
}
