import Foundation
import GRDB
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Admin sign-in, sessions, lockout, agency scope and CSRF")
struct AdminAccessTests {
    @Test("admin pages send a visitor to the login; a right password opens them with a strict session cookie")
    func login() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let anonymous = try await client.get("/admin/demo/2570")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/admin/login")
            let page = try await client.get("/admin/login")
            #expect(page.html.contains("name=\"username\"") && page.html.contains("name=\"password\""))
            let unknown = try await AdminClient.loginAttempt(client, "nobody", WebFixture.password)
            #expect(unknown.status == .unauthorized && unknown.headers[.setCookie] == nil)
            let wrong = try await AdminClient.loginAttempt(client, "root", "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"))
            #expect(wrong.headers[.setCookie] == nil)
            let right = try await AdminClient.loginAttempt(client, "root", WebFixture.password)
            #expect(right.status == .seeOther && right.headers[.location] == "/admin")
            let cookie = try #require(right.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] { #expect(cookie.contains(attribute)) }
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let home = try await admin.get("/admin")
            #expect(home.status == .ok && home.html.contains("องค์การบริหารส่วนตำบลตัวอย่าง"))
            #expect(home.headers[.cacheControl] == "no-store")
            let audit = try await admin.get("/admin/audit").html
            #expect(audit.contains("<td>root</td><td></td><td>เข้าสู่ระบบไม่สำเร็จ</td>"))
            #expect(audit.contains("<td>root</td><td></td><td>เข้าสู่ระบบ</td>"))
        }
    }

    @Test("a login form without its CSRF token is refused")
    func loginCSRF() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let response = try await client.post("/admin/login", ["username": "root", "password": WebFixture.password])
            #expect(response.status == .forbidden)
            #expect(response.headers[.setCookie] == nil)
        }
    }

    @Test("five failed logins in a minute lock the username for a minute, even against the right password")
    func lockout() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("clerk", agency: nil)
        try await fixture.admin("other", agency: nil)
        try await fixture.run { client in
            for _ in 0..<5 {
                #expect(try await AdminClient.loginAttempt(client, "clerk", "wrong password!").status == .unauthorized)
            }
            let locked = try await AdminClient.loginAttempt(client, "clerk", WebFixture.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.html.contains("บัญชีนี้ถูกพักไว้ 1 นาที"))
            #expect(try await AdminClient.login(client, "other", WebFixture.password) != nil)
        }
        let actions = try await fixture.database.auditEvents().map(\.action)
        #expect(actions.filter { $0 == "login failed" }.count == 5)
        #expect(actions.contains("login refused: locked"))
    }

    @Test("logging out ends the session; logging out without a CSRF token changes nothing")
    func logout() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let forged = try await admin.post("/admin/logout", [:], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await admin.get("/admin").status == .ok)
            let out = try await admin.post("/admin/logout", [:])
            #expect(out.status == .seeOther && out.headers[.location] == "/admin/login")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await admin.get("/admin").status == .seeOther)
        }
    }

    @Test("a session idle past its limit is refused, and its row is gone once someone logs in")
    func idleExpiry() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let admin = try #require(
            try await fixture.database.verifyLogin(username: "root", password: WebFixture.password))
        let noon = WallClock.fixed(WebFixture.today).now
        func session(idleFor minutes: Double) async throws -> String {
            try await fixture.database.createSession(
                adminId: admin.id, idleLimit: 30 * 60, now: noon.addingTimeInterval(-minutes * 60))
        }
        let idle = try await session(idleFor: 31)
        let recent = try await session(idleFor: 29)
        try await fixture.run { client in
            let idlePage = try await AdminClient(client: client, cookie: "prongsai_admin=\(idle)").get("/admin")
            #expect(idlePage.status == .seeOther && idlePage.headers[.location] == "/admin/login")
            #expect(
                try await AdminClient(client: client, cookie: "prongsai_admin=\(recent)").get("/admin").status == .ok)
            #expect(try await AdminClient.login(client, "root", WebFixture.password) != nil)
        }
        // The recent session was seen again at noon, the new one began then; the idle one is gone.
        let seen = try await DatabaseQueue(path: fixture.databasePath).read { db in
            try Int64.fetchAll(db, sql: "SELECT lastSeen FROM session")
        }
        #expect(seen == [Int64(noon.timeIntervalSince1970), Int64(noon.timeIntervalSince1970)])
    }

    @Test("an agency admin sees only their agency; the pages of others, of admins and of the audit log are refused")
    func agencyScope() async throws {
        let fixture = try WebFixture()
        try await fixture.agency("demo")
        try await fixture.agency("other")
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let home = try await clerk.get("/admin")
            #expect(home.status == .seeOther && home.headers[.location] == "/admin/demo")
            #expect(try await clerk.get("/admin/demo").status == .ok)
            let year = WebFixture.today.fiscalYear
            for path in [
                "/admin/other", "/admin/other/\(year)", "/admin/other/\(year)/report", "/admin/other/counter",
                "/admin/other/\(year)/export.csv?form=eit", "/admin/other/\(year)/edit", "/admin/admins",
                "/admin/audit",
            ] {
                #expect(try await clerk.get(path).status == .forbidden, "\(path)")
            }
            let edit = try await clerk.post("/admin/other/\(year)/edit", ["year": "\(year)"])
            #expect(edit.status == .forbidden)
            let add = try await clerk.post("/admin/agencies", ["slug": "mine", "nameTh": "ของฉัน"])
            #expect(add.status == .forbidden)
            #expect(try await fixture.database.agency(slug: "mine") == nil)
            #expect(try await clerk.get("/admin/nowhere").status == .notFound)
        }
    }

    @Test("a state-changing admin form without a valid CSRF token gets 403 and changes nothing")
    func csrf() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let path = "/admin/demo/\(round.fiscalYear)/edit"
            var values = RoundSettingsTests.settings(year: round.fiscalYear)
            values["csrf"] = ""
            #expect(try await admin.post(path, values).status == .forbidden)
            #expect(try await admin.post(path, values, csrf: "AAAA").status == .forbidden)
            values["csrf"] = nil
            #expect(
                try await admin.post("/admin/agencies", ["slug": "newone", "nameTh": "ใหม่"], csrf: "x").status
                    == .forbidden)
            #expect(try await fixture.database.round(id: round.id) == round)
            #expect(try await fixture.database.agency(slug: "newone") == nil)
        }
    }
}
