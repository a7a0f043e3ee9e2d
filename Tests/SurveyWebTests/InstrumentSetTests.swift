import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("A round on the six-level example set: picked in the console, answered over HTTP, scored exactly")
struct InstrumentSetTests {
    /// An exact fraction of the test's own, so that the scores are checked by arithmetic other than `Rational`.
    struct Fraction: Equatable {
        let numerator: Int
        let denominator: Int

        init(_ numerator: Int, _ denominator: Int = 1) {
            var (a, b) = (abs(numerator), denominator)
            while b != 0 { (a, b) = (b, a % b) }
            self.numerator = numerator / max(a, 1)
            self.denominator = denominator / max(a, 1)
        }

        static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
            Fraction(
                lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
        }

        static func / (lhs: Fraction, rhs: Int) -> Fraction { Fraction(lhs.numerator, lhs.denominator * rhs) }
        static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
            Fraction(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
        }

        static func mean(_ values: [Fraction]) -> Fraction { values.reduce(Fraction(0), +) / values.count }

        /// Two decimals, half away from zero, for non-negative values.
        var printed: String {
            let hundredths = (numerator * 200 + denominator) / (2 * denominator)
            return "\(hundredths / 100)." + String(format: "%02d", hundredths % 100)
        }

        func equals(_ rational: Rational?) -> Bool {
            rational.map { Int($0.numerator) == numerator && Int($0.denominator) == denominator } ?? false
        }
    }

    /// Points of a code as the example files are meant to give them: six levels 0, 20 … 100, the reverse items the
    /// other way, yes/no as in the domain table.
    static func points(field: String, item: String, code: String) -> Fraction {
        if ["i26", "e8", "e10"].contains(item) { return Fraction(code == "yes" ? 100 : 0) }
        if ["i4", "i5", "i6", "e4"].contains(item) { return Fraction(code == "no" ? 100 : 0) }
        let level = Int(code)! - 1
        let reverse = ["i9", "i10", "i11b", "i16", "i17", "i18a", "i18b", "i18c", "i19", "i22"].contains(field)
        return Fraction((reverse ? 5 - level : level) * 20)
    }

    static let set = WebFixture.catalog.set("example-6")!
    static let respondents = 8

    /// Respondent `r`'s answers to a form: a spread of codes, the same each run.
    static func answers(_ form: FormKind, respondent r: Int) -> [String: String] {
        var values = WebFixture.answers(form)
        for (index, field) in set.instrument(form).fields.enumerated() {
            let codes = field.scale.codes
            values[field.id] = codes[(r * 5 + index * 3 + r * index) % codes.count]
        }
        return values
    }

    /// The tool score by hand: each respondent's item score is the mean of its sub-items; item = mean over
    /// respondents; indicator = mean of its items; tool = mean of its indicators.
    static func expected(_ form: FormKind) -> (tool: Fraction, items: [String: Fraction]) {
        let instrument = set.instrument(form)
        let given = (0..<respondents).map { answers(form, respondent: $0) }
        var items: [String: Fraction] = [:]
        var indicators: [Fraction] = []
        for indicator in instrument.indicators {
            let scores = indicator.items.map { item in
                let perRespondent = given.map { values in
                    Fraction.mean(
                        item.fields.map { Self.points(field: $0.id, item: item.id, code: values[$0.id]!) })
                }
                let score = Fraction.mean(perRespondent)
                items[item.id] = score
                return score
            }
            indicators.append(Fraction.mean(scores))
        }
        return (Fraction.mean(indicators), items)
    }

    static func settings(year: Int, instruments: String) -> [String: String] {
        var values = RoundSettingsTests.settings(year: year)
        values["iitCodes"] = ""
        values["eitCodes"] = ""
        values["instruments"] = instruments
        return values
    }

    @Test("a page drawn before the round's set changed is not read with the new set: sent back, nothing stored")
    func pageOfTheOldSet() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let old = try await client.get("/demo/eit")
            #expect(old.html.contains("name=\"e2\" value=\"4\"><span>มากที่สุด</span>"))
            let switched = try await admin.post(
                "/admin/demo/\(round.fiscalYear)/edit", Self.settings(year: round.fiscalYear, instruments: "example-6"))
            #expect(switched.status == .seeOther)
            var values = WebFixture.answers(.eit)
            values["token"] = old.html.formToken
            // "4" was มากที่สุด (100) on the page the resident read; on six levels it is ค่อนข้างมาก (60).
            values["e2"] = "4"
            let sent = try await client.post("/demo/eit", values)
            #expect(sent.status == .badRequest)
            #expect(sent.html.contains("name=\"e2\" value=\"6\"><span>"))
            #expect(sent.html.contains("name=\"e2\" value=\"4\" checked><span>"))
        }
        #expect(try await fixture.database.responses(roundId: round.id, form: .eit).isEmpty)
    }

    @Test("six-level answers collected over HTTP score exactly as computed by hand, and print so")
    func sixLevelRound() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        let year = round.fiscalYear
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let form = try await admin.get("/admin/demo/\(year)/edit").html
            #expect(form.contains("<option value=\"\" selected>ไม่เปลี่ยน (IIT รุ่น 2568.1 · EIT รุ่น 2568.1)</option>"))
            #expect(form.contains("<option value=\"2568.1\">รุ่น 2568.1"))
            let fresh = try await admin.get("/admin/demo/rounds/new").html
            #expect(fresh.contains("<option value=\"\" selected>ชุดทางการของปีงบประมาณที่กรอก</option>"))
            #expect(!fresh.contains("value=\"2568.1\" selected"))
            #expect(form.contains("<option value=\"example-6\">รุ่น example-6"))
            #expect(form.contains("[ตัวอย่างโครงสร้าง ไม่ใช่ถ้อยคำทางการ]"))
            let unknown = try await admin.post(
                "/admin/demo/\(year)/edit", Self.settings(year: year, instruments: "2599"))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.html.contains("ไม่มีชุดแบบวัดรุ่น “2599” ชุดที่มี: 2568.1, example-6"))
            #expect(unknown.html.contains("value=\"91.25\""))
            #expect(try await fixture.database.round(id: round.id)?.iitInstrument == "2568.1")
            let saved = try await admin.post(
                "/admin/demo/\(year)/edit", Self.settings(year: year, instruments: "example-6"))
            #expect(saved.status == .seeOther)
            let stored = try #require(try await fixture.database.round(id: round.id))
            #expect(stored.iitInstrument == "example-6" && stored.eitInstrument == "example-6")

            // The form offers the set's six levels, with an item's own wording where it has one.
            let page = try await client.get("/demo/iit").html
            #expect(page.contains("name=\"i1a\" value=\"6\"><span>มากที่สุด</span>"))
            #expect(page.contains("name=\"i1a\" value=\"2\"><span>น้อย</span>"))
            #expect(page.contains("name=\"i16\" value=\"1\"><span>ไม่เคยเลย</span>"))
            #expect(
                page.contains("name=\"i4a\" value=\"no\"><span>ไม่มี</span>")
                    && !page.contains("name=\"i4a\" value=\"3\""))
            for form in FormKind.allCases {
                for r in 0..<Self.respondents {
                    let sent = try await client.fillAndSubmit(
                        "/demo/\(form.rawValue)", Self.answers(form, respondent: r))
                    #expect(sent.response.status == .seeOther, "\(form) \(r)")
                }
            }
            // A level code of the old scale is no choice on a yes/no item, nor 7 on six levels.
            var wrong = Self.answers(.eit, respondent: 0)
            wrong["e1a"] = "7"
            #expect(try await client.fillAndSubmit("/demo/eit", wrong).response.status == .unprocessableContent)
            let refused = try await admin.post(
                "/admin/demo/\(year)/edit", Self.settings(year: year, instruments: "2568.1"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("เปลี่ยนชุดแบบวัดไม่ได้แล้ว เพราะรอบนี้มีคำตอบแล้ว"))
            #expect(refused.html.contains("value=\"91.25\""))
        }
        let stored = try #require(try await fixture.database.round(id: round.id))
        #expect(stored.iitInstrument == "example-6" && stored.oit == Rational(9125, 100))

        let tallies = try await fixture.database.tallies(roundId: round.id)
        var printed: [FormKind: String] = [:]
        var tools: [FormKind: Fraction] = [:]
        for form in FormKind.allCases {
            let score = ToolScore(tally: tallies[form], instrument: Self.set.instrument(form))
            let (tool, items) = Self.expected(form)
            #expect(score.responses == Self.respondents)
            #expect(tool.equals(score.score), "\(form) \(tool) vs \(String(describing: score.score))")
            for item in score.items {
                #expect(items[item.item.id]!.equals(item.score), "\(item.item.id)")
            }
            printed[form] = tool.printed
            tools[form] = tool
        }
        let oit = Fraction(9125, 100)
        let total = Fraction(3, 10) * tools[.iit]! + Fraction(3, 10) * tools[.eit]! + Fraction(4, 10) * oit
        let shown = printed
        // Answers of a day are released once it is over.
        try await fixture.run(day: WebFixture.today.adding(days: 1)) { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let dashboard = try await admin.get("/admin/demo/\(year)").html
            let report = try await admin.get("/admin/demo/\(year)/report").html
            for page in [dashboard, report] {
                #expect(page.contains("data-tool=\"iit\">\(shown[.iit]!)<"))
                #expect(page.contains("data-tool=\"eit\">\(shown[.eit]!)<"))
                #expect(page.contains("data-tool=\"total\">\(total.printed)<"))
            }
        }
    }
}
