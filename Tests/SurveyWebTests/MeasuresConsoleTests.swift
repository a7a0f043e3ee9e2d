import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("The measures plan in the console: drafted, edited as a table, followed up, printed and downloaded")
struct MeasuresConsoleTests {
    /// The 2566 example with weak questions: i3 inside passing indicator 1, i7, e11 and O12 at 0.
    static func official() throws -> OfficialResults {
        let scores = ["95.01", "84.45", "88.62", "83.07", "86.04", "85.07", "84.54", "82.73", "100", "100"]
        var entries = scores.enumerated().map {
            OfficialResults.Entry(source: .line($0), id: String($0 + 1), score: $1)
        }
        for (id, score) in [("i3", "80.10"), ("i7", "70"), ("e11", "72.5"), ("O12", "0")] {
            entries.append(OfficialResults.Entry(source: .line(20), id: id, score: score))
        }
        return try OfficialResults.Draft(fiscalYear: 2566, entries: entries).validated().get()
    }

    /// An agency `demo` without a round, its 2566 official results, and the admin `clerk`.
    static func fixture() async throws -> WebFixture {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        try await fixture.database.saveOfficialResults(try official(), agency: agency, by: "test")
        return fixture
    }

    static func stored(_ fixture: WebFixture) async throws -> MeasuresPlan? {
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        return try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567)
    }

    /// Posts the draft button as the page shows it.
    static func draft(_ admin: AdminClient, replace: Bool = false) async throws -> TestResponse {
        let page = try await admin.get("/admin/demo/measures/2567")
        var values = ["csrf": page.html.hiddenValue("csrf") ?? ""]
        if replace { values["replace"] = "1" }
        return try await admin.post("/admin/demo/measures/2567/draft", values)
    }

    @Test(
        "the draft has a row per weak indicator with its weak questions; an edit round-trips; a second draft keeps it")
    func draftAndEdit() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let empty = try await admin.get("/admin/demo/measures/2567")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("ผลการประเมิน ITA อย่างเป็นทางการ ปีงบประมาณ พ.ศ. 2566"))
            #expect(empty.html.contains("ยังไม่มีมาตรการ"))
            let drafted = try await Self.draft(admin)
            #expect(drafted.status == .seeOther && drafted.headers[.location] == "/admin/demo/measures/2567?drafted=1")
            let page = try await admin.get("/admin/demo/measures/2567?drafted=1").html
            #expect(page.contains("ร่างมาตรการจากผลการประเมินแล้ว"))
            let values = page.formValues
            #expect((1...6).map { values["indicators-\($0)"] } == ["1", "2", "4", "7", "8", "9"])
            #expect((1...6).map { values["items-\($0)"] } == ["i3", "i7", "", "", "e11", "O12"])
            #expect(values["measure-2"] == "ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ")
            #expect(values["owner-3"] == "กองคลัง (งานพัสดุ)")

            var edited = values
            edited["measure-2"] = "อบรมการใช้จ่ายงบประมาณ \"รุ่นที่ 1\""
            edited["steps-2"] = "1) ชี้แจง\r\n2) ติดตาม"
            edited["indicators-2"] = "2, 5"
            edited["signer-name"] = "นายสมชาย ใจดี"
            edited["signer-position"] = "นายกองค์การบริหารส่วนตำบลตัวอย่าง"
            edited["do"] = "save"
            let saved = try await admin.post("/admin/demo/measures/2567", edited)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/admin/demo/measures/2567?saved=1")
            let again = try await admin.get("/admin/demo/measures/2567?saved=1").html
            #expect(again.contains("บันทึกแล้ว"))
            #expect(again.formValues["measure-2"] == "อบรมการใช้จ่ายงบประมาณ \"รุ่นที่ 1\"")
            #expect(again.formValues["steps-2"] == "1) ชี้แจง\n2) ติดตาม")
            #expect(again.formValues["indicators-2"] == "2, 5")
            #expect(again.contains("id=\"f-replace\""))

            let kept = try await Self.draft(admin)
            #expect(kept.status == .conflict && kept.html.contains("แผนนี้แก้ไขแล้วหลังการร่าง จึงไม่ร่างทับ"))
            #expect(try await Self.stored(fixture)?.rows[1].measure == "อบรมการใช้จ่ายงบประมาณ \"รุ่นที่ 1\"")
            let replaced = try await Self.draft(admin, replace: true)
            #expect(replaced.status == .seeOther)
            let redrafted = try #require(try await Self.stored(fixture))
            #expect(redrafted.rows[1].measure == "ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ")
            // The signer belongs to the agency, not to the results, and survives a new draft.
            #expect(redrafted.signer.name == "นายสมชาย ใจดี" && !redrafted.edited)
            let agencyPage = try await admin.get("/admin/demo").html
            #expect(agencyPage.contains("href=\"/admin/demo/measures/2567\">มาตรการปีงบประมาณ 2567</a> · 6 มาตรการ"))
        }
        let actions = try await fixture.database.auditEvents().map(\.action)
        #expect(actions.filter { $0 == "measures plan drafted" }.count == 2)
        #expect(actions.filter { $0 == "measures plan saved" }.count == 1)
    }

    @Test("row buttons add, move and remove rows and fill one from a suggestion without storing; save stores them")
    func rowButtons() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            var values = try await admin.get("/admin/demo/measures/2567").html.formValues
            values["do"] = "add"
            values["suggestion-new"] = "8:1"
            let added = try await admin.post("/admin/demo/measures/2567", values)
            #expect(added.status == .ok && added.html.contains("ยังไม่ได้บันทึก"))
            values = added.html.formValues
            #expect(values["measure-7"] == "เปิดให้ผู้มีส่วนได้ส่วนเสียร่วมปรับปรุงการทำงาน" && values["indicators-7"] == "8")
            values["do"] = "up-7"
            values = try await admin.post("/admin/demo/measures/2567", values).html.formValues
            #expect(values["measure-6"] == "เปิดให้ผู้มีส่วนได้ส่วนเสียร่วมปรับปรุงการทำงาน")
            #expect(values["indicators-7"] == "9")
            values["do"] = "remove-1"
            values = try await admin.post("/admin/demo/measures/2567", values).html.formValues
            #expect(values["indicators-1"] == "2" && values["measure-7"] == nil)
            values["do"] = "apply-1"
            values["suggestion-1"] = "2:1"
            values = try await admin.post("/admin/demo/measures/2567", values).html.formValues
            #expect(values["measure-1"] == "เผยแพร่แผนและผลการจัดซื้อจัดจ้าง" && values["items-1"] == "i7")
            values["do"] = "down-1"
            values = try await admin.post("/admin/demo/measures/2567", values).html.formValues
            #expect(values["indicators-1"] == "4" && values["indicators-2"] == "2")
            #expect(try await Self.stored(fixture)?.rows.count == 6)
            values["do"] = "save"
            #expect(try await admin.post("/admin/demo/measures/2567", values).status == .seeOther)
        }
        let plan = try #require(try await Self.stored(fixture))
        #expect(plan.rows.map(\.indicator) == [4, 2, 7, 8, 8, 9])
        #expect(plan.rows[1].measure == "เผยแพร่แผนและผลการจัดซื้อจัดจ้าง" && plan.rows[1].items == ["i7"])
        #expect(plan.rows[3].measure == "พัฒนาการให้บริการออนไลน์ (E-Service)")
        #expect(plan.rows[4].measure == "เปิดให้ผู้มีส่วนได้ส่วนเสียร่วมปรับปรุงการทำงาน")
    }

    @Test("bad input comes back 422 with what was typed and each problem at its input; nothing is stored")
    func badInput() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            var values = try await admin.get("/admin/demo/measures/2567").html.formValues
            values["indicators-1"] = "12"
            values["items-2"] = "i7, x9"
            values["measure-3"] = ""
            values["steps-4"] = String(repeating: "ข", count: 2001)
            values["signer-name"] = "นายทดลอง <พิมพ์ผิด>"
            values["do"] = "save"
            let refused = try await admin.post("/admin/demo/measures/2567", values)
            #expect(refused.status == .unprocessableContent)
            let html = refused.html
            #expect(html.contains("href=\"#f-indicators-1\">ตัวชี้วัดของแถวที่ 1 ต้องเป็นเลข 1–10"))
            #expect(html.contains("href=\"#f-items-2\">ข้อที่เกี่ยวข้องของแถวที่ 2 ต้องเป็นรหัสข้อ"))
            #expect(html.contains("href=\"#f-measure-3\">กรุณาใส่ชื่อมาตรการหรือโครงการของแถวที่ 3"))
            #expect(html.contains("href=\"#f-steps-4\">ขั้นตอนหรือวิธีการดำเนินการ ของแถวที่ 4 ยาวได้ไม่เกิน 2000 ตัวอักษร"))
            #expect(html.contains("Row 2: items are ids such as i7, e11, O12"))
            let back = html.formValues
            #expect(back["indicators-1"] == "12" && back["items-2"] == "i7, x9" && back["measure-3"] == "")
            #expect(back["signer-name"] == "นายทดลอง <พิมพ์ผิด>" && back["steps-4"]?.count == 2001)
            #expect(html.contains("value=\"นายทดลอง &lt;พิมพ์ผิด&gt;\""))
        }
        let plan = try #require(try await Self.stored(fixture))
        #expect(!plan.edited && plan.rows[0].indicators == [1] && plan.signer.name.isEmpty)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "measures plan saved" })
    }

    @Test("another agency's admin is refused, a bad year or a missing plan is 404, a forged form 403")
    func access() async throws {
        let fixture = try await Self.fixture()
        try await fixture.agency("other", name: "อบต.อื่น", opens: nil)
        try await fixture.admin("stranger", agency: "other")
        try await fixture.run { client in
            #expect(try await client.get("/admin/demo/measures/2567").status == .seeOther)
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(try await clerk.get("/admin/demo/measures/2567/print").status == .notFound)
            #expect(try await clerk.get("/admin/demo/measures/2567/measures.docx").status == .notFound)
            #expect(try await clerk.get("/admin/demo/measures/2567/follow-up").status == .notFound)
            #expect(try await clerk.post("/admin/demo/measures/2567/draft", [:], csrf: "AAAA").status == .forbidden)
            _ = try await Self.draft(clerk)
            let stranger = try #require(try await AdminClient.login(client, "stranger", WebFixture.password))
            for path in [
                "/admin/demo/measures/2567", "/admin/demo/measures/2567/print",
                "/admin/demo/measures/2567/measures.docx",
                "/admin/demo/measures/2567/follow-up", "/admin/demo/measures/2567/follow-up.docx",
                "/admin/demo/measures?year=2567",
            ] {
                #expect(try await stranger.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await stranger.post("/admin/demo/measures/2567", ["do": "save"]).status == .forbidden)
            #expect(try await stranger.post("/admin/demo/measures/2567/draft", ["replace": "1"]).status == .forbidden)
            #expect(try await stranger.post("/admin/demo/measures/2567/follow-up", [:]).status == .forbidden)
            for year in ["02567", "2500", "x", "2701"] {
                #expect(try await clerk.get("/admin/demo/measures/\(year)").status == .notFound, "\(year)")
            }
            let chosen = try await clerk.get("/admin/demo/measures?year=2568")
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/admin/demo/measures/2568")
            #expect(try await clerk.get("/admin/demo/measures?year=25x8").status == .unprocessableContent)
            let none = try await clerk.get("/admin/demo/measures/2569")
            #expect(none.html.contains("ยังไม่มีผลการประเมินอย่างเป็นทางการหรือรอบการประเมินของหน่วยงานในปี 2568"))
        }
        let plan = try #require(try await Self.stored(fixture))
        #expect(!plan.edited && plan.rows.count == 6)
    }

    @Test("the follow-up: output and outcome per row, the approvals, printed by issue area, downloaded as DOCX")
    func followUp() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            var values = try await admin.get("/admin/demo/measures/2567/follow-up").html.formValues
            #expect(values["plan"]?.isEmpty == false)
            values["output-2"] = "ชี้แจงแผน 2 ครั้ง"
            values["outcome-2"] = "บุคลากรร้อยละ 90 ทราบแผน"
            values["officer-name"] = "นางสาวเอ บี"
            values["chiefExecutive-name"] = "นายสมชาย ใจดี"
            values["chiefExecutive-position"] = "นายกองค์การบริหารส่วนตำบลตัวอย่าง"
            let saved = try await admin.post("/admin/demo/measures/2567/follow-up", values)
            #expect(saved.status == .seeOther)
            let page = try await admin.get("/admin/demo/measures/2567/follow-up?saved=1").html
            #expect(page.contains("บันทึกแล้ว") && page.formValues["outcome-2"] == "บุคลากรร้อยละ 90 ทราบแผน")

            var long = values
            long["output-1"] = String(repeating: "ก", count: 2001)
            let refused = try await admin.post("/admin/demo/measures/2567/follow-up", long)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("href=\"#f-output-1\">ผลผลิต (Output) ของแถวที่ 1 ยาวได้ไม่เกิน 2000"))
            #expect(refused.html.formValues["output-1"]?.count == 2001)

            let printed = try await admin.get("/admin/demo/measures/2567/follow-up/print").html
            let areas = printed.matches(of: /<h2 data-area>([^<]+)</).map { String($0.output.1) }
            #expect(
                areas == [
                    IssueArea.transparentProcess.name, IssueArea.serviceAndEService.name, IssueArea.publicity.name,
                    IssueArea.governmentProperty.name, IssueArea.budgetAndProcurement.name,
                ])
            #expect(printed.contains("<td>ชี้แจงแผน 2 ครั้ง</td><td>บุคลากรร้อยละ 90 ทราบแผน</td>"))
            #expect(printed.contains("<p>(นางสาวเอ บี)</p>") && printed.contains("<p>นายกองค์การบริหารส่วนตำบลตัวอย่าง</p>"))
            #expect(printed.contains("☐ อนุมัติ ☐ ไม่อนุมัติ") && printed.contains("<p>หัวหน้าสำนักปลัด</p>"))

            let planPrint = try await admin.get("/admin/demo/measures/2567/print").html
            #expect(planPrint.contains("<h1>มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567</h1>"))
            #expect(planPrint.contains("<td>2</td><td>ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ</td>"))
            #expect(planPrint.contains("<td>ตัวชี้วัดที่ 2 (i7)</td>"))
            #expect(planPrint.contains("ประกาศ ณ วันที่ ........ เดือน"))

            let head = try await admin.client.execute(
                uri: "/admin/demo/measures/2567/measures.docx", method: .head, headers: [.cookie: admin.cookie])
            #expect(head.status == .ok)
            let docx = try await admin.get("/admin/demo/measures/2567/measures.docx")
            #expect(docx.status == .ok && Array(docx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(
                docx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let disposition = docx.headers[.contentDisposition] ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\"demo-measures-2567.docx\"; filename*=UTF-8''%E0%B8"))
            let report = try await admin.get("/admin/demo/measures/2567/follow-up.docx")
            #expect(report.headers[.contentDisposition]?.contains("filename=\"demo-follow-up-2567.docx\"") == true)
        }
        let plan = try #require(try await Self.stored(fixture))
        #expect(plan.rows[1].output == "ชี้แจงแผน 2 ครั้ง" && plan.approvals.officer.name == "นางสาวเอ บี")
        #expect(plan.rows[0].output.isEmpty)
        let actions = try await fixture.database.auditEvents().map(\.action)
        #expect(actions.filter { $0 == "measures plan downloaded" }.count == 1)
        #expect(actions.filter { $0 == "measures follow-up downloaded" }.count == 1)
        #expect(actions.filter { $0 == "measures follow-up saved" }.count == 1)
    }

    @Test("both DOCX files come with Thai digits when asked, linked from their pages; the default keeps Arabic")
    func thaiDigits() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            let page = try await admin.get("/admin/demo/measures/2567").html
            #expect(page.contains("href=\"/admin/demo/measures/2567/measures.docx?digits=thai\" data-docx-thai"))
            let followUp = try await admin.get("/admin/demo/measures/2567/follow-up").html
            #expect(followUp.contains("href=\"/admin/demo/measures/2567/follow-up.docx?digits=thai\" data-docx-thai"))
            for name in ["measures", "follow-up"] {
                let thai = try DocxText.documentXML(
                    Array(
                        try await admin.get("/admin/demo/measures/2567/\(name).docx?digits=thai").body.readableBytesView
                    ))
                #expect(thai.contains("พ.ศ. ๒๕๖๗") && !thai.contains("2567"), "\(name)")
                let arabic = try DocxText.documentXML(
                    Array(try await admin.get("/admin/demo/measures/2567/\(name).docx").body.readableBytesView))
                #expect(arabic.contains("พ.ศ. 2567") && !arabic.contains("๒๕๖๗"), "\(name)")
            }
        }
    }

    @Test("a follow-up typed for rows that were since changed is refused with 409, and nothing is stored")
    func staleFollowUp() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            var followUp = try await admin.get("/admin/demo/measures/2567/follow-up").html.formValues
            var plan = try await admin.get("/admin/demo/measures/2567").html.formValues
            plan["do"] = "down-1"
            plan = try await admin.post("/admin/demo/measures/2567", plan).html.formValues
            plan["do"] = "save"
            #expect(try await admin.post("/admin/demo/measures/2567", plan).status == .seeOther)
            followUp["output-1"] = "ผลของแถวเดิม"
            #expect(try await admin.post("/admin/demo/measures/2567/follow-up", followUp).status == .conflict)
        }
        #expect(try await Self.stored(fixture)?.rows.allSatisfy(\.output.isEmpty) == true)
    }

    @Test("a plan page opened before a follow-up was saved does not save the older results back: 409, then kept")
    func planPageAfterFollowUp() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await Self.draft(admin)
            var plan = try await admin.get("/admin/demo/measures/2567").html.formValues
            var followUp = try await admin.get("/admin/demo/measures/2567/follow-up").html.formValues
            followUp["output-1"] = "จัดอบรม 2 ครั้ง"
            followUp["outcome-2"] = "ร้องเรียนลดลง"
            #expect(try await admin.post("/admin/demo/measures/2567/follow-up", followUp).status == .seeOther)

            plan["steps-1"] = "ขั้นตอนที่แก้ในหน้ามาตรการ"
            plan["do"] = "save"
            let refused = try await admin.post("/admin/demo/measures/2567", plan)
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("มีการบันทึกผลการดำเนินการ (Output/Outcome) ของแผนนี้"))
            let shown = refused.html.formValues
            #expect(shown["steps-1"] == "ขั้นตอนที่แก้ในหน้ามาตรการ")
            #expect(shown["output-1"] == "จัดอบรม 2 ครั้ง" && shown["outcome-2"] == "ร้องเรียนลดลง")
            let unchanged = try #require(try await Self.stored(fixture))
            #expect(unchanged.rows[0].steps != "ขั้นตอนที่แก้ในหน้ามาตรการ")

            var again = shown
            again["do"] = "save"
            #expect(try await admin.post("/admin/demo/measures/2567", again).status == .seeOther)
        }
        let stored = try #require(try await Self.stored(fixture))
        #expect(stored.rows[0].steps == "ขั้นตอนที่แก้ในหน้ามาตรการ")
        #expect(stored.rows[0].output == "จัดอบรม 2 ครั้ง" && stored.rows[1].outcome == "ร้องเรียนลดลง")
    }
}

extension String {
    /// What a browser would send of the page's form inputs and text areas (not its selects or buttons).
    var formValues: [String: String] {
        var values: [String: String] = [:]
        for input in matches(of: /<input [^>]*>/) {
            let tag = String(input.output)
            guard let name = tag.firstMatch(of: /name="([^"]*)"/)?.output.1 else { continue }
            if tag.contains("type=\"checkbox\"") { continue }
            values[String(name)] =
                (tag.firstMatch(of: /value="([^"]*)"/)?.output.1).map { String($0).unescapedHTML } ?? ""
        }
        for area in matches(of: /<textarea [^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/) {
            values[String(area.output.1)] = String(area.output.2).unescapedHTML
        }
        return values
    }

    /// The text an HTML-escaped attribute or element stands for.
    var unescapedHTML: String {
        replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
