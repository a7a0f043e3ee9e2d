import Foundation
import HummingbirdTesting
import NIOCore
import SurveyCore
import SurveyStore
import Testing

@Suite("Submitting a form: stored once, or sent back with every problem and every answer kept")
struct SubmissionTests {
    @Test("a valid EIT submission is stored and redirected to the thank-you page")
    func valid() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            let answers = WebFixture.answers(.eit)
            let (_, response) = try await client.fillAndSubmit("/demo/eit", answers)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/demo/eit/thanks?lang=th")
            let thanks = try await client.get("/demo/eit/thanks")
            #expect(thanks.status == .ok && thanks.html.contains("ขอบคุณที่ร่วมตอบแบบสอบถาม"))
            #expect(thanks.html.contains("องค์การบริหารส่วนตำบลตัวอย่าง ได้รับคำตอบของท่านครบทุกข้อแล้ว"))
            let tallies = try await fixture.database.tallies(roundId: round.id)
            #expect(tallies.eit.responses == 1)
            #expect(tallies.eit.answers["e1a"] == ["4": 1])
            #expect(tallies.eit.days == [WebFixture.today: 1])
        }
    }

    @Test("a missing answer comes back as 422 with the message at its question, a summary, and the other answers kept")
    func missingAnswer() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            var answers = WebFixture.answers(.eit) { $0.first! }
            answers["e9"] = nil
            let (form, response) = try await client.fillAndSubmit("/demo/eit", answers)
            #expect(response.status == .unprocessableContent)
            let html = response.html
            #expect(html.contains("class=\"summary\""))
            #expect(html.contains("<a href=\"#q-e9\">กรุณาตอบข้อ 9</a>"))
            #expect(html.contains("<fieldset class=\"q bad\" id=\"q-e9\"><legend>9. "))
            #expect(html.contains("<p class=\"msg\">กรุณาตอบข้อ 9</p>"))
            #expect(!html.contains("Please answer") && !html.contains("e9</"))
            var kept = answers
            kept["token"] = nil
            #expect(html.checkedAnswers == kept)
            #expect(html.formToken == form.html.formToken)
            #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 0)
        }
    }

    @Test(
        "each kind of problem is named at its question as the page numbers it, in the page's language only",
        arguments: [
            ("gender", nil, "กรุณาเลือกเพศ", "Please choose an answer for “Gender”."),
            (
                "contact", nil, "กรุณาเลือกประเภทผู้มาติดต่อหน่วยงาน",
                "Please choose an answer for “You contacted the agency as”."
            ),
            ("e4b", nil, "กรุณาตอบข้อ 4 ข้อย่อย ข", "Please answer question 4, part b."),
            (
                "e2", "5", "คำตอบ “5” ไม่ใช่ตัวเลือกของข้อ 2 กรุณาเลือกใหม่",
                "“5” is not one of the choices for question 2; please choose again."
            ),
            (
                "age", "99", "คำตอบ “99” ไม่ใช่ตัวเลือกของช่วงอายุ กรุณาเลือกใหม่",
                "“99” is not one of the choices for Age group; please choose again."
            ),
            (
                "e8", "maybe", "คำตอบ “maybe” ไม่ใช่ตัวเลือกของข้อ 8 กรุณาเลือกใหม่",
                "“maybe” is not one of the choices for question 8; please choose again."
            ),
        ] as [(String, String?, String, String)])
    func messages(field: String, value: String?, thai: String, english: String) async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            var answers = WebFixture.answers(.eit)
            answers[field] = value
            let (_, response) = try await client.fillAndSubmit("/demo/eit", answers)
            #expect(response.status == .unprocessableContent)
            let html = response.html
            #expect(html.contains("id=\"q-\(field)\""))
            #expect(html.contains("<a href=\"#q-\(field)\">\(thai)</a>"))
            #expect(html.contains("<p class=\"msg\">\(thai)</p>"))
            #expect(!html.contains(english))
            let (_, inEnglish) = try await client.fillAndSubmit("/demo/eit?lang=en", answers)
            #expect(inEnglish.status == .unprocessableContent)
            #expect(inEnglish.html.contains("<a href=\"#q-\(field)\">\(english)</a>"))
            #expect(inEnglish.html.contains("<p class=\"msg\">\(english)</p>"))
            #expect(!inEnglish.html.contains(thai))
            #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 0)
        }
    }

    @Test("an empty submission lists every question at once")
    func emptySubmission() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let (_, response) = try await client.fillAndSubmit("/demo/iit", [:])
            #expect(response.status == .unprocessableContent)
            #expect(response.html.matches(of: /<li><a href="#q-/).count == 3 + 51)
        }
    }

    @Test("a double tap, or Back after the thank-you page then send, stores nothing and says it was received before")
    func tokenReuse() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            let form = try await client.get("/demo/eit")
            var answers = WebFixture.answers(.eit)
            answers["token"] = form.html.formToken
            let first = try await client.post("/demo/eit", answers)
            answers["e1a"] = "1"
            let second = try await client.post("/demo/eit", answers)
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == "/demo/eit/thanks?lang=th")
            #expect(second.headers[.location] == "/demo/eit/received?lang=th")
            let received = try await client.get(second.headers[.location]!)
            #expect(received.status == .ok)
            #expect(received.html.contains("ได้รับคำตอบของท่านแล้ว"))
            #expect(received.html.contains("องค์การบริหารส่วนตำบลตัวอย่าง ได้รับคำตอบชุดนี้ของท่านไว้ครบแล้ว"))
            let tallies = try await fixture.database.tallies(roundId: round.id)
            #expect(tallies.eit.responses == 1)
            #expect(tallies.eit.answers["e1a"] == ["4": 1])
        }
    }

    @Test("a forged, foreign or missing token keeps the answers, stores nothing and offers a fresh form")
    func badTokens() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            let iitToken = try await client.get("/demo/iit").html.formToken!
            var tampered = iitToken
            tampered.removeLast()
            tampered += tampered.hasSuffix("0") ? "1" : "0"
            for token in ["", "nonsense", iitToken, tampered] {
                var answers = WebFixture.answers(.eit)
                answers["token"] = token
                let response = try await client.post("/demo/eit", answers)
                #expect(response.status == .badRequest, "token \(token)")
                #expect(response.html.contains("แบบฟอร์มนี้หมดอายุหรือไม่ถูกต้อง"))
                #expect(response.html.checkedAnswers.count == answers.count - 1)
                let fresh = try #require(response.html.formToken)
                #expect(fresh != token && !fresh.isEmpty)
            }
            #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 0)
        }
    }

    @Test("only urlencoded bodies are taken, and large ones are refused")
    func bodyLimits() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            let json = try await client.post("/demo/eit", WebFixture.answers(.eit), contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            let huge = try await client.execute(
                uri: "/demo/eit", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "e1a=" + String(repeating: "4", count: 70 * 1024)))
            #expect(huge.status == .contentTooLarge)
            #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 0)
        }
    }

    @Test("after a few hundred mixed submissions the stored tallies equal a recount of the rows")
    func talliesEqualRecount() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run { client in
            var stored = 0
            for index in 0..<240 {
                let form: FormKind = index % 3 == 0 ? .iit : .eit
                var answers = WebFixture.answers(form) { $0.randomElement()! }
                if index % 7 == 0 { answers[answers.keys.randomElement()!] = nil }
                if index % 11 == 0 { answers["gender"] = "unknown" }
                let (form1, response) = try await client.fillAndSubmit("/demo/\(form.rawValue)", answers)
                if response.status == .seeOther {
                    stored += 1
                    if index % 5 == 0 {
                        var again = answers
                        again["token"] = form1.html.formToken
                        #expect(try await client.post("/demo/\(form.rawValue)", again).status == .seeOther)
                    }
                }
            }
            let tallies = try await fixture.database.tallies(roundId: round.id)
            #expect(tallies.iit.responses + tallies.eit.responses == stored)
            #expect(stored > 150)
            #expect(tallies == (try await fixture.database.recountedTallies(roundId: round.id)))
        }
    }
}
