import Foundation
import GRDB
import HummingbirdTesting
import NIOCore
import SurveyCore
import SurveyStore
import Testing

@testable import SurveyWeb

@Suite("Hardening: per-address limits, a locked database, metrics, static files")
struct HardeningTests {
    /// A server that lets each address send three answers a minute.
    static func threePerMinute(_ configuration: inout AppConfiguration) {
        configuration.submissionsPerMinute = 3
    }

    @Test("submissions beyond an address's allowance get 429 with the answers kept, and nothing stored")
    func rateLimit() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.run(.live, adjust: Self.threePerMinute) { client in
            for _ in 0..<3 {
                #expect(
                    try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit)).response.status == .seeOther)
            }
            let answers = WebFixture.answers(.eit) { $0.first! }
            let limited = try await client.fillAndSubmit("/demo/eit", answers).response
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "30")
            #expect(limited.html.contains("มีการส่งคำตอบจากเครือข่ายนี้ถี่เกินไป"))
            #expect(limited.html.checkedAnswers == answers)
        }
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 3)
    }

    @Test("typed codes take from the same allowance: guessing at speed gets 429 and spends nothing")
    func codeGuessing() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: true)!
        let code = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 1, on: WebFixture.today
        ).codes[0]
        try await fixture.run(.live, adjust: Self.threePerMinute) { client in
            for guess in ["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"] {
                #expect(try await client.post("/demo/iit/code", ["code": guess]).status == .unprocessableContent)
            }
            let limited = try await client.post("/demo/iit/code", ["code": code])
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] == "30")
            #expect(limited.html.contains("value=\"\(code)\"") && limited.headers[.setCookie] == nil)
        }
        #expect(
            try await fixture.database.accessCodeStatus(
                roundId: round.id, form: .iit, code: AccessCode.normalize(code)!)
                == .unused)
    }

    @Test("a database locked by another program gives 503 with the answers kept; the same form goes through later")
    func lockedDatabase() async throws {
        let fixture = try WebFixture(busyTimeout: .milliseconds(200))
        let round = try await fixture.agency()!
        // Another program holding the write lock, as a backup tool or a curious admin with sqlite3 might.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let intruder = try DatabaseQueue(path: fixture.databasePath, configuration: unsafe)
        try await fixture.run { client in
            let form = try await client.get("/demo/eit")
            var answers = WebFixture.answers(.eit) { $0[1] }
            answers["token"] = form.html.formToken
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
            let refused = try await client.post("/demo/eit", answers)
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.html.contains("ระบบยังบันทึกคำตอบไม่ได้ในขณะนี้"))
            #expect(refused.html.formToken == answers["token"])
            var kept = answers
            kept["token"] = nil
            #expect(refused.html.checkedAnswers == kept)
            #expect(try await client.post("/demo/eit", answers).status == .seeOther)
            #expect(try await client.get("/healthz").status == .ok)
        }
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 1)
        #expect(try await fixture.database.verify(roundId: round.id, instruments: []).isIntact)
    }

    @Test("metrics are Prometheus text for an admin of every agency or the metrics token, and count submissions")
    func metrics() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("clerk", agency: "demo")
        try await fixture.run(adjust: { $0.metricsToken = "scrape-me" }) { client in
            #expect(try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit)).response.status == .seeOther)
            #expect(try await client.get("/admin/metrics").status == .seeOther)
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            #expect(try await clerk.get("/admin/metrics").status == .forbidden)
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let text = try await root.get("/admin/metrics").html
            #expect(text.contains("# TYPE prongsai_requests_total counter"))
            #expect(text.contains("prongsai_submissions_total{outcome=\"stored\"} 1"))
            #expect(text.contains("prongsai_requests_total{route=\"form\",method=\"POST\",status=\"303\"} 1"))
            #expect(text.contains("prongsai_request_duration_seconds_bucket{le=\"+Inf\"}"))
            #expect(!text.contains("demo") && !text.contains("127.0.0.1"))
            let scraped = try await client.execute(
                uri: "/admin/metrics", method: .get, headers: [.authorization: "Bearer scrape-me"])
            #expect(scraped.status == .ok && scraped.html.contains("prongsai_requests_total"))
            let wrong = try await client.execute(
                uri: "/admin/metrics", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .seeOther)
        }
    }

    @Test(
        "static files cannot be read outside WebForms/static",
        arguments: [
            "/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/..%2fPackage.swift",
            "/static/%2e%2e%2f%2e%2e%2fPackage.swift", "/static/....//Package.swift", "/static//etc/passwd",
            "/static/%2fetc%2fpasswd", "/static/../instruments/eit-2568.json",
        ])
    func staticTraversal(path: String) async throws {
        let fixture = try WebFixture()
        try await fixture.run { client in
            var response = try await client.get(path)
            // A path not in its one written form is first sent there, and that is refused too.
            if response.status == .permanentRedirect, let location = response.headers[.location] {
                #expect(location.hasPrefix("/static/") && !location.contains("//") && !location.contains("/../"))
                response = try await client.get(location)
            }
            #expect(response.status.code >= 400 && response.status.code < 500, "\(path): \(response.status)")
            #expect(!response.html.contains("swift-tools-version") && !response.html.contains("root:"))
            #expect(!response.html.contains("\"indicators\""))
            #expect(try await client.get("/static/prongsai.css").status == .ok)
        }
    }

    @Test("a download's Thai name keeps no slash, quote or line break of an agency's name")
    func downloadName() {
        let header = HTML.attachment(ascii: "a.docx", thai: "รายงาน a\"b;\\ ../../x.exe\r\nX-Inj: 1.docx")
        let encoded = String(header.split(separator: "''").last ?? "")
        #expect(header.hasPrefix("attachment; filename=\"a.docx\"; filename*=UTF-8''%E0%B8%A3"))
        for escaped in ["%2F", "%5C", "%22", "%0D", "%0A"] { #expect(!encoded.contains(escaped), "\(escaped)") }
        #expect(encoded.removingPercentEncoding?.hasSuffix("X-Inj  1.docx") == true)
    }

    @Test("a body over 64 KB is refused with 413 on admin routes too")
    func largeAdminBody() async throws {
        let fixture = try WebFixture()
        try await fixture.run { client in
            let response = try await client.execute(
                uri: "/admin/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=" + String(repeating: "a", count: 70 * 1024)))
            #expect(response.status == .contentTooLarge)
        }
    }
}
