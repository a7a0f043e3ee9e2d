import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("What respondents read of the survey: the agency's own, on the ITA's questions, kept by the agency")
struct HonestWordingTests {
    /// What the pages said before, or would say in claiming to be the NACC's assessment.
    static let misleading = [
        "การประเมินคุณธรรมและความโปร่งใส (ITA) ของ ป.ป.ช.", "ของ ป.ป.ช.", "ของสำนักงาน ป.ป.ช.", "ITAS",
        "Integrity and Transparency Assessment", "ITA perception surveys", "แบบวัดการรับรู้ ITA",
    ]
    static let thai = ["แบบสอบถามนี้เป็นของหน่วยงานเอง", "ใช้คำถามแบบเดียวกับการประเมิน ITA", "ไม่ส่งให้ ป.ป.ช. หรือผู้ใด"]
    static let english = [
        "own survey", "the same questions as the ITA", "not sent to the NACC (ป.ป.ช.) or anyone else",
    ]

    @Test("home, forms, code pages, thanks, posters and slips say whose survey it is and that answers stay there")
    func everyPublicPage() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        let coded = try #require(try await fixture.agency("coded", codes: true, counterSlips: true))
        try await fixture.admin("root", agency: nil)
        let homeThai = ["เป็นของแต่ละหน่วยงานเอง", "ใช้คำถามแบบเดียวกับการประเมิน ITA", "ไม่ส่งให้ ป.ป.ช. หรือผู้ใด"]
        let homeEnglish = ["each agency", "the same questions as the ITA", "not sent to the NACC (ป.ป.ช.)"]
        let poster = [
            "แบบสอบถามของหน่วยงานเอง", "ใช้คำถามแบบเดียวกับการประเมิน ITA", "ไม่ส่งให้ ป.ป.ช.", "not sent to the NACC",
        ]
        let pages: [(path: String, says: [String])] = [
            ("/", homeThai), ("/?lang=en", homeEnglish),
            ("/demo/eit", Self.thai), ("/demo/iit", Self.thai), ("/demo/eit?lang=en", Self.english),
            ("/demo/iit?lang=en", Self.english), ("/coded/iit", Self.thai), ("/coded/eit", Self.thai),
            ("/demo/eit/thanks", ["ไม่ส่งให้ ป.ป.ช. หรือผู้ใด", "ปรับปรุงการทำงานและการให้บริการ"]),
            ("/demo/eit/thanks?lang=en", ["not sent to the NACC (ป.ป.ช.)", "improve its work and service"]),
            ("/demo/eit/poster", poster), ("/demo/iit/poster", poster), ("/coded/eit/poster", poster),
        ]
        try await fixture.run { client in
            for (path, says) in pages {
                let response = try await client.get(path)
                #expect(response.status == .ok, "\(path)")
                let html = response.html
                for text in says { #expect(html.contains(text), "\(path): \(text)") }
                for text in Self.misleading { #expect(!html.contains(text), "\(path): \(text)") }
            }
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let codes = "/admin/coded/\(coded.fiscalYear)/codes"
            for form in ["iit", "eit"] {
                #expect(try await admin.post(codes, ["count": "2", "form": form]).status == .seeOther)
            }
            for batch in try await fixture.database.codeBatches(roundId: coded.id) {
                let slips = try await admin.get("\(codes)/\(batch.id)/slips").html
                #expect(slips.contains("แบบสอบถามของหน่วยงาน") && slips.contains("ไม่ส่งให้ ป.ป.ช."), "\(batch.form)")
                for text in Self.misleading { #expect(!slips.contains(text), "slips \(batch.form): \(text)") }
            }
        }
    }
}
