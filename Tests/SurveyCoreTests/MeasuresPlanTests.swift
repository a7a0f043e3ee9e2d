import SurveyCore
import Testing

@Suite("The measures plan: drafted from the analysis, typed in the console, checked")
struct MeasuresPlanTests {
    /// The 2566 example with weak questions inside a passing indicator (i3), a weak one (i7) and an OIT item at 0.
    static func report2566() throws -> AnalysisReport {
        let official = try OfficialResultsTests.results(
            OfficialResultsTests.example2566,
            extra: ["i3,80.10,", "i7,70,", "i8,90,", "e11,72.5,", "O12,0,ยังไม่เผยแพร่แผน"]
        ).get()
        return AnalysisReport(official: official, instruments: [Fixtures.iit, Fixtures.eit])
    }

    @Test(
        "the 2566 draft: a row with the library's first measure for each of 7, 2, 4, 8, and every weak question linked")
    func draft2566() throws {
        let report = try Self.report2566()
        let plan = MeasuresPlan.drafted(from: report)
        #expect(plan.fiscalYear == 2567 && plan.basis == MeasuresPlan.Basis(year: 2566, source: .official))
        #expect(!plan.edited)
        let indicators = plan.rows.map(\.indicator)
        for weak in [7, 2, 4, 8] { #expect(indicators.contains(weak), "no row for indicator \(weak)") }
        // 1 and 9 passed but hold weak questions (i3; O12 at 0).
        #expect(indicators == [1, 2, 4, 7, 8, 9])
        for row in plan.rows {
            let first = try #require(MeasureLibrary.suggestions(for: row.indicator).first)
            #expect(row.measure == first.measure && row.steps == first.steps && row.owner == first.owner)
            #expect(row.period == first.period && row.followUp == first.followUp)
            #expect(row.output.isEmpty && row.outcome.isEmpty)
        }
        let linked = plan.rows.flatMap(\.items)
        #expect(Set(linked) == Set(report.weakQuestions.map(\.id)) && linked.count == report.weakQuestions.count)
        #expect(plan.rows.first { $0.indicator == 2 }?.items == ["i7"])
        #expect(plan.rows.first { $0.indicator == 8 }?.items == ["e11"])
        #expect(plan.rows.first { $0.indicator == 9 }?.items == ["O12"])
        #expect(plan.rows.first { $0.indicator == 4 }?.items == [])
    }

    @Test("every weak indicator of an own round gets a row with a suggestion, and every weak question is linked")
    func draftOwnRound() {
        let iit = Tally(form: .iit, responses: [Fixtures.response(.iit) { Fixtures.worst($0) }])
        let eit = Tally(form: .eit, responses: [Fixtures.response(.eit, answer: Fixtures.best)])
        let settings = AssessmentSettings(year: 2570, iitPopulation: 60, oit: Rational(90))
        let report = AnalysisReport(
            round: AssessmentResult(settings: settings, iit: (iit, Fixtures.iit), eit: (eit, Fixtures.eit)))
        let plan = MeasuresPlan.drafted(from: report)
        #expect(plan.fiscalYear == 2571 && plan.basis?.source == .ownRound)
        #expect(plan.rows.map(\.indicator) == report.weaknesses.map(\.indicator.number).sorted())
        #expect(plan.rows.allSatisfy { !$0.measure.isEmpty && !$0.steps.isEmpty && !$0.owner.isEmpty })
        #expect(Set(plan.rows.flatMap(\.items)) == Set(report.weakQuestions.map(\.id)))
    }

    @Test("typed rows: blank ones dropped, ids written as ITAS writes them, each problem at its input")
    func typed() throws {
        var row = MeasuresPlan.TypedRow()
        row[.measure] = "  ประชาสัมพันธ์ช่องทางร้องเรียน  "
        row[.indicators] = "7, 2 7"
        row[.items] = "E11 o12,i7"
        row[.steps] = "1) หนึ่ง\r\n2) สอง"
        var typed = MeasuresPlan.Typed(rows: [MeasuresPlan.TypedRow(), row], signer: Signatory(name: "นายสมชาย ใจดี"))
        let plan = try typed.validated(fiscalYear: 2567, basis: nil).get()
        #expect(plan.edited && plan.rows.count == 1)
        #expect(plan.rows[0].indicators == [7, 2] && plan.rows[0].indicator == 7)
        #expect(plan.rows[0].items == ["e11", "O12", "i7"] && plan.rows[0].steps == "1) หนึ่ง\n2) สอง")
        #expect(plan.rows[0].measure == "ประชาสัมพันธ์ช่องทางร้องเรียน" && plan.signer.name == "นายสมชาย ใจดี")
        #expect(MeasuresPlan.Typed(plan).rows[0][.items] == "e11, O12, i7")

        var bad = row
        bad[.indicators] = "11"
        bad[.items] = "x9"
        bad[.measure] = ""
        bad[.outcome] = String(repeating: "ก", count: 2001)
        typed.rows = [row, bad, bad]
        typed.rows[2][.outcome] = ""
        typed.approvals.chiefExecutive.name = String(repeating: "ข", count: 201)
        let failure = try #require(typed.validated(fiscalYear: 2567, basis: nil).failure)
        #expect(
            failure.problems.map(\.field) == [
                "outcome-2", "measure-3", "indicators-3", "items-3", "chiefExecutive-name",
            ])
        #expect(failure.problems[2].message.th.hasPrefix("ตัวชี้วัดของแถวที่ 3 ต้องเป็นเลข 1–10"))
        typed.rows = Array(repeating: row, count: MeasuresPlan.rowLimit + 1)
        typed.approvals = Approvals()
        #expect(typed.validated(fiscalYear: 2567, basis: nil).failure?.problems.count == 1)
    }

    @Test("the follow-up groups rows by the issue area of their main indicator; JSON names several indicators")
    func areasAndJSON() throws {
        let plan = MeasuresPlan.drafted(from: try Self.report2566())
        #expect(
            plan.rowsByArea.map(\.area) == [
                .transparentProcess, .serviceAndEService, .publicity, .governmentProperty, .budgetAndProcurement,
            ])
        #expect(plan.rowsByArea.first?.rows.map(\.indicator) == [1, 9])
        var twice = plan
        twice.rows[0].indicators = [1, 5]
        let json = twice.json.serialized()
        #expect(json.hasPrefix("{\"year\":2567,\"basedOn\":{\"year\":2566,\"source\":\"official\"},\"edited\":false"))
        #expect(json.contains("{\"indicator\":1,\"indicators\":[1,5],\"items\":[\"i3\"],\"measure\":"))
        #expect(
            json.contains(
                "{\"indicator\":2,\"items\":[\"i7\"],\"measure\":\"ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ\""))
    }
}

extension Result {
    /// The failure, if the result is one.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
