import Foundation
import GRDB
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("EIT counter slips: one answer per slip, codes of one form open only that form, never joined to the answer")
struct CounterSlipTests {
    /// Posts a form's answers with a cookie, as the browser that holds the ballot does.
    static func send(_ client: any TestClientProtocol, _ path: String, _ answers: [String: String], cookie: String)
        async throws -> TestResponse
    {
        try await client.execute(
            uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: .init(string: FormEncoding.encode(answers)))
    }

    /// Every access-code row as stored, to tell what a write changed.
    static func codeRows(_ path: String) throws -> [[DatabaseValue]] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accessCode ORDER BY codeHash").map { Array($0.databaseValues) }
        }
    }

    @Test("the EIT asks for a slip's code; IIT codes open no EIT form and EIT codes no IIT form; a slip answers once")
    func oneAnswerPerSlip() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true, counterSlips: true)!
        let staff = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 1, on: WebFixture.today)
        let slips = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .eit, count: 2, on: WebFixture.today)
        let slip = slips.codes[0]
        try await fixture.run { client in
            let ask = try await client.get("/demo/eit")
            #expect(ask.status == .ok && !ask.html.contains("name=\"e1a\""))
            #expect(ask.html.contains("เจ้าหน้าที่มอบให้เมื่อมารับบริการ"))
            #expect(ask.html.contains("method=\"post\" action=\"/demo/eit/code\""))
            let english = try await client.get("/demo/eit?lang=en")
            #expect(english.html.contains("the slip you were given at the service counter"))

            let staffCodeOnEIT = try await client.post("/demo/eit/code", ["code": staff.codes[0]])
            #expect(staffCodeOnEIT.status == .unprocessableContent && staffCodeOnEIT.html.contains("ไม่พบรหัสนี้"))
            let slipOnIIT = try await client.post("/demo/iit/code", ["code": slip])
            #expect(slipOnIIT.status == .unprocessableContent && slipOnIIT.html.contains("ไม่พบรหัสนี้"))

            let entered = try await client.post("/demo/eit/code", ["code": slip.lowercased()])
            #expect(entered.status == .seeOther && entered.headers[.location] == "/demo/eit?lang=th")
            let header = try #require(entered.headers[.setCookie])
            #expect(header.contains("Path=/demo/eit;") && header.contains("HttpOnly"))
            let ballot = String(header.split(separator: ";")[0])
            #expect(!ballot.contains(AccessCode.normalize(slip)!))
            // The EIT's ballot opens the EIT form only.
            let iit = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            #expect(iit.html.contains("name=\"code\"") && !iit.html.contains("name=\"i1a\""))
            let form = try await client.execute(uri: "/demo/eit", method: .get, headers: [.cookie: ballot])
            #expect(form.html.contains("name=\"e1a\""))

            var answers = WebFixture.answers(.eit)
            answers["token"] = form.html.formToken
            #expect(try await client.post("/demo/eit", answers).status == .forbidden)
            let sent = try await Self.send(client, "/demo/eit", answers, cookie: ballot)
            #expect(sent.status == .seeOther && sent.headers[.location] == "/demo/eit/thanks?lang=th")
            #expect(sent.headers[.setCookie]?.contains("Max-Age=0") == true)

            let again = try await client.post("/demo/eit/code", ["code": slip])
            #expect(again.status == .unprocessableContent && again.html.contains("รหัสนี้ถูกใช้ไปแล้ว"))
            // The spent ballot opens the code page again, not the form.
            let reopened = try await client.execute(uri: "/demo/eit", method: .get, headers: [.cookie: ballot])
            #expect(reopened.html.contains("name=\"code\"") && !reopened.html.contains("name=\"e1a\""))
            try await fixture.database.withdrawUnusedCodes(roundId: round.id, batchId: slips.batch.id)
            let withdrawn = try await client.post("/demo/eit/code", ["code": slips.codes[1]])
            #expect(withdrawn.html.contains("กรุณาขอบัตรใหม่ที่จุดให้บริการ"))
        }
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 1)
        let status = { (form: FormKind, code: String) in
            try await fixture.database.accessCodeStatus(
                roundId: round.id, form: form, code: AccessCode.normalize(code)!)
        }
        #expect(try await status(.iit, staff.codes[0]) == .unused)
        #expect(try await status(.eit, slip) == .used)
        #expect(try await status(.iit, slip) == .unknown)
    }

    @Test("the answer a slip allowed writes nothing to the slip's row, and spending the slip stores no answer")
    func slipNeverJoined() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(counterSlips: true)!
        let slip = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .eit, count: 3, on: WebFixture.today
        ).codes[1]
        let before = try Self.codeRows(fixture.databasePath)
        let (afterSpend, tallyAfterSpend) = try await fixture.run { client in
            let entered = try await client.post("/demo/eit/code", ["code": slip])
            let ballot = String(try #require(entered.headers[.setCookie]).split(separator: ";")[0])
            let spent = try Self.codeRows(fixture.databasePath)
            let tally = try await fixture.database.tallies(roundId: round.id).eit.responses
            var answers = WebFixture.answers(.eit)
            answers["token"] = try await client.execute(uri: "/demo/eit", method: .get, headers: [.cookie: ballot])
                .html.formToken
            #expect(try await Self.send(client, "/demo/eit", answers, cookie: ballot).status == .seeOther)
            return (spent, tally)
        }
        #expect(tallyAfterSpend == 0)
        #expect(afterSpend != before)
        // The one row that changed changed only its `used` flag, and the answer after it touched no code row.
        #expect(zip(before, afterSpend).filter { $0 != $1 }.count == 1)
        #expect(try Self.codeRows(fixture.databasePath) == afterSpend)
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 1)
    }

    @Test("the codes page has a section per coded form; EIT slips print with the EIT's QR; other forms get none")
    func console() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(counterSlips: true)!
        try await fixture.admin("root", agency: nil)
        let codesPage = "/admin/demo/\(round.fiscalYear)/codes"
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let empty = try await admin.get(codesPage)
            #expect(empty.status == .ok && empty.html.contains("บัตรรหัสเคาน์เตอร์ EIT"))
            #expect(!empty.html.contains("<h2>รหัสผู้ตอบ IIT</h2>"))
            #expect(empty.html.contains("name=\"form\" value=\"eit\""))
            // The IIT asks for no codes in this round, so none can be made for it.
            #expect(try await admin.post(codesPage, ["count": "5", "form": "iit"]).status == .notFound)
            let bad = try await admin.post(codesPage, ["count": "0", "form": "eit"])
            #expect(bad.status == .unprocessableContent && bad.html.contains("value=\"0\""))
            #expect(try await admin.post(codesPage, ["count": "4", "form": "eit"]).status == .seeOther)
            // A post that names no form makes codes of the round's only coded form.
            #expect(try await admin.post(codesPage, ["count": "2"]).status == .seeOther)
            let batches = try await fixture.database.codeBatches(roundId: round.id)
            #expect(batches.map(\.form) == [.eit, .eit] && batches.map(\.number) == [1, 2])
            let slips = try await admin.get("\(codesPage)/\(batches[0].id)/slips")
            #expect(slips.status == .ok && CodesConsoleTests.codes(on: slips).count == 4)
            #expect(slips.html.contains("ขอบคุณที่มาใช้บริการ") && slips.html.contains("บัตรรหัสเคาน์เตอร์ EIT"))
            // One QR image for every slip: the EIT form's, which the page loads once.
            #expect(slips.html.matches(of: /<img class="qr" src="\/demo\/eit\/qr.svg"/).count == 4)
            #expect(!slips.html.contains("<svg"))
            #expect(try await client.get("/demo/eit/qr.svg").status == .ok)
            // The counter poster tells visitors where the slip comes from; the IIT's, without codes, does not.
            #expect(try await client.get("/demo/eit/poster").html.contains("ขอรับบัตรรหัสจากเจ้าหน้าที่"))
            #expect(!(try await client.get("/demo/iit/poster").html.contains("class=\"slip-note\"")))
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)")
            #expect(dashboard.html.contains("บัตรรหัสเคาน์เตอร์ EIT: สร้าง 6 พิมพ์แล้ว 4 ใช้แล้ว 0"))
            #expect(dashboard.html.contains("href=\"\(codesPage)\""))
        }
        let audit = try await fixture.database.auditEvents()
        #expect(audit.contains { $0.action == "access codes made" && $0.detail.hasSuffix("eit: batch 1, 4 codes") })
    }

    @Test("counter slips are a round setting of the console and the digest names them only when on")
    func setting() async throws {
        let standard = RoundSettings.standard(kind: .saoM, opening: WebFixture.today)
        var slipped = standard
        slipped.eitCodes = true
        #expect(!standard.summary.contains("eit codes") && slipped.summary.contains("eit codes on"))
        #expect(
            RoundDigest().published(with: standard, instruments: [])
                != RoundDigest().published(with: slipped, instruments: []))
        #expect(slipped.codedForms == [.eit] && !standard.usesCodes(.eit))
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let edit = "/admin/demo/\(round.fiscalYear)/edit"
            let form = try await admin.get(edit)
            #expect(form.html.contains("name=\"eitCodes\" value=\"on\">"))
            var values = RoundSettings.Draft(round.settings).text.reduce(into: [String: String]()) {
                $0[$1.key.rawValue] = $1.value
            }
            values["eitCodes"] = "on"
            #expect(try await admin.post(edit, values).status == .seeOther)
            #expect(try await admin.get(edit).html.contains("name=\"eitCodes\" value=\"on\" checked"))
            #expect(try await client.get("/demo/eit").html.contains("name=\"code\""))
        }
        let stored = try #require(try await fixture.database.rounds(agencyId: round.agencyId).first)
        #expect(stored.eitCodes && !stored.iitCodes)
    }
}
