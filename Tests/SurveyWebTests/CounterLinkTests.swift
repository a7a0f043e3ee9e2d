import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("The counter screen through a read-only link: no admin session, nothing else reachable, revocable")
struct CounterLinkTests {
    @Test("a link made by the admin shows the counter view after the admin signs out, and nothing once revoked")
    func link() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(closes: WebFixture.today.adding(days: 9))
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(try await admin.post("/admin/demo/counter-links", [:], csrf: "wrong").status == .forbidden)
            // An agency's admin is sent from /admin to the agency's page, whose forms carry the token.
            let csrf = try #require(try await admin.get("/admin/demo").html.hiddenValue("csrf"))
            let made = try await admin.post("/admin/demo/counter-links", [:], csrf: csrf)
            #expect(made.status == .ok)
            let address = try #require(
                made.html.firstMatch(of: /data-counter-link>([^<]+)</).map { String($0.output.1) })
            let path = try #require(URL(string: address)?.path)
            #expect(path.hasPrefix("/counter/") && path.count > 40)
            #expect(try await admin.post("/admin/logout", [:], csrf: csrf).status == .seeOther)
            let screen = try await client.get(path)
            #expect(screen.status == .ok && screen.html.contains("ยังต้องการผู้ตอบ"))
            #expect(screen.headers[.setCookie] == nil && !screen.html.contains("href=\"/admin"))
            #expect(made.html.contains("data-counter-screen-link>\(address)?refresh=1<"))
            let refreshing = try await client.get(path + "?refresh=1")
            #expect(refreshing.html.contains("<meta http-equiv=\"refresh\" content=\"30\">"))
            #expect(refreshing.html.contains("<a href=\"\(path)\">หยุดรีเฟรช</a>") && !screen.html.contains("http-equiv"))
            #expect(try await client.get("/counter/not-a-link").status == .notFound)
            // The database keeps only the link's hash.
            let stored = try await fixture.database.counterLinks(agencyId: 1)
            #expect(stored.count == 1)
            let again = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let agencyPage = try await again.get("/admin/demo").html
            let token = try #require(agencyPage.hiddenValue("csrf"))
            #expect(agencyPage.contains("/admin/demo/counter-links/\(stored[0].id)/revoke"))
            #expect(!agencyPage.contains(path))
            let revoke = "/admin/demo/counter-links/\(stored[0].id)/revoke"
            #expect(try await again.post(revoke, [:], csrf: token).status == .seeOther)
            #expect(try await client.get(path).status == .notFound)
            #expect(try await again.post(revoke, [:], csrf: token).status == .notFound)
        }
        let actions = try await fixture.database.auditEvents().map(\.action)
        #expect(actions.contains("counter link made") && actions.contains("counter link revoked"))
    }

    @Test("a hidden agency's link opens nothing and no new one is made; brought back, the link works again")
    func archivedAgency() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(closes: WebFixture.today.adding(days: 9))
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let csrf = try #require(try await admin.get("/admin/demo").html.hiddenValue("csrf"))
            let made = try await admin.post("/admin/demo/counter-links", [:], csrf: csrf)
            let address = try #require(
                made.html.firstMatch(of: /data-counter-link>([^<]+)</).map { String($0.output.1) })
            let path = try #require(URL(string: address)?.path)
            #expect(try await client.get(path).status == .ok)
            try await fixture.database.setAgencyArchived(slug: "demo", true, by: "cli")
            #expect(try await client.get(path).status == .notFound)
            #expect(try await client.get(path + "?refresh=1").status == .notFound)
            let page = try await admin.get("/admin/demo").html
            #expect(!page.contains("action=\"/admin/demo/counter-links\"") && page.contains("ลิงก์ของหน่วยงานที่ซ่อนไว้"))
            let refused = try await admin.post("/admin/demo/counter-links", [:], csrf: csrf)
            #expect(refused.status == .conflict && refused.html.contains("หน่วยงานนี้ถูกซ่อนไว้"))
            #expect(try await fixture.database.counterLinks(agencyId: 1).count == 1)
            // The admin's own counter page no longer sends them to make a link that would be refused.
            let counter = try await admin.get("/admin/demo/counter").html
            #expect(counter.contains("ยังต้องการผู้ตอบ") && !counter.contains("data-screen-advice"))
            try await fixture.database.setAgencyArchived(slug: "demo", false, by: "cli")
            #expect(try await admin.get("/admin/demo/counter").html.contains("data-screen-advice"))
            #expect(try await client.get(path).status == .ok)
        }
    }
}
