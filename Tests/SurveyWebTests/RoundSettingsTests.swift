import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Round settings in the browser: every setting round-trips, minimums per rule, targets")
struct RoundSettingsTests {
    /// A full set of round settings as the form posts them.
    static func settings(year: Int) -> [String: String] {
        [
            "year": "\(year)", "opens": "2026-11-01", "closes": "2027-02-28", "kind": "tm-s", "iitPopulation": "60",
            "eitPopulation": "1500", "iitRule": "fixed", "iitFixed": "45", "eitRule": "percent:10:30:400",
            "iitCodes": "on", "eitCodes": "on", "oit": "91.25", "smallCells": "7", "eitSmallCells": "4",
            "t-eit-contact-business": "10",
            "t-iit-age-gt60": "3",
            "t-eit-gender-female": "20",
        ]
    }

    @Test("every round setting saved in the browser comes back in the form and in the store")
    func roundTrip() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let year = round.fiscalYear
            let saved = try await admin.post("/admin/demo/\(year)/edit", Self.settings(year: year))
            #expect(saved.status == .seeOther && saved.headers[.location] == "/admin/demo/\(year)/edit?saved=1")
            let stored = try #require(try await fixture.database.round(id: round.id))
            #expect(stored.opens == Day("2026-11-01") && stored.closes == Day("2027-02-28"))
            #expect(stored.kind == .tmS)
            #expect(stored.iitPopulation == 60 && stored.eitPopulation == 1500)
            #expect(stored.iitRule == .fixed(45) && stored.eitRule == .percentage(percent: 10, floor: 30, cap: 400))
            #expect(
                stored.iitCodes && stored.eitCodes && stored.oit == Rational(decimal: "91.25")
                    && stored.smallCellMinimum == 7)
            #expect(stored.eitSmallCellMinimum == 4)
            #expect(stored.iitInstrument == round.iitInstrument)
            let targets = stored.targets
            #expect(
                targets == [
                    ProfileTarget(form: .iit, dimension: .age, code: "gt60", minimum: 3),
                    ProfileTarget(form: .eit, dimension: .gender, code: "female", minimum: 20),
                    ProfileTarget(form: .eit, dimension: .contact, code: "business", minimum: 10),
                ])
            let form = try await admin.get("/admin/demo/\(year)/edit?saved=1").html
            #expect(form.contains("บันทึกแล้ว"))
            for (name, value) in Self.settings(year: year)
            where !["iitRule", "eitRule", "kind", "iitCodes", "eitCodes"].contains(name) {
                #expect(form.contains("name=\"\(name)\"") && form.contains("value=\"\(value)\""), "\(name)")
            }
            #expect(form.contains("<option value=\"tm-s\" selected>"))
            #expect(form.contains("<option value=\"percent:10:30:400\" selected>"))
            #expect(form.contains("<option value=\"fixed\" selected>"))
            #expect(form.contains("name=\"iitCodes\" value=\"on\" checked"))
            #expect(form.contains("name=\"eitCodes\" value=\"on\" checked"))
            #expect(form.contains("<option value=\"\" selected>ไม่เปลี่ยน (IIT รุ่น 2568.1 · EIT รุ่น 2568.1)</option>"))
            // Clearing the optional settings clears them.
            var cleared = Self.settings(year: year)
            for name in [
                "closes", "eitPopulation", "oit", "iitCodes", "eitCodes", "t-eit-contact-business", "t-iit-age-gt60",
                "t-eit-gender-female",
            ] {
                cleared[name] = ""
            }
            #expect(try await admin.post("/admin/demo/\(year)/edit", cleared).status == .seeOther)
            let again = try #require(try await fixture.database.round(id: round.id))
            #expect(again.closes == nil && again.eitPopulation == nil && again.oit == nil && !again.iitCodes)
            #expect(!again.eitCodes)
            #expect(again.targets.isEmpty)
        }
        let audit = try await fixture.database.auditEvents()
        #expect(audit.contains { $0.action == "round changed" && $0.detail.contains("iit rule fixed:45") })
    }

    @Test("bad settings come back with every problem named and nothing saved")
    func badSettings() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            var values = Self.settings(year: round.fiscalYear)
            values["closes"] = "2026-10-01"
            values["oit"] = "101"
            values["smallCells"] = "2"
            values["eitSmallCells"] = "2"
            values["iitFixed"] = ""
            values["iitPopulation"] = "-4"
            let response = try await admin.post("/admin/demo/\(round.fiscalYear)/edit", values)
            #expect(response.status == .unprocessableContent)
            let html = response.html
            for field in ["closes", "oit", "smallCells", "eitSmallCells", "iitFixed", "iitPopulation"] {
                #expect(html.contains("href=\"#f-\(field)\""), "\(field)")
            }
            #expect(html.contains("value=\"101\""))
            #expect(html.contains("ขนาดกลุ่มเล็กสุดของ EIT ต้องเป็นจำนวนเต็มตั้งแต่ 3 ถึง 1000"))
            #expect(try await fixture.database.round(id: round.id) == round)
        }
    }

    @Test(
        "the computed minimum and the rule's name are shown beside each rule",
        arguments: [
            ("iitRule", "krejcie-morgan", "ขั้นต่ำ 52 คน ตามตารางเครจซีและมอร์แกน"),
            ("iitRule", "yamane", "ขั้นต่ำ 53 คน ตามสูตรของยามาเน่"),
            ("iitRule", "percent:10:30:400", "ขั้นต่ำ 30 คน ตามร้อยละ 10 ของประชากร อย่างน้อย 30 ไม่เกิน 400"),
            ("iitRule", "percent:10:25:400", "ขั้นต่ำ 25 คน ตามร้อยละ 10"),
            ("eitRule", "group", "ขั้นต่ำ 40 คน ตามตารางกลุ่มหน่วยงาน (เกณฑ์ EIT)"),
            ("eitRule", "krejcie-morgan", "ขั้นต่ำ 306 คน ตามตารางเครจซีและมอร์แกน"),
        ])
    func minimums(field: String, rule: String, shown: String) async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            var values = Self.settings(year: round.fiscalYear)
            values["kind"] = "sao-m"
            values[field] = rule
            #expect(try await admin.post("/admin/demo/\(round.fiscalYear)/edit", values).status == .seeOther)
            let html = try await admin.get("/admin/demo/\(round.fiscalYear)/edit").html
            #expect(html.contains(shown))
        }
    }

    @Test("a new round is opened from the browser with the current fiscal year and the instrument of that year")
    func createRound() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let page = try await admin.get("/admin/demo/rounds/new").html
            #expect(page.contains("name=\"year\" inputmode=\"numeric\" value=\"\(WebFixture.today.fiscalYear)\""))
            var values = Self.settings(year: 2571)
            values["opens"] = "2027-10-01"
            values["closes"] = "2028-12-31"
            let created = try await admin.post("/admin/demo/rounds", values)
            #expect(created.status == .seeOther && created.headers[.location] == "/admin/demo/2571")
            let round = try #require(try await fixture.database.round(agencyId: 1, year: 2571))
            #expect(round.iitInstrument == "2568.1")
            let twice = try await admin.post("/admin/demo/rounds", values)
            #expect(twice.status == .unprocessableContent && twice.html.contains("มีรอบการประเมินปี 2571 อยู่แล้ว"))
            // The 2571 round still takes answers when a 2572 round would open.
            values = Self.settings(year: 2572)
            values["opens"] = "2028-10-01"
            values["closes"] = "2029-01-31"
            let overlapping = try await admin.post("/admin/demo/rounds", values)
            #expect(overlapping.status == .unprocessableContent)
            #expect(overlapping.html.contains("ช่วงวันรับคำตอบซ้อนกับรอบปีงบประมาณ 2571"))
            #expect(overlapping.html.contains("value=\"2028-10-01\""))
        }
        #expect(try await fixture.database.round(agencyId: 1, year: 2572) == nil)
    }

    @Test("targets show their counts and how many are still needed, on the dashboard and the counter view")
    func targets() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(closes: WebFixture.today.adding(days: 9))!
        var settings = round.settings
        settings.targets = [
            ProfileTarget(form: .eit, dimension: .contact, code: "business", minimum: 10),
            ProfileTarget(form: .eit, dimension: .age, code: "gt60", minimum: 5),
            ProfileTarget(form: .eit, dimension: .gender, code: "other", minimum: 1),
        ]
        _ = try await fixture.database.updateRound(
            round, to: settings, agency: try await fixture.database.requireAgency(slug: "demo"), by: "test")
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            for index in 0..<6 {
                var answers = WebFixture.answers(.eit)
                answers["contact"] = index < 3 ? "business" : "public"
                answers["age"] = index == 0 ? "gt60" : "31-40"
                answers["gender"] = index.isMultiple(of: 2) ? "female" : "other"
                #expect(try await client.fillAndSubmit("/demo/eit", answers).response.status == .seeOther)
            }
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            // Today's answers wait until the day is over and k of them are together.
            let today = try await clerk.get("/admin/demo/\(round.fiscalYear)").html
            #expect(
                today.contains("<span data-responses=\"eit\">น้อยกว่า 3</span> / <span data-minimum=\"eit\">40</span>"))
            #expect(!today.contains("\(WebFixture.today.thai): 6"))
            // The same six answers, given yesterday, are released.
            var yesterday: [Response] = []
            for index in 0..<6 {
                var answers = WebFixture.answers(.eit)
                answers["contact"] = index < 3 ? "business" : "public"
                answers["age"] = index == 0 ? "gt60" : "31-40"
                answers["gender"] = index.isMultiple(of: 2) ? "female" : "other"
                yesterday.append(
                    try WebFixture.instrument(.eit).validate(answers, day: WebFixture.today.adding(days: -1)).get())
            }
            try await fixture.database.importResponses(yesterday, roundId: round.id)
            let dashboard = try await clerk.get("/admin/demo/\(round.fiscalYear)").html
            #expect(dashboard.contains("data-needed=\"ประเภทผู้มาติดต่อหน่วยงาน: องค์กรธุรกิจ\">7</td>"))
            // One respondent over 60 is fewer than EIT's k of 3: neither the count nor what is needed is shown.
            #expect(dashboard.contains("data-needed=\"ช่วงอายุ: มากกว่า 60 ปี\">*</td>"))
            // The six answers' genders are withheld (each gender with the rest of its profile is under k), so
            // how many said "other" is not shown: their count is only a lower bound.
            #expect(dashboard.contains("data-needed=\"เพศ: อื่น ๆ\">*</td>"))
            #expect(dashboard.contains("<span data-responses=\"eit\">6</span> / <span data-minimum=\"eit\">40</span>"))
            #expect(dashboard.contains("ยังขาดอีก 34 คน · เหลือ 10 วัน ต้องได้วันละ 4 คน"))
            #expect(dashboard.contains("<progress value=\"6\" max=\"40\">15%</progress>"))
            #expect(dashboard.contains("class=\"daily\""))
            #expect(!dashboard.contains("\(WebFixture.today.thai): "))
            let counter = try await clerk.get("/admin/demo/counter")
            #expect(counter.status == .ok)
            #expect(!counter.html.contains("http-equiv=\"refresh\""))
            // An admin's session reloaded every 30 seconds would never end: the screen mode is the counter link's.
            #expect(!counter.html.contains("refresh=1") && !counter.html.contains("เปิดโหมดจอแสดงผล"))
            #expect(counter.html.contains("data-screen-advice>") && counter.html.contains("href=\"/admin/demo\""))
            let asked = try await clerk.get("/admin/demo/counter?refresh=1").html
            #expect(!asked.contains("http-equiv=\"refresh\"") && !asked.contains("หยุดรีเฟรช"))
            #expect(counter.html.contains("EIT · องค์กรธุรกิจ</span> <span class=\"count\">7</span>"))
            #expect(counter.html.contains("EIT · มากกว่า 60 ปี</span> <span class=\"count\">*</span>"))
            #expect(counter.html.contains("EIT · รวมทั้งหมด</span> <span class=\"count\">34</span>"))
            // Gender is withheld for some of the six (their classes are under k), so whether "other" reached its
            // target is not shown either.
            #expect(counter.html.contains("EIT · อื่น ๆ</span> <span class=\"count\">*</span>"))
            #expect(!counter.html.contains("<script"))
        }
    }
}
