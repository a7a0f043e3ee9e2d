import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("IIT access codes: typed by POST, spent on their own for a ballot that is never joined to the answer")
struct AccessCodeTests {
    @Test("without a ballot the IIT asks for a code; a wrong one is refused; a code in the address does nothing")
    func codeEntry() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let codes = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 2, on: WebFixture.today
        ).codes
        try await fixture.run { client in
            let ask = try await client.get("/demo/iit")
            #expect(ask.status == .ok)
            #expect(ask.html.contains("กรอกรหัสผู้ตอบ") && ask.html.contains("name=\"code\""))
            #expect(ask.html.contains("method=\"post\" action=\"/demo/iit/code\""))
            #expect(!ask.html.contains("name=\"i1a\""))
            let inAddress = try await client.get("/demo/iit?code=\(codes[0])")
            #expect(inAddress.status == .ok && !inAddress.html.contains("name=\"i1a\""))
            let wrong = try await client.post("/demo/iit/code", ["code": "abcd efgh", "lang": "th"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("ไม่พบรหัสนี้"))
            #expect(wrong.html.contains("value=\"abcd efgh\""))
            #expect(wrong.headers[.setCookie] == nil)
            // The EIT needs no code.
            #expect(try await client.get("/demo/eit").html.contains("name=\"e1a\""))
            #expect(try await client.post("/demo/eit/code", ["code": codes[0]]).status == .notFound)
        }
        for code in codes {
            let status = try await fixture.database.accessCodeStatus(
                roundId: round.id, form: .iit, code: AccessCode.normalize(code)!)
            #expect(status == .unused)
        }
    }

    @Test("a code typed with spaces, dashes or small letters gives a ballot cookie that opens the form")
    func ballotOpensForm() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let code = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 1, on: WebFixture.today
        ).codes[0]
        let typed = " " + code.lowercased().replacingOccurrences(of: "-", with: " ") + " "
        try await fixture.run { client in
            let entered = try await client.post("/demo/iit/code", ["code": typed, "lang": "en"])
            #expect(entered.status == .seeOther)
            #expect(entered.headers[.location] == "/demo/iit?lang=en")
            let cookie = try #require(entered.headers[.setCookie])
            #expect(cookie.hasPrefix("prongsai_ballot="))
            #expect(
                cookie.contains("Path=/demo/iit;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Secure"))
            #expect(!cookie.contains(AccessCode.normalize(code)!) && !cookie.contains(code))
            let ballot = String(cookie.split(separator: ";")[0])
            let form = try await client.execute(uri: "/demo/iit?lang=en", method: .get, headers: [.cookie: ballot])
            #expect(form.status == .ok && form.html.contains("name=\"i1a\""))
            // Neither the form page nor its address carries the code.
            #expect(!form.html.contains(AccessCode.normalize(code)!) && !form.html.contains(code))
            // The language switch is a plain link; the cookie goes with it.
            let thai = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            #expect(thai.html.contains("name=\"i1a\""))
        }
        #expect(
            try await fixture.database.accessCodeStatus(
                roundId: round.id, form: .iit, code: AccessCode.normalize(code)!) == .used)
    }

    @Test("the English button of the code page keeps what was typed and spends nothing")
    func languageSwitchKeepsCode() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let code = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 1, on: WebFixture.today
        ).codes[0]
        try await fixture.run { client in
            let english = try await client.post("/demo/iit/code", ["code": code, "lang": "th", "switch": "en"])
            #expect(english.status == .ok)
            #expect(english.html.contains("Enter your access code") && english.html.contains("value=\"\(code)\""))
            #expect(english.html.contains("name=\"lang\" value=\"en\""))
            let thai = try await client.post("/demo/iit/code", ["code": code, "lang": "en", "switch": "th"])
            #expect(thai.html.contains("กรอกรหัสผู้ตอบ") && thai.html.contains("value=\"\(code)\""))
        }
        #expect(
            try await fixture.database.accessCodeStatus(
                roundId: round.id, form: .iit, code: AccessCode.normalize(code)!)
                == .unused)
    }

    @Test("a ballot allows one answer; the code, the ballot and a missing ballot then open nothing")
    func codeSpent() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let batch = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 2, on: WebFixture.today)
        let code = batch.codes[0]
        try await fixture.run { client in
            let entered = try await client.post("/demo/iit/code", ["code": code])
            let ballot = String(try #require(entered.headers[.setCookie]).split(separator: ";")[0])
            let form = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            // A second tab opened with the same ballot before the first was sent.
            let secondTab = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            var answers = WebFixture.answers(.iit)
            answers["token"] = form.html.formToken
            let sent = try await client.execute(
                uri: "/demo/iit", method: .post,
                headers: [.cookie: ballot, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: FormEncoding.encode(answers)))
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.setCookie]?.contains("Max-Age=0") == true)
            let again = try await client.post("/demo/iit/code", ["code": code])
            #expect(again.status == .unprocessableContent)
            #expect(again.html.contains("รหัสนี้ถูกใช้ไปแล้ว"))
            // The spent ballot no longer opens the form, nor stores a second answer with a fresh token.
            let reopened = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            #expect(!reopened.html.contains("name=\"i1a\""))
            answers["token"] = secondTab.html.formToken
            let reuse = try await client.execute(
                uri: "/demo/iit", method: .post,
                headers: [.cookie: ballot, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: FormEncoding.encode(answers)))
            #expect(reuse.status == .forbidden || reuse.status == .conflict)
            // Answers without any ballot are refused.
            #expect(try await client.post("/demo/iit", answers).status == .forbidden)
            // A withdrawn code opens nothing.
            try await fixture.database.withdrawUnusedCodes(roundId: round.id, batchId: batch.batch.id)
            let withdrawn = try await client.post("/demo/iit/code", ["code": batch.codes[1]])
            #expect(withdrawn.status == .unprocessableContent && withdrawn.html.contains("ถูกยกเลิก"))
        }
        #expect(try await fixture.database.tallies(roundId: round.id).iit.responses == 1)
    }

    @Test("a double tap on the IIT is thanked and stores one answer; a held ballot spends no second code")
    func doubleTapAndHeldBallot() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let codes = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 2, on: WebFixture.today
        ).codes
        try await fixture.run { client in
            let entered = try await client.post("/demo/iit/code", ["code": codes[0]])
            let ballot = String(try #require(entered.headers[.setCookie]).split(separator: ";")[0])
            // Typing the second slip's code while holding an unspent ballot leads back to the form.
            let again = try await client.execute(
                uri: "/demo/iit/code", method: .post,
                headers: [.cookie: ballot, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: FormEncoding.encode(["code": codes[1]])))
            #expect(again.status == .seeOther && again.headers[.location] == "/demo/iit?lang=th")
            #expect(again.headers[.setCookie] == nil)
            let form = try await client.execute(uri: "/demo/iit", method: .get, headers: [.cookie: ballot])
            var answers = WebFixture.answers(.iit)
            answers["token"] = form.html.formToken
            for attempt in 0..<2 {
                let sent = try await client.execute(
                    uri: "/demo/iit", method: .post,
                    headers: [.cookie: ballot, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: FormEncoding.encode(answers)))
                let page = attempt == 0 ? "/demo/iit/thanks?lang=th" : "/demo/iit/received?lang=th"
                #expect(sent.status == .seeOther && sent.headers[.location] == page)
                // Only the first clears the cookie; the tap after it leaves whatever the browser holds now.
                #expect((sent.headers[.setCookie] != nil) == (attempt == 0))
            }
            // Back after the thank-you page, then send: the cookie is gone, the page's token is spent.
            let back = try await client.post("/demo/iit", answers)
            #expect(back.status == .seeOther && back.headers[.location] == "/demo/iit/received?lang=th")
            // Without a spent token it is still the code page.
            answers["token"] = try await client.get("/demo/iit").html.formToken ?? ""
            #expect(try await client.post("/demo/iit", answers).status == .forbidden)
        }
        #expect(try await fixture.database.tallies(roundId: round.id).iit.responses == 1)
        #expect(
            try await fixture.database.accessCodeStatus(
                roundId: round.id, form: .iit, code: AccessCode.normalize(codes[1])!)
                == .unused)
    }
}
