import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("The official ITAS links of a fiscal year: entered by the agency's admin, printed as labelled QR posters")
struct OfficialLinksTests {
    static let iit = "https://itas.nacc.go.th/go/iit/Ab12Cd"
    static let eit = "https://itas.nacc.go.th/go/eit/9XY8Z7"
    static let page = "/admin/demo/itas/2570"

    @Test(
        "both links are saved without a round of that year, shown again, and printed on posters labelled as the NACC's")
    func roundTrip() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(opens: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            // An agency's admin is sent from /admin to the agency's page, whose forms carry the token.
            let csrf = try #require(try await admin.get("/admin/demo").html.hiddenValue("csrf"))
            // The agency page leads to the links of the current fiscal year.
            #expect(try await admin.get("/admin/demo").html.contains("href=\"/admin/demo/itas/2570\""))
            let empty = try await admin.get(Self.page)
            #expect(empty.status == .ok && empty.html.contains("name=\"iitLink\" value=\"\""))
            #expect(!empty.html.contains("/admin/demo/itas/2570/iit/poster"))
            let saved = try await admin.post(
                Self.page, ["iitLink": "  \(Self.iit) ", "eitLink": "HTTPS://ITAS.NACC.GO.TH/go/eit/9XY8Z7"], csrf: csrf
            )
            #expect(saved.status == .seeOther && saved.headers[.location] == "\(Self.page)?saved=1")
            let shown = try await admin.get("\(Self.page)?saved=1").html
            #expect(shown.contains("บันทึกแล้ว"))
            #expect(shown.contains("value=\"\(Self.iit)\"") && shown.contains("value=\"\(Self.eit)\""))
            #expect(shown.contains("href=\"/admin/demo/itas/2570/iit/poster\""))
            #expect(shown.contains("href=\"/admin/demo/itas/2570/eit/poster\""))
            for (form, url) in [("iit", Self.iit), ("eit", Self.eit)] {
                let poster = try await admin.get("/admin/demo/itas/2570/\(form)/poster")
                #expect(poster.status == .ok)
                let html = poster.html
                #expect(html.contains("การประเมิน ITA ของสำนักงาน ป.ป.ช. ผ่านระบบ ITAS"))
                #expect(html.contains("class=\"poster official\"") && html.contains("<p class=\"url\">\(url)</p>"))
                #expect(html.contains("<svg") && html.contains("ปีงบประมาณ พ.ศ. 2570"))
                #expect(html.contains("(\(form.uppercased()))"))
                // Nothing of the agency's own poster, so the two cannot be taken for each other.
                #expect(!html.contains("แบบสอบถามนี้เป็นของหน่วยงานเอง") && !html.contains("class=\"poster own\""))
                #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
            }
            // The agency's own poster says the opposite, and never names ITAS.
            let own = try await client.get("/demo/iit/poster").html
            #expect(own.contains("แบบสอบถามของหน่วยงานเอง") && !own.contains("ITAS"))
            // Sending the same links again changes nothing; clearing one removes it and its poster.
            _ = try await admin.post(Self.page, ["iitLink": Self.iit, "eitLink": Self.eit], csrf: csrf)
            #expect(
                try await admin.post(Self.page, ["iitLink": Self.iit, "eitLink": ""], csrf: csrf).status == .seeOther)
            #expect(try await admin.get("/admin/demo/itas/2570/eit/poster").status == .notFound)
            #expect(try await admin.get("/admin/demo/itas/2570/iit/poster").status == .ok)
            // Another year has links of its own.
            #expect(try await admin.get("/admin/demo/itas/2571/iit/poster").status == .notFound)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let stored = try await fixture.database.officialSurveyLinks(agencyId: agency.id, fiscalYear: 2570)
        #expect(stored.mapValues(\.url) == [.iit: Self.iit])
        let lines = try await fixture.database.auditEvents().filter { $0.action == "official survey link changed" }
        #expect(
            Set(lines.map(\.detail)) == ["2570 iit: \(Self.iit)", "2570 eit: \(Self.eit)", "2570 eit: removed"])
        #expect(lines.count == 3 && lines.allSatisfy { $0.username == "clerk" && $0.agencySlug == "demo" })
    }

    @Test("a bad link is refused with 422, the form back with what was typed and the reason, and nothing stored")
    func refused() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("clerk", agency: "demo")
        let long = "https://itas.nacc.go.th/go/eit/" + String(repeating: "A", count: 300)
        let cases: [(iit: String, eit: String, shown: String, reason: String)] = [
            (
                Self.iit, "http://itas.nacc.go.th/go/eit/9XY8Z7", "http://itas.nacc.go.th/go/eit/9XY8Z7",
                "ต้องขึ้นต้นด้วย https://"
            ),
            (
                Self.iit, "https://itas.example.com/go/eit/9XY8Z7", "https://itas.example.com/go/eit/9XY8Z7",
                "ไม่ใช่ลิงก์ของระบบ ITAS"
            ),
            (Self.eit, "", Self.eit, "กรุณาใส่ในช่อง EIT"),
            (Self.iit, "https://itas.nacc.go.th/go/eit/9XY8", "https://itas.nacc.go.th/go/eit/9XY8", "6 ตัว"),
            (Self.iit, "<b>ITAS</b>", "&lt;b&gt;ITAS&lt;/b&gt;", "ต้องขึ้นต้นด้วย https://"),
            (Self.iit, long, String(long.prefix(201)), "ยาวเกิน 200"),
        ]
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            // An agency's admin is sent from /admin to the agency's page, whose forms carry the token.
            let csrf = try #require(try await admin.get("/admin/demo").html.hiddenValue("csrf"))
            for (iit, eit, shown, reason) in cases {
                let response = try await admin.post(Self.page, ["iitLink": iit, "eitLink": eit], csrf: csrf)
                #expect(response.status == .unprocessableContent, "\(iit) \(eit)")
                let html = response.html
                #expect(html.contains("value=\"\(shown)\""), "\(eit)")
                let messages = html.matches(of: /<p class="msg">([^<]*)<\/p>/).map { String($0.output.1) }
                #expect(messages.count == 1 && messages[0].contains(reason), "\(eit): \(messages)")
                // The good link of the same post is shown back too, and not stored either.
                #expect(html.contains("value=\"\(iit)\""), "\(iit)")
            }
            let forged = try await admin.post(Self.page, ["iitLink": Self.iit], csrf: "forged")
            #expect(forged.status == .forbidden)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        #expect(try await fixture.database.officialSurveyLinks(agencyId: agency.id, fiscalYear: 2570).isEmpty)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "official survey link changed" })
    }

    @Test("another agency's admin can neither see nor set the links, nor print or fetch their posters and QR codes")
    func otherAgency() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.agency("other", name: "เทศบาลตำบลอื่น")
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.admin("stranger", agency: "other")
        try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let clerkToken = try #require(try await clerk.get("/admin/demo").html.hiddenValue("csrf"))
            #expect(try await clerk.post(Self.page, ["iitLink": Self.iit], csrf: clerkToken).status == .seeOther)
            let stranger = try #require(try await AdminClient.login(client, "stranger", WebFixture.password))
            let csrf = try #require(try await stranger.get("/admin/other").html.hiddenValue("csrf"))
            for path in [Self.page, "\(Self.page)/iit/poster", "\(Self.page)/iit/qr.png"] {
                #expect(try await stranger.get(path).status == .forbidden, "\(path)")
                #expect(try await client.get(path).status == .seeOther, "\(path) without a session")
            }
            let set = try await stranger.post(Self.page, ["iitLink": Self.eit, "eitLink": Self.eit], csrf: csrf)
            #expect(set.status == .forbidden)
            // The stranger's own agency has no links, and years no round could have are no page.
            #expect(try await stranger.get("/admin/other/itas/2570/iit/poster").status == .notFound)
            #expect(try await clerk.get("/admin/demo/itas/99999").status == .notFound)
            #expect(try await clerk.get("/admin/demo/itas/02570").status == .notFound)
            #expect(try await clerk.get("/admin/demo/itas/2570/oit/poster").status == .notFound)
        }
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let stored = try await fixture.database.officialSurveyLinks(agencyId: agency.id, fiscalYear: 2570)
        #expect(stored.mapValues(\.url) == [.iit: Self.iit])
    }

    @Test("the official poster's QR, as a PNG and as the poster's own SVG, decodes to exactly the official link")
    func qrDecodes() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            // An agency's admin is sent from /admin to the agency's page, whose forms carry the token.
            let csrf = try #require(try await admin.get("/admin/demo").html.hiddenValue("csrf"))
            _ = try await admin.post(Self.page, ["iitLink": Self.iit, "eitLink": Self.eit], csrf: csrf)
            for (form, url) in [("iit", Self.iit), ("eit", Self.eit)] {
                let png = try await admin.get("\(Self.page)/\(form)/qr.png")
                #expect(png.status == .ok && png.headers[.contentType] == "image/png")
                #expect(try Self.decoded(Data(buffer: png.body), ending: "png") == url)
                let poster = try await admin.get("\(Self.page)/\(form)/poster").html
                let svg = try #require(poster.firstMatch(of: /<svg[^>]*>.*<\/svg>/)).output
                #expect(try Self.decoded(Data(Self.bitmap(svg: String(svg)).utf8), ending: "pbm") == url)
            }
        }
    }

    /// The poster's SVG drawn as a plain bitmap (PBM), eight pixels a module: zbar reads no SVG, and drawing the
    /// path's unit rectangles needs nothing but the path.
    static func bitmap(svg: String, scale: Int = 8) throws -> String {
        let side = try #require(svg.firstMatch(of: /viewBox="0 0 (\d+) \d+"/).flatMap { Int($0.output.1) })
        var dark = Array(repeating: Array(repeating: false, count: side), count: side)
        for rect in svg.matches(of: /M(\d+) (\d+)h(\d+)v1h-\d+z/) {
            let (x, y, width) = (Int(rect.output.1)!, Int(rect.output.2)!, Int(rect.output.3)!)
            for column in x..<(x + width) { dark[y][column] = true }
        }
        var rows = ["P1", "\(side * scale) \(side * scale)"]
        for row in dark {
            let line = row.flatMap { Array(repeating: $0 ? "1" : "0", count: scale) }.joined(separator: " ")
            rows += Array(repeating: line, count: scale)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// What zbar reads in an image file of the given type.
    static func decoded(_ image: Data, ending: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("itas-\(UUID().uuidString).\(ending)")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try PosterTests.zbar(file)
    }
}
