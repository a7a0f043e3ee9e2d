import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("IIT access codes: asked first, spent with the answer, never kept with it")
struct AccessCodeTests {
    @Test("without a code the IIT asks for one; a wrong one is refused; a slip's code opens the form")
    func codeEntry() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let codes = try await fixture.database.createAccessCodes(roundId: round.id!, count: 2)
        try await fixture.run { client in
            let ask = try await client.get("/demo/iit")
            #expect(ask.status == .ok)
            #expect(ask.html.contains("กรอกรหัสผู้ตอบ") && ask.html.contains("name=\"code\""))
            #expect(!ask.html.contains("name=\"i1a\""))
            let wrong = try await client.get("/demo/iit?code=ABCD-EFGH")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("ไม่พบรหัสนี้"))
            let form = try await client.get("/demo/iit?code=\(codes[0].lowercased())")
            #expect(form.status == .ok)
            #expect(form.html.hiddenValue("code") == AccessCode.normalize(codes[0]))
            #expect(form.html.contains("name=\"i1a\""))
            // The EIT needs no code.
            #expect(try await client.get("/demo/eit").html.contains("name=\"e1a\""))
        }
    }

    @Test("the code is spent with the response; the same code then opens nothing")
    func codeSpent() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let code = try await fixture.database.createAccessCodes(roundId: round.id!, count: 1)[0]
        try await fixture.run { client in
            let (_, response) = try await client.fillAndSubmit("/demo/iit?code=\(code)", WebFixture.answers(.iit))
            #expect(response.status == .seeOther)
            #expect(
                try await fixture.database.accessCodeStatus(roundId: round.id!, code: AccessCode.normalize(code)!)
                    == .used)
            let again = try await client.get("/demo/iit?code=\(code)")
            #expect(again.status == .unprocessableContent)
            #expect(again.html.contains("รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว"))
            // A second form opened with the same code before it was spent is refused on submit.
            var answers = WebFixture.answers(.iit)
            answers["token"] = try await client.get("/demo/eit").html.formToken
            answers["code"] = AccessCode.normalize(code)
            #expect(try await client.post("/demo/iit", answers).status == .unprocessableContent)
            #expect(try await fixture.database.tallies(roundId: round.id!).iit.responses == 1)
        }
    }
}
