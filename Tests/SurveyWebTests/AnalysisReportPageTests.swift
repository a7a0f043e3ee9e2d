import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("The analysis report: official results or the agency's own round, printable, as DOCX, with วิธีการพัฒนา")
struct AnalysisReportPageTests {
    /// The 2566 example with a weak item inside a passing indicator (i3 in indicator 1), a weak EIT item and an
    /// OIT item at 0 with the assessor's note.
    static var example: [String: String] {
        var values = OfficialResultsConsoleTests.example
        values["rows"] =
            "i3,80.10,\r\ne11,72.5,\"เทียบกับปีก่อน, ทุกไตรมาส\"\r\nO39,0,แผนต้องครอบคลุมทั้งปี\r\n,,ข้อสังเกตทั่วไป\r\n"
        return values
    }

    /// An agency `demo` without a round, its admin `clerk`, and the 2566 example saved through the console.
    static func official() async throws -> WebFixture {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let saved = try await OfficialResultsConsoleTests.post(admin, "/admin/demo/official/2566", Self.example)
            #expect(saved.status == .seeOther)
        }
        return fixture
    }

    /// Text as the page escapes it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test("official 2566: criteria table, 91.47 ผ่าน, ranked 9,10,1,3,5,6,7,2,4,8, weak questions with their text")
    func officialReport() async throws {
        let fixture = try await Self.official()
        let i3 = AnalysisReport.fullText(try #require(WebFixture.instrument(.iit).item("i3")))
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(
                try await admin.get("/admin/demo/official/2566").html.contains(
                    "href=\"/admin/demo/official/2566/report\""))
            let response = try await admin.get("/admin/demo/official/2566/report")
            #expect(response.status == .ok)
            let page = response.html
            #expect(page.contains("data-source=\"official\"") && page.contains("ผลการประเมิน ITA อย่างเป็นทางการ"))
            let criteria = try #require(page.firstMatch(of: /<table class="data" data-criteria>([\s\S]*?)<\/table>/))
            #expect(criteria.output.1.contains("<tr><td>ผ่าน</td><td>คะแนนรวมตั้งแต่ 85 แต่มีเครื่องมือที่ได้ต่ำกว่า 85</td></tr>"))
            #expect(criteria.output.1.matches(of: /<tr>/).count == 6)
            #expect(page.contains("data-tool=\"total\">91.47<") && page.contains("data-level>ผ่าน<"))
            #expect(page.contains("data-tool=\"iit\">87.44<") && page.contains("data-tool=\"oit\">100.00<"))
            let ranks = page.matches(of: /data-rank="(\d+)">(\d+)</).map { "\($0.output.1):\($0.output.2)" }
            #expect(ranks == ["9:1", "10:1", "1:3", "3:4", "5:5", "6:6", "7:7", "2:8", "4:9", "8:10"])
            #expect(
                page.matches(of: /data-strength="(\d+)"/).map { String($0.output.1) } == [
                    "9", "10", "1", "3", "5", "6",
                ])
            #expect(page.matches(of: /data-weakness="(\d+)"/).map { String($0.output.1) } == ["7", "2", "4", "8"])
            #expect(page.contains(IndicatorGuide.of(4)!.measures))
            // i3 is weak inside indicator 1, which passed with 95.01.
            #expect(page.matches(of: /data-question="([^"]+)"/).map { String($0.output.1) } == ["i3", "e11", "O39"])
            #expect(page.contains("<td rowspan=\"1\">ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (95.01)</td><td>i3 \(Self.escaped(i3))"))
            #expect(page.contains("data-score=\"O39\">0.00<"))
            #expect(
                page.contains(
                    "O39 ข้อ O39 ของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)<br><em class=\"note\">ข้อสังเกตของผู้ประเมิน: แผนต้องครอบคลุมทั้งปี</em>"
                ))
            #expect(page.contains("data-how=\"i3\">\(IndicatorGuide.of(1)!.howToImprove)<"))
            #expect(page.contains("<li>ตัวชี้วัดที่ 8: E11, E12: แสดงการปรับปรุงเทียบกับปีก่อน</li><li>ข้อสังเกตทั่วไป</li>"))
            #expect(!page.contains("data-warning") && !page.contains("กำหนดมาตรการ ผู้รับผิดชอบ และระยะเวลา"))
            #expect(page.contains("จัดทำเป็นแผนมาตรการแยกต่างหาก"))
            #expect(try await admin.get("/admin/demo/official/2567/report").status == .notFound)
        }
        let viewed = try await fixture.database.auditEvents().filter { $0.action == "report viewed" }
        #expect(viewed.map(\.detail) == ["2566 official"])
    }

    @Test("own round below its IIT minimum: a warning box and the IIT marked; both reports of the year link each other")
    func ownRoundBelowMinimum() async throws {
        let fixture = try WebFixture()
        let staff = (0..<10).map { _ in Staff(gender: "female", age: "41-50", education: "bachelor", daysAgo: 5) }
        let round = try await KAnonymityTests.round(fixture, iit: staff)
        let year = round.fiscalYear
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let page = try await admin.get("/admin/demo/\(year)/report").html
            #expect(page.contains("data-source=\"own\"") && page.contains("ไม่ใช่ผลการประเมินอย่างเป็นทางการ"))
            #expect(page.contains("<strong>คำเตือน:</strong> IIT มีผู้ตอบ 10 คน ต่ำกว่าขั้นต่ำ 36 คน"))
            #expect(page.contains("data-short=\"iit\">ผู้ตอบต่ำกว่าขั้นต่ำ"))
            #expect(page.contains("จุดที่ควรพัฒนา · ผู้ตอบต่ำกว่าขั้นต่ำ") || page.contains("จุดแข็ง · ผู้ตอบต่ำกว่าขั้นต่ำ"))
            #expect(page.matches(of: /data-rank="(\d+)"/).count == 8)
            #expect(page.contains("IIT: ช่วงอายุ จำแนกตามเพศ") && page.contains("data-digest"))
            #expect(!page.contains("data-other-report"))
            var values = OfficialResultsConsoleTests.example
            values["total"] = ""
            #expect(
                try await OfficialResultsConsoleTests.post(admin, "/admin/demo/official/\(year)", values).status
                    == .seeOther)
            let linked = try await admin.get("/admin/demo/\(year)/report").html
            #expect(linked.contains("href=\"/admin/demo/official/\(year)/report\" data-other-report"))
            let official = try await admin.get("/admin/demo/official/\(year)/report").html
            #expect(official.contains("href=\"/admin/demo/\(year)/report\" data-other-report"))
            #expect(official.contains("data-source=\"official\"") && !official.contains("data-warning"))
        }
    }

    @Test(
        "a published total 0.01 from the printed indicators' is saved and reported as published, the page and DOCX saying why"
    )
    func publishedTotalByRounding() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            var values = OfficialResultsConsoleTests.example
            values["total"] = "91.48"
            let saved = try await OfficialResultsConsoleTests.post(admin, "/admin/demo/official/2566", values)
            #expect(saved.status == .seeOther)
            let page = try await admin.get("/admin/demo/official/2566/report").html
            #expect(page.contains("data-tool=\"total\">91.48<") && page.contains("data-level>ผ่าน<"))
            let note = "คะแนนรวมนี้เป็นคะแนนที่สำนักงาน ป.ป.ช. ประกาศ"
            #expect(page.contains("<p class=\"note\" data-total-note>\(note)") && page.contains("จะได้ 91.47</p>"))
            let xml = try DocxText.documentXML(
                Array(try await admin.get("/admin/demo/official/2566/report.docx").body.readableBytesView))
            #expect(xml.contains(note) && xml.contains("91.48"))
            let entered = try await admin.get("/admin/demo/official/2566").html
            #expect(entered.contains("data-tool=\"total\">91.48<"))
            #expect(entered.contains("ตามที่ประกาศ ซึ่ง ป.ป.ช. คำนวณจากคะแนนก่อนปัดเศษ (คำนวณจากตัวชี้วัดที่ประกาศได้ 91.47)"))
            let exact = try await OfficialResultsConsoleTests.post(
                admin, "/admin/demo/official/2566", OfficialResultsConsoleTests.example)
            #expect(exact.status == .seeOther)
            #expect(!(try await admin.get("/admin/demo/official/2566/report").html.contains("data-total-note")))
            #expect(
                try await admin.get("/admin/demo/official/2566").html.contains(
                    "ตามที่ประกาศ ตรงกับที่คำนวณจากตัวชี้วัด (IIT 30% + EIT 30% + OIT 40%)"))
        }
    }

    @Test("วิธีการพัฒนา edited on its page shows on the report and in the DOCX; cleared, the standard text is back")
    func improvementsRoundTrip() async throws {
        let fixture = try await Self.official()
        let written = "จัดประชุมชี้แจงแนวทางการทำงาน & ติดตามผลทุกเดือน โดยงานการเจ้าหน้าที่"
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let form = try await admin.get("/admin/demo/analysis/2566/improvements")
            #expect(form.status == .ok)
            #expect(form.html.contains(">\(IndicatorGuide.of(1)!.howToImprove)</textarea>"))
            var values = Self.fields(form.html)
            values["how-i3"] = written
            let saved = try await admin.post(
                "/admin/demo/analysis/2566/improvements", values, csrf: form.html.hiddenValue("csrf") ?? "")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/demo/analysis/2566/improvements?saved=1")
            let page = try await admin.get("/admin/demo/official/2566/report").html
            #expect(page.contains("data-how=\"i3\">\(Self.escaped(written))<"))
            #expect(page.contains("data-how=\"e11\">\(IndicatorGuide.of(8)!.howToImprove)<"))

            let download = try await admin.get("/admin/demo/official/2566/report.docx")
            #expect(download.status == .ok)
            #expect(
                download.headers[.contentType]
                    == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let disposition = try #require(download.headers[.contentDisposition])
            #expect(
                disposition.hasPrefix(
                    "attachment; filename=\"ita-analysis-demo-2566-official.docx\"; filename*=UTF-8''%E0%B8%A3"))
            #expect(disposition.allSatisfy { $0.isASCII })
            let xml = try DocxText.documentXML(Array(download.body.readableBytesView))
            #expect(xml.contains(Self.escaped(written).replacingOccurrences(of: "&quot;", with: "\"")))
            #expect(xml.contains("91.47") && xml.contains("แผนต้องครอบคลุมทั้งปี"))

            let thai = try await admin.get("/admin/demo/official/2566/report?digits=thai").html
            #expect(thai.contains("data-tool=\"total\">๙๑.๔๗<") && thai.contains("data-rank=\"9\">๑<"))
            #expect(thai.contains("href=\"/admin/demo/official/2566/report.docx?digits=thai\" data-docx"))
            let thaiXML = try DocxText.documentXML(
                Array(try await admin.get("/admin/demo/official/2566/report.docx?digits=thai").body.readableBytesView))
            #expect(thaiXML.contains("๙๑.๔๗") && !thaiXML.contains("91.47"))

            values["how-i3"] = "   "
            let again = try await admin.get("/admin/demo/analysis/2566/improvements")
            #expect(again.html.contains(">\(Self.escaped(written))</textarea>"))
            #expect(
                try await admin.post(
                    "/admin/demo/analysis/2566/improvements", values, csrf: again.html.hiddenValue("csrf") ?? ""
                ).status == .seeOther)
            let restored = try await admin.get("/admin/demo/official/2566/report").html
            #expect(restored.contains("data-how=\"i3\">\(IndicatorGuide.of(1)!.howToImprove)<"))
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        #expect(try await fixture.database.improvementNotes(agencyId: agency.id, year: 2566).isEmpty)
        let changes = try await fixture.database.auditEvents().filter { $0.action == "improvement notes changed" }
        #expect(changes.map(\.detail) == ["2566: i3", "2566: i3"])
        let viewed = try await fixture.database.auditEvents().filter { $0.action == "report viewed" }.map(\.detail)
        #expect(viewed.filter { $0 == "2566 official docx" }.count == 2)
    }

    @Test("a post that sends only some questions changes only those: the others keep what was written")
    func improvementsPartly() async throws {
        let fixture = try await Self.official()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let form = try await admin.get("/admin/demo/analysis/2566/improvements")
            var values = Self.fields(form.html)
            values["how-i3"] = "อบรมหัวหน้างานเรื่องการมอบหมายงาน"
            values["how-e11"] = "สำรวจความพอใจทุกไตรมาส"
            let csrf = form.html.hiddenValue("csrf") ?? ""
            #expect(
                try await admin.post("/admin/demo/analysis/2566/improvements", values, csrf: csrf).status == .seeOther)
            let only = ["how-e11": "ประชุมปรับปรุงบริการทุกเดือน"]
            #expect(
                try await admin.post("/admin/demo/analysis/2566/improvements", only, csrf: csrf).status == .seeOther)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let notes = try await fixture.database.improvementNotes(agencyId: agency.id, year: 2566)
        #expect(notes == ["i3": "อบรมหัวหน้างานเรื่องการมอบหมายงาน", "e11": "ประชุมปรับปรุงบริการทุกเดือน"])
    }

    @Test("too long or with control characters: 422 with what was typed and the problem at its field; nothing stored")
    func badInput() async throws {
        let fixture = try await Self.official()
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let form = try await admin.get("/admin/demo/analysis/2566/improvements")
            var values = Self.fields(form.html)
            let long = String(repeating: "ก", count: ImprovementNote.maximumLength + 1)
            values["how-i3"] = long
            values["how-O39"] = "เผยแพร่แผน\u{07}ทั้งปี"
            values["how-e11"] = "ข้อความที่ถูกต้อง"
            let refused = try await admin.post(
                "/admin/demo/analysis/2566/improvements", values, csrf: form.html.hiddenValue("csrf") ?? "")
            #expect(refused.status == .unprocessableContent)
            let html = refused.html
            #expect(html.contains("href=\"#f-how-i3\">วิธีการพัฒนายาวได้ไม่เกิน 1000 ตัวอักษร (ใส่มา 1001)"))
            #expect(html.contains("href=\"#f-how-O39\">วิธีการพัฒนา มีอักขระพิเศษที่มองไม่เห็น"))
            #expect(html.contains(">\(long)</textarea>") && html.contains(">ข้อความที่ถูกต้อง</textarea>"))
            #expect(
                try await admin.post("/admin/demo/analysis/2566/improvements", values, csrf: "AAAA").status
                    == .forbidden)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        #expect(try await fixture.database.improvementNotes(agencyId: agency.id, year: 2566).isEmpty)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "improvement notes changed" })
    }

    @Test("another agency's admin is refused every report page; HEAD of the official DOCX writes nothing")
    func access() async throws {
        let fixture = try await Self.official()
        try await fixture.agency("other", name: "อบต.อื่น", opens: nil)
        try await fixture.admin("stranger", agency: "other")
        try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let head = try await client.execute(
                uri: "/admin/demo/official/2566/report.docx", method: .head, headers: [.cookie: clerk.cookie])
            #expect(head.status == .ok && head.body.readableBytes == 0)
            let stranger = try #require(try await AdminClient.login(client, "stranger", WebFixture.password))
            for path in [
                "/admin/demo/official/2566/report", "/admin/demo/official/2566/report.docx",
                "/admin/demo/analysis/2566/improvements",
            ] {
                #expect(try await stranger.get(path).status == .forbidden, "\(path)")
            }
            #expect(
                try await stranger.post("/admin/demo/analysis/2566/improvements", ["how-i3": "x"]).status == .forbidden)
            #expect(try await client.get("/admin/demo/official/2566/report").status == .seeOther)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        #expect(try await fixture.database.improvementNotes(agencyId: agency.id, year: 2566).isEmpty)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "report viewed" })
    }

    /// The textareas of the improvements form with what they hold.
    static func fields(_ html: String) -> [String: String] {
        var values: [String: String] = [:]
        for match in html.matches(of: /<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/) {
            values[String(match.output.1)] = String(match.output.2)
        }
        return values
    }
}

/// The text of a .docx's body, read with Python's zipfile as a reader outside our code would.
enum DocxText {
    static func documentXML(_ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.docx")
        try Data(bytes).write(to: file)
        let output = folder.appendingPathComponent("document.xml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))",
            file.path, output.path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try String(contentsOf: output, encoding: .utf8)
    }
}
