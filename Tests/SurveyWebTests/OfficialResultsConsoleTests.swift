import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Official results in the console: one form, saved whole, the computed result shown, access as elsewhere")
struct OfficialResultsConsoleTests {
    /// The published 2566 result of a เทศบาลตำบล, as the form posts it.
    static let example: [String: String] = {
        let scores = ["95.01", "84.45", "88.62", "83.07", "86.04", "85.07", "84.54", "82.73", "100", "100"]
        var values = Dictionary(uniqueKeysWithValues: scores.enumerated().map { ("indicator\($0 + 1)", $1) })
        values["note8"] = "E11, E12: แสดงการปรับปรุงเทียบกับปีก่อน"
        values["total"] = "91.47"
        values["levels"] = ""
        values["rows"] = "e11,72.5,\"เทียบกับปีก่อน, ทุกไตรมาส\"\r\nO39,0,แผนต้องครอบคลุมทั้งปี\r\n,,ข้อสังเกตทั่วไป\r\n"
        return values
    }()

    /// Posts the form with the CSRF token of the page, as a browser does.
    static func post(_ admin: AdminClient, _ path: String, _ values: [String: String]) async throws -> TestResponse {
        let page = try await admin.get(path)
        return try await admin.post(path, values, csrf: page.html.hiddenValue("csrf") ?? "")
    }

    @Test("the 2566 example saved in the browser: ranked table, 91.47, ผ่าน, and the form shows what was saved")
    func roundTrip() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let empty = try await admin.get("/admin/demo/official/2566")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("<label for=\"f-indicator9\">9 การเปิดเผยข้อมูล (OIT)</label>"))
            #expect(empty.html.contains("ตามปีงบประมาณ (ระดับผ่าน"))
            #expect(!empty.html.contains("data-official-result"))
            let saved = try await Self.post(admin, "/admin/demo/official/2566", Self.example)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/demo/official/2566?saved=1")
            let page = try await admin.get("/admin/demo/official/2566?saved=1").html
            #expect(page.contains("บันทึกแล้ว"))
            let ranks = page.matches(of: /data-rank="(\d+)">(\d+)</).map { "\($0.output.1):\($0.output.2)" }
            #expect(ranks == ["9:1", "10:1", "1:3", "3:4", "5:5", "6:6", "7:7", "2:8", "4:9", "8:10"])
            #expect(page.contains("data-indicator=\"8\">82.73<"))
            #expect(page.contains("data-tool=\"iit\">87.44<") && page.contains("data-tool=\"eit\">84.11<"))
            #expect(page.contains("data-tool=\"total\">91.47<") && page.contains("data-level>ผ่าน<"))
            #expect(page.contains("data-item=\"e11\">72.50<"))
            #expect(page.contains("<strong>8</strong> E11, E12: แสดงการปรับปรุงเทียบกับปีก่อน"))
            #expect(page.contains("value=\"95.01\"") && page.contains("value=\"91.47\""))
            #expect(
                page.contains(
                    "e11,72.5,&quot;เทียบกับปีก่อน, ทุกไตรมาส&quot;\nO39,0,แผนต้องครอบคลุมทั้งปี\n,,ข้อสังเกตทั่วไป\n</textarea>"))
            var letters = Self.example
            letters["levels"] = "letters"
            #expect(try await Self.post(admin, "/admin/demo/official/2566", letters).status == .seeOther)
            let graded = try await admin.get("/admin/demo/official/2566").html
            #expect(graded.contains("data-level>A<") && graded.contains("<option value=\"letters\" selected>"))
            let agencyPage = try await admin.get("/admin/demo").html
            #expect(agencyPage.contains("href=\"/admin/demo/official/2566\">ปีงบประมาณ 2566</a> · คะแนนรวม 91.47 · A"))
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let stored = try #require(try await fixture.database.officialResults(agencyId: agency.id, year: 2566))
        #expect(stored.total?.formatted == "91.47" && stored.levelScheme == .letters && stored.itemScores.count == 2)
        let audit = try await fixture.database.auditEvents()
        #expect(audit.filter { $0.action == "official results saved" && $0.username == "clerk" }.count == 2)
    }

    @Test("ten notes of 1,000 Thai characters, the form's own limit, are stored: 90 KB once form-encoded")
    func longThaiNotes() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            var values = Self.example
            for number in 1...10 { values["note\(number)"] = String(repeating: "ก", count: 1000) }
            #expect(try await Self.post(admin, "/admin/demo/official/2566", values).status == .seeOther)
        }
        let stored = try #require(try await fixture.database.officialResults(agencyId: 1, year: 2566))
        #expect(stored.notes.filter { $0.text.count == 1000 }.count == 10)
    }

    @Test("bad input comes back 422 with what was typed and each problem at its input; nothing is stored")
    func badInput() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            var values = Self.example
            values["indicator3"] = "88,62"
            values["total"] = "91.99"
            values["rows"] = "i5,80\ni99,50,ไม่มีข้อนี้\n"
            let refused = try await Self.post(admin, "/admin/demo/official/2566", values)
            #expect(refused.status == .unprocessableContent)
            let html = refused.html
            #expect(html.contains("value=\"88,62\"") && html.contains("value=\"91.99\""))
            #expect(html.contains("i5,80\ni99,50,ไม่มีข้อนี้\n</textarea>"))
            #expect(html.contains("href=\"#f-indicator3\">คะแนนของตัวชี้วัดที่ 3 ต้องเป็นตัวเลข 0–100"))
            #expect(html.contains("href=\"#f-rows\">บรรทัด 2: ไม่รู้จักรหัส “i99”"))
            #expect(html.contains("line 2: Unknown id “i99”"))
            #expect(!html.contains("data-official-result"))
            var mismatch = Self.example
            mismatch["total"] = "91.49"
            let disagreeing = try await Self.post(admin, "/admin/demo/official/2566", mismatch)
            #expect(disagreeing.status == .unprocessableContent)
            #expect(
                disagreeing.html.contains("href=\"#f-total\">คะแนนรวมที่ใส่ (91.49) ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด (91.47)"))
            #expect(disagreeing.html.contains("does not match 91.47 computed from the indicators"))
            var long = Self.example
            long["rows"] = String(repeating: "x", count: 60_001)
            #expect(try await Self.post(admin, "/admin/demo/official/2566", long).status == .unprocessableContent)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        #expect(try await fixture.database.officialResults(agencyId: agency.id, year: 2566) == nil)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "official results saved" })
    }

    @Test("an admin of another agency gets 403, an unknown agency or year 404, a forged form 403, nothing stored")
    func access() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.agency("other", name: "อบต.อื่น", opens: nil)
        try await fixture.admin("clerk", agency: "other")
        try await fixture.run { client in
            #expect(try await client.get("/admin/demo/official/2566").status == .seeOther)
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(try await admin.get("/admin/demo/official/2566").status == .forbidden)
            #expect(try await admin.post("/admin/demo/official/2566", Self.example).status == .forbidden)
            #expect(try await admin.get("/admin/demo/official?year=2566").status == .forbidden)
            #expect(try await admin.get("/admin/nobody/official/2566").status == .notFound)
            for year in ["02566", "2499", "abc", "2701"] {
                #expect(try await admin.get("/admin/other/official/\(year)").status == .notFound, "\(year)")
            }
            #expect(try await admin.post("/admin/other/official/2566", Self.example, csrf: "AAAA").status == .forbidden)
            let chosen = try await admin.get("/admin/other/official?year=2566")
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/admin/other/official/2566")
            #expect(try await admin.get("/admin/other/official?year=25x6").status == .unprocessableContent)
        }
        for slug in ["demo", "other"] {
            let agency = try #require(try await fixture.database.agency(slug: slug))
            #expect(try await fixture.database.officialResults(agencyId: agency.id, year: 2566) == nil)
        }
    }

    @Test("a round's level scheme is chosen in its settings and names itself on the dashboard")
    func roundScheme() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let year = round.fiscalYear
            let form = try await admin.get("/admin/demo/\(year)/edit").html
            #expect(form.contains("<option value=\"\" selected>ตามปีงบประมาณ (ระดับผ่าน"))
            var values = RoundSettingsTests.settings(year: year)
            values["levels"] = "letters"
            #expect(try await admin.post("/admin/demo/\(year)/edit", values).status == .seeOther)
            #expect(
                try await admin.get("/admin/demo/\(year)/edit").html.contains("<option value=\"letters\" selected>"))
            let dashboard = try await admin.get("/admin/demo/\(year)").html
            #expect(dashboard.contains("เกณฑ์ระดับตัวอักษร (AA–F) ของปีงบประมาณ 2562–2565 — เลือกใช้สำหรับรอบนี้"))
            values["levels"] = "grades"
            let refused = try await admin.post("/admin/demo/\(year)/edit", values)
            #expect(refused.status == .unprocessableContent && refused.html.contains("href=\"#f-levels\""))
        }
        #expect(try await fixture.database.round(id: round.id)?.levelScheme == .letters)
    }
}
