import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Code batches in the console: made on request, printed again without more, withdrawn, counted")
struct CodesConsoleTests {
    /// The codes printed on a slips page.
    static func codes(on page: TestResponse) -> [String] {
        page.html.matches(of: /<p class="code">([A-Z2-9]{4}-[A-Z2-9]{4})<\/p>/).map { String($0.output.1) }
    }

    @Test("making N codes makes one batch; its slips print again with the same codes; counts stay true")
    func batches() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        try await fixture.admin("root", agency: nil)
        let codesPage = "/admin/demo/\(round.fiscalYear)/codes"
        try await fixture.run { client in
            let redirect = try await client.get("/demo/iit/poster?slips=1&count=4")
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers[.location] == "/admin/demo/\(round.fiscalYear)/codes")
            #expect(try await client.get(codesPage).status == .seeOther)
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let bad = try await admin.post(codesPage, ["count": "ห้า"])
            #expect(bad.status == .unprocessableContent && bad.html.contains("จำนวนรหัสต้องเป็นจำนวนเต็ม"))
            #expect(bad.html.contains("value=\"ห้า\""))
            #expect(try await admin.post(codesPage, ["count": "20"], csrf: "forged").status == .forbidden)
            #expect(try await fixture.database.codeBatches(roundId: round.id).isEmpty)
            #expect(try await admin.post(codesPage, ["count": "20"]).status == .seeOther)
            let batch = try #require(try await fixture.database.codeBatches(roundId: round.id).first)
            // Three views of the slips make no more codes than the 20 made.
            var printed: [[String]] = []
            for _ in 0..<3 {
                let page = try await admin.get("\(codesPage)/\(batch.id)/slips")
                #expect(page.status == .ok)
                #expect(page.html.contains("สแกนคิวอาร์โค้ด") && page.html.contains("ใช้ได้ครั้งเดียว"))
                printed.append(Self.codes(on: page))
            }
            #expect(printed[0].count == 20 && Set(printed[0]).count == 20)
            #expect(printed[1] == printed[0] && printed[2] == printed[0])
            // The slip's QR and text carry the form's address, never a code.
            let page = try await admin.get("\(codesPage)/\(batch.id)/slips")
            #expect(!page.html.contains("?code="))
            _ = try await client.post("/demo/iit/code", ["code": printed[0][0]])
            #expect(try await admin.post("\(codesPage)/\(batch.id)/withdraw", [:]).status == .seeOther)
            let withdrawn = try await client.post("/demo/iit/code", ["code": printed[0][1]])
            #expect(withdrawn.status == .unprocessableContent)
            let list = try await admin.get(codesPage)
            #expect(list.status == .ok)
            let totals = list.html.firstMatch(of: /<tfoot>(.*)<\/tfoot>/)?.output.1 ?? ""
            let numbers = totals.matches(of: /<td class="n">(\d+)<\/td>/).map { Int($0.output.1)! }
            // made, printed, used, withdrawn, still open
            #expect(numbers == [20, 20, 1, 19, 0])
        }
        let counts = try await fixture.database.accessCodeCounts(roundId: round.id, form: .iit)
        #expect((counts.made, counts.printed, counts.used, counts.withdrawn) == (20, 20, 1, 19))
        let audit = try await fixture.database.auditEvents()
        #expect(audit.contains { $0.action == "access codes made" && $0.detail.contains("20 codes") })
        #expect(audit.filter { $0.action == "access codes printed" }.count == 4)
        #expect(audit.contains { $0.action == "access codes withdrawn" && $0.detail.contains("19 unused") })
    }
}
