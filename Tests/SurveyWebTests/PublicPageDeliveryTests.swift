import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SurveyCore
import Testing

@Suite("Public pages reach a phone small, in its language, with an icon, and Back never stores a second answer")
struct PublicPageDeliveryTests {
    @Test(
        "a browser that accepts gzip gets the form, its style sheet and the icon gzipped; one that did not ask, plain")
    func compression() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            for path in ["/demo/eit", "/demo/iit", "/static/prongsai.css", "/", "/nowhere/eit"] {
                let plain = try await client.get(path)
                #expect(plain.headers[.contentEncoding] == nil, "\(path)")
                #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true, "\(path)")
                #expect(Array(plain.body.readableBytesView.prefix(2)) != [0x1f, 0x8b], "\(path)")
                let gzipped = try await client.execute(
                    uri: path, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
                #expect(gzipped.status == plain.status, "\(path)")
                #expect(gzipped.headers[.contentEncoding] == "gzip", "\(path)")
                #expect(Array(gzipped.body.readableBytesView.prefix(2)) == [0x1f, 0x8b], "\(path)")
                #expect(gzipped.body.readableBytes < plain.body.readableBytes, "\(path)")
                #expect(gzipped.headers[.vary]?.contains("Accept-Encoding") == true, "\(path)")
                let refused = try await client.execute(
                    uri: path, method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"])
                #expect(refused.headers[.contentEncoding] == nil, "\(path)")
            }
        }
    }

    @Test("the icon is linked from every public page and kept by the browser for a year; the sheet is revalidated")
    func favicon() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            for path in ["/", "/demo/eit", "/demo/eit/thanks", "/demo/eit/poster", "/nowhere/eit"] {
                #expect(
                    try await client.get(path).html.contains(
                        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"), "\(path)")
            }
            let icon = try await client.get("/static/favicon.svg")
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml")
            #expect(icon.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(icon.html.hasPrefix("<svg") && icon.body.readableBytes < 1024)
            let etag = try #require(icon.headers[.eTag])
            let again = try await client.execute(
                uri: "/static/favicon.svg", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            #expect(try await client.get("/static/nothing.css").status == .notFound)
        }
    }

    @Test(
        "Accept-Language chooses English for an English phone unless the visitor chose; Thai is the default",
        arguments: [
            (nil, "/demo/eit", "th"), ("en-US,en;q=0.9", "/demo/eit", "en"), ("en-GB", "/demo/eit", "en"),
            ("th-TH,th;q=0.9,en;q=0.8", "/demo/eit", "th"), ("en;q=0.5,th", "/demo/eit", "th"),
            ("fr-FR,en;q=0.7", "/demo/eit", "en"), ("fr-FR", "/demo/eit", "th"), ("en-US", "/demo/eit?lang=th", "th"),
            ("th", "/demo/eit?lang=en", "en"), ("en-US", "/", "en"), ("en-US", "/demo/eit/thanks", "en"),
            ("garbage;;q=x,,", "/demo/eit", "th"),
        ] as [(String?, String, String)])
    func acceptLanguage(header: String?, path: String, language: String) async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            var headers = HTTPFields()
            if let header { headers[.acceptLanguage] = header }
            let page = try await client.execute(uri: path, method: .get, headers: headers)
            #expect(page.status == .ok)
            #expect(page.html.contains("<html lang=\"\(language)\">"))
            #expect(page.headers[.vary]?.contains("Accept-Language") == true)
            // The page's links and its form carry its language, so the next page keeps it whatever the header says.
            if path.hasPrefix("/demo/eit"), !path.contains("thanks") {
                #expect(page.html.contains("action=\"/demo/eit?lang=\(language)\""))
                #expect(page.html.contains("href=\"/demo/eit?lang=\(language == "th" ? "en" : "th")\""))
            }
        }
    }

    @Test("an English phone gets the code page in English and a wrong code comes back typed as it was")
    func codePageInEnglish() async throws {
        let fixture = try WebFixture()
        try await fixture.agency(codes: true)
        try await fixture.run { client in
            let page = try await client.execute(
                uri: "/demo/iit", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9"])
            #expect(page.html.contains("<html lang=\"en\">") && page.html.contains("Enter your access code"))
            #expect(page.html.contains("name=\"lang\" value=\"en\""))
            let wrong = try await client.post("/demo/iit/code", ["code": "abcd-efgx", "lang": "en"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("value=\"abcd-efgx\""))
            #expect(wrong.html.contains("This code is not recognised") && !wrong.html.contains("ไม่พบรหัสนี้"))
        }
    }

    @Test("the blank form page may be kept for Back only; pages holding answers, and those after sending, never")
    func caching() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            #expect(try await client.get("/demo/eit").headers[.cacheControl] == "private, no-cache")
            var answers = WebFixture.answers(.eit)
            answers["e9"] = nil
            let (_, problems) = try await client.fillAndSubmit("/demo/eit", answers)
            // A form sent back holds the answers: never kept on the phone.
            #expect(problems.status == .unprocessableContent && problems.headers[.cacheControl] == "no-store")
            #expect(try await client.get("/demo/eit/thanks").headers[.cacheControl] == "no-store")
            #expect(try await client.get("/demo/eit/received").headers[.cacheControl] == "no-store")
        }
    }

    @Test("the English thank-you and already-received pages name the agency in English")
    func englishReceipts() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let thanks = try await client.get("/demo/eit/thanks?lang=en").html
            #expect(thanks.contains("Example SAO demo has received all your answers; there is nothing more to do."))
            let received = try await client.get("/demo/eit/received?lang=en").html
            #expect(received.contains("Your answers were already received"))
            #expect(received.contains("Example SAO demo had already received these answers of yours"))
            // The Thai pages are in Thai only, as the form was.
            for path in ["/demo/eit/thanks", "/demo/eit/received"] {
                let thai = try await client.get(path).html
                #expect(thai.contains("องค์การบริหารส่วนตำบลทดสอบ") || thai.contains("ได้รับคำตอบ"), "\(path)")
                #expect(!thai.contains("answers") && !thai.contains("lang=\"en\""), "\(path)")
            }
        }
    }
}
