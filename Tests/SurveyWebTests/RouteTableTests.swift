import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SurveyCore
import SurveyStore
import Testing

@testable import SurveyWeb

@Suite("One route table: paths in one written form, HEAD as GET, slugs the routes use, templates checked at start")
struct RouteTableTests {
    @Test("odd spellings of a form's path never reach a page or its cache: the next visitor's form posts to /demo/eit")
    func oddPathsCannotPoisonTheForm() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run(.live) { client in
            for odd in [
                "//demo/eit", "/demo//eit", "/./demo/eit", "/%64emo/eit", "/demo/%65it", "/demo/eit/", "///demo/eit",
            ] {
                let response = try await client.get(odd)
                #expect(response.status == .permanentRedirect, "\(odd)")
                #expect(response.headers[.location] == "/demo/eit", "\(odd)")
                #expect(!response.html.contains("<form"), "\(odd)")
            }
            let query = try await client.get("//demo/eit?lang=en")
            #expect(query.headers[.location] == "/demo/eit?lang=en")
            for refused in [
                "/demo/../demo/eit", "/%2Fdemo/eit", "/demo%2Feit", "/de%ZZmo/eit", "/demo/%00eit", "/..%2Fadmin",
            ] {
                let response = try await client.get(refused)
                #expect(response.status == .notFound, "\(refused)")
                #expect(response.headers[.location] == nil, "\(refused)")
            }
            // A post to an odd spelling is sent on, never thanked at another host's address.
            var answers = WebFixture.answers(.eit)
            answers["token"] = try await client.get("/demo/eit").html.formToken
            let posted = try await client.post("//demo/eit", answers)
            #expect(posted.status == .permanentRedirect && posted.headers[.location] == "/demo/eit")
            let form = try await client.get("/demo/eit")
            #expect(form.html.contains("action=\"/demo/eit?lang=th\""))
            #expect(!form.html.contains("action=\"//"))
            let (_, stored) = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
            #expect(stored.status == .seeOther && stored.headers[.location] == "/demo/eit/thanks?lang=th")
        }
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 1)
    }

    @Test("HEAD answers with the GET status and headers and no body, on every kind of route")
    func headAsGet() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run(.live) { client in
            for (path, status) in [
                ("/healthz", HTTPResponse.Status.ok), ("/", .ok), ("/demo/eit", .ok), ("/demo/iit/poster", .ok),
                ("/demo/eit/qr.svg", .ok), ("/static/prongsai.css", .ok), ("/nobody/eit", .notFound),
                ("/admin", .seeOther), ("/admin/demo/2570", .seeOther),
            ] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(get.status == status && head.status == status, "\(path)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
            }
            let health = try await client.execute(uri: "/healthz", method: .head)
            #expect(health.headers[.contentLength] == "2")
            let refused = try await client.execute(uri: "/demo/../x", method: .head)
            #expect(refused.status == .notFound && refused.body.readableBytes == 0)
            #expect(refused.headers[.contentSecurityPolicy] != nil && refused.headers[.referrerPolicy] == "no-referrer")
        }
    }

    @Test("HEAD on a page that writes down being read (slips, report, exports) writes nothing")
    func headChangesNothing() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        try await fixture.admin("root", agency: nil)
        let (batch, _) = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 2, on: WebFixture.today)
        let year = round.fiscalYear
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            for path in [
                "/admin/demo/\(year)/codes/\(batch.id)/slips", "/admin/demo/\(year)/report",
                "/admin/demo/\(year)/export.csv?form=eit", "/admin/demo/\(year)/export.json?form=iit",
                "/admin/demo/\(year)/report.docx", "/admin/demo/\(year)/report.docx?digits=thai",
            ] {
                let head = try await client.execute(uri: path, method: .head, headers: [.cookie: admin.cookie])
                #expect(head.status == .ok && head.body.readableBytes == 0, "\(path)")
            }
            // One address per page: a year or batch written with leading zeros is no page.
            #expect(try await admin.get("/admin/demo/0\(year)").status == .notFound)
            #expect(try await admin.get("/admin/demo/\(year)/codes/0\(batch.id)/slips").status == .notFound)
        }
        #expect(try await fixture.database.codeBatches(roundId: round.id).allSatisfy { !$0.printed })
        let actions = try await fixture.database.auditEvents().map(\.action)
        #expect(!actions.contains { $0.hasPrefix("export") || $0 == "report viewed" || $0 == "access codes printed" })
    }

    @Test("an agency cannot take a slug any route uses, in the console or on the command line's store call")
    func reservedSlugs() async throws {
        #expect(
            ["login", "logout", "audit", "admins", "agencies", "admin", "healthz", "metrics", "static", "counter"]
                .allSatisfy(SiteURL.reservedSlugs.contains))
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            for slug in SiteURL.reservedSlugs where Agency.isValidSlug(slug) {
                let refused = try await admin.post(
                    "/admin/agencies", ["slug": slug, "nameTh": "อบต.ทดสอบ", "nameEn": "", "kind": "sao-m"])
                #expect(refused.status == .unprocessableContent, "\(slug)")
                #expect(refused.html.contains("ชื่อในลิงก์ “\(slug)” เป็นส่วนหนึ่งของที่อยู่ของระบบ"), "\(slug)")
                #expect(refused.html.contains("value=\"\(slug)\""), "\(slug)")
            }
            // With no agency named `login`, the login page stays the login page.
            #expect(try await client.get("/admin/login").html.contains("name=\"password\""))
        }
        #expect(try await fixture.database.agencies().isEmpty)
    }

    @Test("an agency name that looks like the token's place is shown as text, and the form still stores")
    func slotMarkersInNames() async throws {
        for name in ["อบต.<%token%>", "อบต.%%TOKEN%%", "อบต.{{{tokenSlot}}}"] {
            let fixture = try WebFixture()
            let round = try await fixture.agency(name: name)!
            try await fixture.run { client in
                let form = try await client.get("/demo/eit")
                #expect(form.html.matches(of: /name="token" value="[0-9a-f]{32}\.[0-9]{8}\.[0-9a-f]{32}"/).count == 1)
                #expect(!form.html.contains("<%token%>"))
                let shown = name.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                #expect(form.html.contains(shown), "\(name)")
                let (_, stored) = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
                #expect(stored.status == .seeOther, "\(name)")
            }
            #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 1)
        }
    }

    @Test("pages read the day from the server's clock: a round opening tomorrow is not open until that day")
    func fixedDay() async throws {
        let fixture = try WebFixture()
        let opens = WebFixture.today.adding(days: 1)
        let round = try await fixture.agency(opens: opens, closes: opens.adding(days: 9))!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let early = try await client.get("/demo/eit")
            #expect(early.status == .notFound && early.html.contains("จะเปิดให้ตอบวันที่ \(opens.thai)"))
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            #expect(try await admin.get("/admin/demo").html.contains("ยังไม่เปิด"))
        }
        try await fixture.run(day: opens) { client in
            #expect(try await client.get("/demo/eit").status == .ok)
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(dashboard.contains("เหลือ 10 วัน"))
        }
        let closed = try await fixture.run(day: opens.adding(days: 10)) { client in
            try await client.get("/demo/eit").status
        }
        #expect(closed == .gone)
    }

    @Test(
        "a round changed in the console shows on its public form at once, not after the agencies kept in memory expire")
    func consoleChangesShowAtOnce() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(opens: WebFixture.today.adding(days: -5))!
        try await fixture.admin("root", agency: nil)
        let statuses = try await fixture.run { client in
            let before = try await client.get("/demo/eit").status
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            var values = Dictionary(
                uniqueKeysWithValues: RoundSettings.Draft(round.settings).text.map { ($0.key.rawValue, $0.value) })
            values["closes"] = WebFixture.today.adding(days: -1).description
            let saved = try await admin.post("/admin/demo/\(round.fiscalYear)/edit", values).status
            return [before, saved, try await client.get("/demo/eit").status]
        }
        #expect(statuses == [.ok, .seeOther, .gone])
    }

    @Test("a missing template or partial, or a form without its token's place, stops the start with its name")
    func templatesCheckedAtStart() async throws {
        // A removed file, or the form with its token's place escaped (so the marker never appears).
        for (name, escapeSlot) in [("admin-codes", false), ("question", false), ("form", true)] {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-forms-\(UUID())")
            defer { try? FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(at: WebFixture.webForms, to: copy)
            let template = copy.appendingPathComponent("templates/\(name).mustache")
            if escapeSlot {
                let text = try String(contentsOf: template, encoding: .utf8)
                try text.replacingOccurrences(of: "{{{tokenSlot}}}", with: "{{tokenSlot}}")
                    .write(to: template, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.removeItem(at: template)
            }
            let fixture = try WebFixture()
            let configuration = AppConfiguration(
                host: "127.0.0.1", port: 0, publicURL: WebFixture.publicURL, webFormsDirectory: copy)
            await #expect {
                _ = try await buildApplication(
                    configuration, database: fixture.database, clock: .fixed(WebFixture.today))
            } throws: { error in
                String(describing: error).contains("\(name).mustache")
            }
        }
    }

    @Test("every address's path has its route's literal words and parameters, and routes do not share a pattern")
    func pathsFollowPatterns() {
        let samples: [SiteURL] = [
            .home, .health, .stylesheet(.site), .counterDisplay("x9-_"), .counterLinks("demo"),
            .counterLinkRevocation("demo", 4), .form("demo", .eit), .formCode("demo", .iit), .formThanks("demo", .eit),
            .formReceived("demo", .iit),
            .qrSVG("demo", .iit),
            .qrPNG("demo", .eit), .poster("demo", .iit), .adminHome, .login, .logout, .agencies, .admins, .audit,
            .metrics, .adminDisabling, .adminEnabling, .passwordReset, .ownPassword, .agencyArchiving,
            .agencyUnarchiving,
            .agency("demo"), .counter("demo"), .newRound("demo"), .rounds("demo"), .dashboard("demo", 2570),
            .roundSettings("demo", 2570), .report("demo", 2570), .exportCSV("demo", 2570, .iit),
            .exportJSON("demo", 2570, .eit), .codes("demo", 2570), .codeSlips("demo", 2570, 3),
            .codeWithdrawal("demo", 2570, 3), .officialLinks("demo", 2570), .officialPoster("demo", 2570, .iit),
            .officialQRPNG("demo", 2570, .eit), .officialYears("demo"), .officialResults("demo", 2566),
            .measuresYears("demo"), .measures("demo", 2567), .measuresDraft("demo", 2567), .measuresPrint("demo", 2567),
            .measuresDocx("demo", 2567), .followUp("demo", 2567), .followUpPrint("demo", 2567),
            .followUpDocx("demo", 2567),
            .reportDOCX("demo", 2570), .officialReport("demo", 2566), .officialReportDOCX("demo", 2566),
            .improvements("demo", 2566),
        ]
        #expect(Set(samples.map(\.route)).count == Route.allCases.count)
        for url in samples {
            let path = url.path.split(separator: "?")[0].split(separator: "/").map(String.init)
            #expect(path.count == url.route.segments.count, "\(url)")
            for (part, segment) in zip(path, url.route.segments) {
                if case .literal(let word) = segment {
                    #expect(part == word, "\(url)")
                } else {
                    #expect(!part.isEmpty && !SiteURL.reservedSlugs.contains(part), "\(url)")
                }
            }
        }
        #expect(Set(Route.allCases.map { "\($0.segments)" }).count == Route.allCases.count)
    }
}
