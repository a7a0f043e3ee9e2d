import Foundation
import HummingbirdTesting
import SurveyCore
import Testing

@Suite("The public form pages")
struct FormPageTests {
    @Test("the EIT page asks the profile then every item, Thai first, within 30 KB with its CSS")
    func eitPage() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let page = try await client.get("/demo/eit")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = page.html
            #expect(html.contains("<html lang=\"th\">"))
            #expect(html.contains("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"))
            #expect(html.contains("องค์การบริหารส่วนตำบลตัวอย่าง"))
            let overview = WebFixture.instrument(.eit).overview
            #expect(
                html.contains(
                    "ต้องตอบทุกข้อ แบบสอบถามมี 15 ข้อ รวม 23 คำตอบ (นับข้อย่อยและข้อมูลผู้ตอบ 4 ข้อ)"
                        + " ใช้เวลาประมาณ \(overview.minutes) นาที"))
            let expected = Set(
                ["gender", "age", "education", "contact"] + WebFixture.instrument(.eit).fields.map(\.id))
            #expect(html.radioNames == expected)
            // Profile questions come before the first item.
            #expect(html.range(of: "name=\"contact\"")!.lowerBound < html.range(of: "name=\"e1a\"")!.lowerBound)
            #expect(html.contains("<legend>1. เจ้าหน้าที่ของหน่วยงานนี้ให้บริการท่านในเรื่องต่อไปนี้ มากน้อยเพียงใด</legend>"))
            #expect(html.contains("<legend>ก. ทำตามขั้นตอนที่กำหนด</legend>"))
            #expect(html.contains("<fieldset"))
            #expect(!html.contains("<script"))
            let css = try await client.get("/static/prongsai.css")
            #expect(css.status == .ok)
            #expect(page.body.readableBytes + css.body.readableBytes <= 30 * 1024)
        }
    }

    @Test("the IIT page has all 51 answer fields within 60 KB with its CSS")
    func iitPage() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let page = try await client.get("/demo/iit")
            #expect(page.status == .ok)
            #expect(page.html.radioNames.count == 3 + 51)
            let css = try await client.get("/static/prongsai.css")
            #expect(page.body.readableBytes + css.body.readableBytes <= 60 * 1024)
        }
    }

    @Test("every page carries no-referrer, nosniff and a strict CSP, sets no cookie and loads nothing from elsewhere")
    func headers() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            for path in ["/", "/demo/eit", "/demo/eit/poster", "/demo/eit/qr.svg", "/demo/eit/thanks", "/nowhere/eit"] {
                let response = try await client.get(path)
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(path)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(path)")
                let policy = response.headers[.init("Content-Security-Policy")!] ?? ""
                #expect(policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'"), "\(path)")
                #expect(response.headers[.setCookie] == nil, "\(path)")
                #expect(response.headers[.init("Strict-Transport-Security")!] != nil, "https public URL: \(path)")
                #expect(!response.html.contains("src=\"http") && !response.html.contains("href=\"http"), "\(path)")
            }
        }
    }

    @Test("each form gets a fresh one-time token")
    func freshTokens() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let first = try await client.get("/demo/eit").html.formToken
            let second = try await client.get("/demo/eit").html.formToken
            #expect(first != nil && second != nil && first != second)
        }
    }

    @Test("?lang=en switches the whole form to English and keeps it on submit")
    func english() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let html = try await client.get("/demo/eit?lang=en").html
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("External perception survey (EIT)"))
            #expect(html.contains("<legend>a. Following the set procedure</legend>"))
            #expect(html.contains("action=\"/demo/eit?lang=en\""))
            #expect(html.contains("Least or none"))
        }
    }

    @Test("the start page lists agencies with their forms and filters them without JavaScript")
    func home() async throws {
        let fixture = try WebFixture()
        try await fixture.agency("nongbua", name: "องค์การบริหารส่วนตำบลหนองบัว")
        try await fixture.agency("bangrak", name: "เทศบาลตำบลบางรัก")
        try await fixture.run { client in
            let all = try await client.get("/").html
            #expect(all.contains("องค์การบริหารส่วนตำบลหนองบัว") && all.contains("เทศบาลตำบลบางรัก"))
            #expect(all.contains("href=\"/nongbua/eit?lang=th\"") && all.contains("href=\"/nongbua/iit?lang=th\""))
            let found = try await client.get("/?q=%E0%B8%AB%E0%B8%99%E0%B8%AD%E0%B8%87").html
            #expect(found.contains("หนองบัว") && !found.contains("บางรัก"))
            let none = try await client.get("/?q=zzz").html
            #expect(none.contains("ไม่พบหน่วยงาน"))
        }
    }

    @Test("a round before its opening, after its closing, or missing shows a friendly page and no form")
    func closedRounds() async throws {
        let fixture = try WebFixture()
        try await fixture.agency("later", opens: WebFixture.today.adding(days: 3))
        try await fixture.agency(
            "ended", opens: WebFixture.today.adding(days: -30), closes: WebFixture.today.adding(days: -1))
        try await fixture.agency("norounds", opens: nil)
        try await fixture.run { client in
            let later = try await client.get("/later/eit")
            #expect(later.status == .notFound)
            #expect(later.html.contains("แบบสอบถามยังไม่เปิด"))
            let ended = try await client.get("/ended/eit")
            #expect(ended.status == .gone)
            #expect(ended.html.contains("ปิดรับคำตอบแล้ว"))
            let none = try await client.get("/norounds/iit")
            #expect(none.status == .notFound)
            #expect(none.html.contains("ยังไม่มีแบบสอบถาม"))
            #expect(try await client.get("/unknown/eit").status == .notFound)
            #expect(try await client.get("/later/oit").status == .notFound)
            for response in [later, ended, none] { #expect(!response.html.contains("<form")) }
            let posted = try await client.post("/ended/eit", WebFixture.answers(.eit))
            #expect(posted.status == .gone)
        }
    }

    @Test("no log line for a public form view or submission, at any level; admin requests are logged")
    func accessLog() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(codes: true)
        try await fixture.run { client in
            let before = fixture.log.all.count
            _ = try await client.get("/demo/iit")
            _ = try await client.post("/demo/iit/code", ["code": "ABCD-EFGH"])
            for _ in 0..<5 {
                let (_, sent) = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
                #expect(sent.status == .seeOther)
            }
            _ = try await client.get("/demo/eit/thanks")
            // The capture records every level, debug included.
            #expect(fixture.log.all.count == before)
            _ = try await client.get("/admin/login")
        }
        let lines = fixture.log.all
        #expect(lines.contains { $0.contains("GET /admin/login 200") })
        #expect(!lines.contains { $0.contains("/demo/") })
        #expect(!lines.contains { $0.contains("127.0.0.1") || $0.contains("::1") || $0.contains("ABCD") })
    }
}
