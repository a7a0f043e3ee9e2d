import Foundation
import SurveyCore
import SurveyStore
import Testing

@Suite("Acknowledged answers found missing at start are shown on the dashboards of the rounds open then")
struct AnswerLossTests {
    @Test("an older copy restored in place: the dashboard of the open round says how many, when, and what to do")
    func dashboardNotice() async throws {
        let before = try WebFixture()
        let round = try #require(try await before.agency())
        try await before.agency(
            "older", opens: Day(year: 2025, month: 11, day: 1), closes: Day(year: 2026, month: 3, day: 31))
        try await before.admin("root", agency: nil)
        let backup = before.folder.appendingPathComponent("backup.sqlite").path
        try await before.run { client in
            _ = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
            try before.database.backup(to: backup)
            for _ in 0..<3 {
                let (_, stored) = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
                #expect(stored.status == .seeOther)
            }
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            #expect(!(try await admin.get("/admin/demo/\(round.fiscalYear)").html.contains("data-losses")))
        }

        let after = try WebFixture(restoring: backup, over: before)
        #expect(after.database.lossFoundAtOpen?.answers == 3)
        try await after.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let page = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(page.contains("data-losses"))
            #expect(page.contains("พบเมื่อ 20 พ.ย. 2569: คำตอบ 3 รายการที่ระบบตอบรับแล้ว"))
            #expect(page.contains("ควรประกาศเชิญผู้ที่ตอบในวันนั้นให้ตอบใหม่"))
            // A round that had closed before the last answers were acknowledged lost none of them.
            #expect(!(try await admin.get("/admin/older/2569").html.contains("data-losses")))
        }
    }
}
