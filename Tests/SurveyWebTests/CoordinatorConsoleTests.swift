import Foundation
import GRDB
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@testable import SurveyWeb

@Suite("The console a coordinator finishes alone: accounts, archived agencies, round form, slips, Thai dates")
struct CoordinatorConsoleTests {
    /// The demo agency with an admin of every agency, `root`, and one of the agency, `clerk`.
    static func rootAndClerk() async throws -> WebFixture {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("clerk", agency: "demo")
        return fixture
    }

    @Test("a disabled admin cannot sign in and the page they had open sends them to sign in; enabled, they can again")
    func disabledAdmin() async throws {
        let fixture = try await Self.rootAndClerk()
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(try await clerk.get("/admin/demo").status == .ok)
            let disabled = try await root.post("/admin/admins/disable", ["username": "clerk"])
            #expect(disabled.status == .ok && disabled.html.contains("ระงับบัญชี clerk แล้ว"))
            #expect(
                disabled.html.contains("<th scope=\"row\">clerk</th><td>องค์การบริหารส่วนตำบลตัวอย่าง</td><td>ระงับแล้ว</td>"))
            let after = try await clerk.get("/admin/demo")
            #expect(after.status == .seeOther && after.headers[.location] == "/admin/login")
            let refused = try await AdminClient.loginAttempt(client, "clerk", WebFixture.password)
            #expect(refused.status == .forbidden && refused.html.contains("บัญชีนี้ถูกระงับการใช้งาน"))
            #expect(refused.headers[.setCookie] == nil)
            // A wrong password says nothing about whether the account is disabled.
            let wrong = try await AdminClient.loginAttempt(client, "clerk", "not the password at all")
            #expect(wrong.status == .unauthorized && !wrong.html.contains("ถูกระงับ"))
            #expect(try await root.post("/admin/admins/enable", ["username": "clerk"]).status == .ok)
            #expect(try await AdminClient.login(client, "clerk", WebFixture.password) != nil)
            let audit = try await root.get("/admin/audit").html
            #expect(audit.contains("<td>ระงับบัญชีผู้ดูแล</td>") && audit.contains("<td>เปิดใช้บัญชีผู้ดูแลอีกครั้ง</td>"))
            #expect(!audit.contains("<td>admin disabled</td>"))
        }
    }

    @Test("the last enabled admin of every agency cannot be disabled, from the console or the store")
    func lastEveryAgencyAdmin() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("second", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            #expect(try await root.post("/admin/admins/disable", ["username": "second"]).status == .ok)
            let refused = try await root.post("/admin/admins/disable", ["username": "root"])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("ผู้ดูแลทุกหน่วยงานคนสุดท้ายที่ใช้งานได้"))
            #expect(
                refused.html.contains("aria-describedby=\"e-admins\"") && refused.html.contains("href=\"#f-admins\""))
            #expect(try await root.get("/admin/admins").status == .ok)
        }
        await #expect(throws: StoreError.lastEveryAgencyAdmin("root")) {
            try await fixture.database.setAdminDisabled(username: "root", true)
        }
        #expect(try await fixture.database.admins().first { $0.username == "root" }?.disabled == false)
    }

    @Test("a password reset by another admin is shown once, ends the owner's sessions and replaces the old one")
    func resetPassword() async throws {
        let fixture = try await Self.rootAndClerk()
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let reset = try await root.post("/admin/admins/password", ["username": "clerk"])
            #expect(reset.status == .ok && reset.html.contains("ตั้งรหัสผ่านใหม่ให้ clerk แล้ว"))
            let password = try #require(reset.html.firstMatch(of: /<p class="secret">(\S{16})<\/p>/)?.output.1)
            #expect(try await clerk.get("/admin/demo").status == .seeOther)
            #expect(try await AdminClient.login(client, "clerk", WebFixture.password) == nil)
            #expect(try await AdminClient.login(client, "clerk", String(password)) != nil)
            #expect(try await root.get("/admin/audit").html.contains("<td>ตั้งรหัสผ่านใหม่ให้ผู้ดูแล</td>"))
        }
    }

    @Test(
        "an admin's own row leads to their password page, not a reset; a reset of oneself is refused, nothing changed")
    func noResetOfOneself() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("second", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let page = try await root.get("/admin/admins").html
            let ownRow = try #require(
                page.firstMatch(of: /<tr><th scope="row">root \(คุณ\)<\/th>.*?<\/tr>/.dotMatchesNewlines()))
            #expect(ownRow.output.contains("<a href=\"/admin/password\">เปลี่ยนรหัสผ่านของคุณ</a>"))
            #expect(!ownRow.output.contains("ตั้งรหัสผ่านใหม่"))
            #expect(page.contains("ตั้งรหัสผ่านใหม่ <span class=\"visually-hidden\">ให้ second</span>"))
            let refused = try await root.post("/admin/admins/password", ["username": "root"])
            #expect(refused.status == .conflict && refused.headers[.location] == nil)
            #expect(
                refused.html.contains("ตั้งรหัสผ่านใหม่ให้บัญชีของตัวเองที่นี่ไม่ได้") && refused.html.contains("(/admin/password)"))
            #expect(!refused.html.contains("<p class=\"secret\">"))
            #expect(try await root.get("/admin/admins").status == .ok)
        }
        #expect(try await fixture.database.verifyLogin(username: "root", password: WebFixture.password) != nil)
        #expect(
            !(try await fixture.database.auditEvents().contains { $0.action == AuditAction.passwordReset.rawValue }))
    }

    @Test("an unknown admin is 404 to disable, enable or reset; a database held by another program is 503, never 500")
    func accountStatuses() async throws {
        let fixture = try WebFixture(busyTimeout: .milliseconds(200))
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("clerk", agency: "demo")
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        unsafe.busyMode = .timeout(5)
        let intruder = try DatabaseQueue(path: fixture.databasePath, configuration: unsafe)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csrf = try await root.token()
            for action in ["disable", "enable", "password"] {
                let unknown = try await root.post("/admin/admins/\(action)", ["username": "nobody"], csrf: csrf)
                #expect(unknown.status == .notFound && unknown.html.contains("ไม่พบผู้ดูแลชื่อ “nobody”"), "\(action)")
            }
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
            var held: [String: Int] = [:]
            for action in ["disable", "enable", "password"] {
                held[action] = try await root.post("/admin/admins/\(action)", ["username": "clerk"], csrf: csrf).status
                    .code
            }
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            #expect(held.values.allSatisfy { $0 == 503 }, "\(held)")
        }
        #expect(
            try await fixture.database.verifyLogin(username: "clerk", password: WebFixture.password)?.disabled == false)
    }

    @Test("an admin disabled while their current password is checked gets 403 and keeps the old password, no session")
    func disabledDuringOwnPasswordChange() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("clerk", agency: "demo")
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        unsafe.busyMode = .timeout(5)
        let intruder = try DatabaseQueue(path: fixture.databasePath, configuration: unsafe)
        let changed = try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let csrf = try #require(try await clerk.get("/admin/password").html.hiddenValue("csrf"))
            // Disabled in a transaction the server cannot see yet: the session and the password check pass, and the
            // disabling is committed while the change waits to be written.
            try await intruder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                // As `prongsai admin disable clerk` does it.
                try db.execute(sql: "UPDATE admin SET disabled = 1 WHERE username = 'clerk'")
                try db.execute(sql: "DELETE FROM session")
            }
            async let change = clerk.post(
                "/admin/password",
                ["current": WebFixture.password, "new": "a brand new password", "repeat": "a brand new password"],
                csrf: csrf)
            try await Task.sleep(for: .milliseconds(500))
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
            return try await change
        }
        #expect(changed.status == .forbidden && changed.html.contains("บัญชีนี้ถูกระงับการใช้งาน"))
        #expect(changed.html.contains("รหัสผ่านไม่ได้เปลี่ยน") && changed.headers[.setCookie]?.contains("Max-Age=0") == true)
        #expect(try await fixture.database.verifyLogin(username: "clerk", password: WebFixture.password) != nil)
        #expect(try await fixture.database.verifyLogin(username: "clerk", password: "a brand new password") == nil)
        let sessions = try await intruder.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM session") }
        #expect(sessions == 0)
        #expect(
            !(try await fixture.database.auditEvents().contains { $0.action == AuditAction.passwordChanged.rawValue }))
    }

    @Test("an admin changes their own password only with the current one; other sessions end, this one goes on")
    func changeOwnPassword() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let other = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let page = try await clerk.get("/admin/password")
            #expect(page.status == .ok && page.html.contains("<label class=\"field\" for=\"f-current\">"))
            // An agency's admin is sent on from /admin, so the token comes from the page itself.
            let csrf = try #require(page.html.hiddenValue("csrf"))
            let wrong = try await clerk.post(
                "/admin/password",
                ["current": "not my password", "new": "a brand new password", "repeat": "a brand new password"],
                csrf: csrf)
            #expect(wrong.status == .unprocessableContent && wrong.html.contains("รหัสผ่านปัจจุบันไม่ถูกต้อง"))
            #expect(wrong.html.contains("aria-describedby=\"e-current\"") && wrong.html.contains("id=\"e-current\""))
            let mismatch = try await clerk.post(
                "/admin/password",
                ["current": WebFixture.password, "new": "a brand new password", "repeat": "another one"], csrf: csrf)
            #expect(mismatch.status == .unprocessableContent && mismatch.html.contains("id=\"e-repeat\""))
            let short = try await clerk.post(
                "/admin/password", ["current": WebFixture.password, "new": "short", "repeat": "short"], csrf: csrf)
            #expect(short.status == .unprocessableContent && short.html.contains("id=\"e-new\""))
            #expect(try await AdminClient.login(client, "clerk", WebFixture.password) != nil)
            let changed = try await clerk.post(
                "/admin/password",
                ["current": WebFixture.password, "new": "a brand new password", "repeat": "a brand new password"],
                csrf: csrf)
            #expect(changed.status == .seeOther && changed.headers[.location] == "/admin/password?saved=1")
            let cookie = try #require(changed.headers[.setCookie]?.split(separator: ";").first)
            let renewed = AdminClient(client: client, cookie: String(cookie))
            #expect(try await renewed.get("/admin/password?saved=1").html.contains("เปลี่ยนรหัสผ่านแล้ว"))
            #expect(try await other.get("/admin/demo").status == .seeOther)
            #expect(try await AdminClient.login(client, "clerk", WebFixture.password) == nil)
            #expect(try await AdminClient.login(client, "clerk", "a brand new password") != nil)
        }
    }

    @Test("the add-admin form chooses one agency unless every agency is chosen on purpose")
    func addAdminDefaultsToOneAgency() async throws {
        let fixture = try WebFixture()
        try await fixture.agency("alpha", name: "ก หน่วยงานแรก")
        try await fixture.agency("beta", name: "ข หน่วยงานที่สอง", opens: nil)
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let page = try await root.get("/admin/admins").html
            #expect(page.contains("<option value=\"alpha\" selected>ก หน่วยงานแรก</option>"))
            #expect(page.contains("<option value=\"*\">ทุกหน่วยงาน"))
            #expect(!page.contains("<option value=\"*\" selected>"))
            #expect(try await root.post("/admin/admins", ["username": "clerk", "agency": "alpha"]).status == .ok)
            let refused = try await root.post("/admin/admins", ["username": "Bad Name", "agency": "beta"])
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.html.contains("<option value=\"beta\" selected>") && refused.html.contains("value=\"bad name\"")
            )
        }
        let clerk = try #require(try await fixture.database.admins().first { $0.username == "clerk" })
        #expect(clerk.agencyId == (try await fixture.database.agency(slug: "alpha"))?.id)
    }

    @Test("an archived agency is hidden from lists, its form says it is closed, it opens no round, and it comes back")
    func archivedAgency() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let archived = try await root.post("/admin/agencies/archive", ["slug": "demo"])
            #expect(archived.status == .ok && archived.html.contains("<h2>หน่วยงานที่ซ่อนไว้</h2>"))
            #expect(!(try await client.get("/").html.contains("องค์การบริหารส่วนตำบลตัวอย่าง")))
            let form = try await client.get("/demo/eit")
            #expect(form.status == .gone && form.html.contains("ปิดแล้ว") && !form.html.contains("<form"))
            #expect(archived.html.contains("<th scope=\"col\">ชื่อในลิงก์ (ภาษาอังกฤษ)</th>"))
            #expect(archived.html.contains("นำกลับมาใช้ <span") && !archived.html.contains("คลัง"))
            // The rounds are kept and still open in the console.
            #expect(try await root.get("/admin/demo/\(round.fiscalYear)").status == .ok)
            var values = RoundSettingsTests.settings(year: 2571)
            values["opens"] = "2027-10-01"
            values["closes"] = "2028-01-31"
            let refused = try await root.post("/admin/demo/rounds", values)
            #expect(
                refused.status == .unprocessableContent && refused.html.contains("ถูกซ่อนไว้ (เก็บถาวร) กรุณานำกลับมาใช้ก่อน"))
            #expect(try await root.post("/admin/agencies/unarchive", ["slug": "demo"]).status == .ok)
            #expect(try await client.get("/demo/eit").status == .ok)
            let audit = try await root.get("/admin/audit").html
            #expect(
                audit.contains("<td>ซ่อนหน่วยงาน (เก็บถาวร)</td>")
                    && audit.contains("<td>นำหน่วยงานที่ซ่อนไว้กลับมาใช้</td>"))
            #expect(!audit.contains("คลัง"))
        }
        #expect(try await fixture.database.round(agencyId: 1, year: 2571) == nil)
        #expect(try await fixture.database.round(id: round.id) != nil)
    }

    @Test("a blank new-round form is refused with each problem at its field and in the summary, nothing stored")
    func blankRoundRefused() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let blank = try await root.post("/admin/demo/rounds", [:])
            #expect(blank.status == .unprocessableContent)
            let html = blank.html
            for field in ["iitPopulation", "closes", "year", "opens"] {
                #expect(html.contains("href=\"#f-\(field)\""), "\(field)")
                #expect(html.contains("id=\"e-\(field)\""), "\(field)")
            }
            #expect(html.contains("aria-describedby=\"e-iitPopulation\""))
            // The summary follows the page: the year before the closing day before the staff count.
            let links = html.matches(of: /href="#f-([A-Za-z]+)"/).map { String($0.output.1) }
            #expect(
                links == [
                    "year", "opens", "closes", "kind", "iitPopulation", "iitRule", "eitRule", "smallCells",
                    "eitSmallCells",
                ])
            #expect(html.contains("จำนวนบุคลากร (ประชากร IIT): กรุณาใส่จำนวนบุคลากร"))
            #expect(html.contains("วันปิดรับคำตอบ: กรุณาเลือกวันปิดรับคำตอบ"))
            var values = RoundSettingsTests.settings(year: 2570)
            values["t-iit-age-gt60"] = "สาม"
            values["eitPopulation"] = "many"
            let typed = try await root.post("/admin/demo/rounds", values)
            #expect(typed.status == .unprocessableContent)
            #expect(typed.html.contains("เป้าหมาย IIT · ช่วงอายุ: มากกว่า 60 ปี: กรุณาใส่จำนวนเต็มไม่ติดลบ"))
            #expect(typed.html.contains("href=\"#f-t-iit-age-gt60\"") && typed.html.contains("id=\"e-t-iit-age-gt60\""))
            #expect(
                typed.html.contains(
                    "id=\"f-t-iit-age-gt60\" name=\"t-iit-age-gt60\" inputmode=\"numeric\" value=\"สาม\""))
            #expect(typed.html.contains("value=\"many\""))
        }
        #expect(try await fixture.database.rounds(agencyId: 1).isEmpty)
    }

    @Test(
        "the minimum shown follows the rule chosen, on asking again without saving",
        arguments: [
            ("krejcie-morgan", "ขั้นต่ำ 52 คน ตามตารางเครจซีและมอร์แกน"), ("yamane", "ขั้นต่ำ 53 คน ตามสูตรของยามาเน่"),
            ("percent:10:30:400", "ขั้นต่ำ 30 คน ตามร้อยละ 10 ของประชากร อย่างน้อย 30 ไม่เกิน 400"),
        ])
    func minimumFollowsRule(rule: String, shown: String) async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.agency("fresh", opens: nil)
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            var values = RoundSettingsTests.settings(year: round.fiscalYear)
            values["iitRule"] = rule
            values["preview"] = "1"
            let preview = try await root.post("/admin/demo/\(round.fiscalYear)/edit", values)
            #expect(preview.status == .ok && preview.html.contains(shown) && !preview.html.contains("บันทึกแล้ว"))
            #expect(preview.html.contains("data-previewed>คำนวณขนาดตัวอย่างขั้นต่ำใหม่แล้ว ยังไม่ได้บันทึก"))
            // Enter in a text box presses the form's first button: saving, not asking for the minimum again.
            let firstButton = preview.html.firstMatch(
                of: /<form method="post" action="[^"]*" class="settings">[^<]*<input[^>]*>\s*<button ([^>]*)>/)
            #expect(firstButton.map { !$0.output.1.contains("preview") } == true)
            values["year"] = "2571"
            values["opens"] = "2027-10-01"
            let fresh = try await root.post("/admin/fresh/rounds", values)
            #expect(fresh.status == .ok && fresh.html.contains(shown))
        }
        #expect(try await fixture.database.round(id: round.id) == round)
        #expect(try await fixture.database.rounds(agencyId: 2).isEmpty)
    }

    @Test(
        "numbers no setting accepts, previewed or saved, give the form back with their problem and the server stays up",
        arguments: ["100000000000000", "-400", "+60", "9223372036854775807", "๖๐"])
    func hugeOrNegativeCounts(typed: String) async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            for rule in ["krejcie-morgan", "yamane", "percent:10:30:400", "fixed"] {
                var values = RoundSettingsTests.settings(year: round.fiscalYear)
                values["iitRule"] = rule
                values["eitRule"] = rule
                values["iitPopulation"] = typed
                values["eitPopulation"] = typed
                values["iitFixed"] = typed
                values["eitFixed"] = typed
                values["preview"] = "1"
                let preview = try await root.post("/admin/demo/\(round.fiscalYear)/edit", values)
                #expect(preview.status == .ok, "\(rule) \(typed)")
                #expect(!preview.html.contains("ขั้นต่ำ \(typed)"))
                values["preview"] = nil
                let saved = try await root.post("/admin/demo/\(round.fiscalYear)/edit", values)
                #expect(saved.status == .unprocessableContent, "\(rule) \(typed)")
                #expect(saved.html.contains("กรุณาใส่จำนวนเต็มไม่ติดลบ"))
            }
            #expect(try await client.get("/healthz").status == .ok)
        }
        #expect(try await fixture.database.round(id: round.id) == round)
    }

    @Test("slips: the count is chosen on the page, the QR has a text alternative, a link leads back to the codes")
    func slipsCount() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency(codes: true))
        try await fixture.admin("root", agency: nil)
        let (batch, codes) = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 30, on: WebFixture.today)
        let path = "/admin/demo/\(round.fiscalYear)/codes/\(batch.id)/slips"
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let all = try await root.get(path).html
            #expect(all.matches(of: /<div class="slip">/).count == 30)
            #expect(all.contains("30 บัตร · กระดาษ A4 3 แผ่น (แผ่นละ 12 บัตร)"))
            let ten = try await root.get(path + "?count=10").html
            #expect(ten.matches(of: /<div class="slip">/).count == 10)
            #expect(ten.contains("<label class=\"field\" for=\"f-count\">") && ten.contains("value=\"10\""))
            #expect(ten.contains("href=\"/admin/demo/\(round.fiscalYear)/codes\""))
            let alt = try #require(ten.firstMatch(of: /<img class="qr" src="[^"]+" alt="([^"]+)">/)?.output.1)
            #expect(alt.contains("คิวอาร์โค้ดเปิดแบบสอบถาม IIT"))
            #expect(!codes.contains { alt.contains($0) })
            let refused = try await root.get(path + "?count=31")
            #expect(refused.status == .unprocessableContent && refused.html.contains("id=\"e-count\""))
            #expect(refused.html.matches(of: /<div class="slip">/).isEmpty)
            // A batch printed in parts gives each code once: 12, then 12 from the 13th, then the rest.
            var printed: [String] = []
            for part in ["?count=12", "?from=13&count=12", "?from=25"] {
                let sheet = try await root.get(path + part).html
                printed += codes.filter { sheet.contains(">\($0)<") }
            }
            #expect(printed.count == 30 && Set(printed) == Set(codes))
            for bad in ["?count=+5", "?from=30&count=2", "?from=0", "?from=%E0%B9%91"] {
                let page = try await root.get(path + bad)
                #expect(page.status == .unprocessableContent, "\(bad)")
                #expect(page.html.matches(of: /<div class="slip">/).isEmpty, "\(bad)")
            }
        }
    }

    @Test("the console writes dates in the Buddhist era: the round form beside its date inputs, the audit details")
    func buddhistEraDates() async throws {
        let fixture = try WebFixture()
        let round = try #require(try await fixture.agency())
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let year = round.fiscalYear
            #expect(
                try await root.post("/admin/demo/\(year)/edit", RoundSettingsTests.settings(year: year)).status
                    == .seeOther)
            let form = try await root.get("/admin/demo/\(year)/edit").html
            #expect(form.contains("วันที่ที่เลือก (พ.ศ.): <strong>1 พ.ย. 2569</strong>"))
            #expect(form.contains("วันที่ที่เลือก (พ.ศ.): <strong>28 ก.พ. 2570</strong>"))
            #expect(form.contains("aria-describedby=\"d-opens\""))
            let audit = try await root.get("/admin/audit").html
            #expect(audit.contains("<td>แก้ไขรอบการประเมิน</td>") && audit.contains("opens 1 พ.ย. 2569"))
            #expect(audit.firstMatch(of: /\d{4}-\d{2}-\d{2}/) == nil)
        }
    }

    @Test("the daily chart runs from the opening to the closing day on a numbered axis; no score crosses the 85 line")
    func charts() async throws {
        let fixture = try WebFixture()
        let opens = WebFixture.today.adding(days: -10)
        let closes = WebFixture.today.adding(days: 50)
        let round = try #require(try await fixture.agency(opens: opens, closes: closes))
        var answers: [Response] = []
        for day in 0..<4 {
            for _ in 0..<5 {
                answers.append(
                    try WebFixture.instrument(.eit).validate(WebFixture.answers(.eit), day: opens.adding(days: day))
                        .get())
            }
        }
        try await fixture.database.importResponses(answers, roundId: round.id)
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let html = try await root.get("/admin/demo/\(round.fiscalYear)").html
            #expect(html.contains("ผู้ตอบต่อวัน \(opens.thai) – \(closes.thai)</title>"))
            #expect(html.matches(of: /data-tick>/).count >= 6)
            #expect(html.contains("<td>\(opens.thai)</td><td class=\"n\">5</td>"))
            let chart = try #require(html.firstMatch(of: /<svg[^>]*class="chart"[\s\S]*?<\/svg>/)?.output)
            for match in chart.matches(of: /<text x="([0-9.]+)"[^>]*data-score>/) {
                #expect(Double(match.output.1)! > 250 + 330, "a score is drawn right of the axis")
            }
            #expect(chart.contains("ต่ำกว่า 85") || !chart.contains("#b3261e"))
        }
    }
}
