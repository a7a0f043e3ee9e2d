import Foundation
import GRDB
import SurveyCore
import SurveyStore
import Testing

@Suite("Measures plans in the store: saved whole with an audit line, read back, an edited plan kept from drafts")
struct MeasuresPlanStoreTests {
    static let plan = MeasuresPlan(
        fiscalYear: 2567, basis: MeasuresPlan.Basis(year: 2566, source: .official),
        rows: [
            MeasureRow(
                indicators: [7, 2], items: ["e11", "O12"], measure: "ประชาสัมพันธ์ช่องทางร้องเรียน",
                steps: "1) เผยแพร่\n2) ตอบกลับ", period: "ต.ค. 2566 – ก.ย. 2567", owner: "งานประชาสัมพันธ์",
                followUp: "รายงานทุกไตรมาส", output: "ป้ายประกาศ 12 จุด", outcome: "เรื่องร้องเรียนตอบภายใน 7 วัน"),
            MeasureRow(indicators: [4], measure: "คู่มือการยืมคืนทรัพย์สิน"),
        ],
        signer: Signatory(name: "นายสมชาย ใจดี", position: "นายกองค์การบริหารส่วนตำบลหนองบัว"),
        announcedOn: "1 ตุลาคม พ.ศ. 2566",
        approvals: Approvals(
            officer: Signatory(name: "นางสาวเอ", position: "นักจัดการงานทั่วไป"),
            chiefExecutive: Signatory(name: "นายสมชาย ใจดี", position: "นายก อบต.หนองบัว")),
        edited: true)

    @Test("a plan reads back exactly as saved, rows in order, and each save writes one audit line")
    func roundTrip() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let agency = try await fixture.database.addAgency(
            slug: "nongbua", nameTh: "อบต.หนองบัว", nameEn: "", kind: .saoM, reservedSlugs: [], by: "test")
        #expect(try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567) == nil)
        let first = try await fixture.database.saveMeasuresPlan(
            Self.plan, agency: agency, action: .measuresPlanSaved, by: "clerk")
        #expect(first == .stored)
        #expect(try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567) == Self.plan)
        var moved = Self.plan
        moved.rows.reverse()
        moved.basis = nil
        let second = try await fixture.database.saveMeasuresPlan(
            moved, agency: agency, action: .measuresFollowUpSaved, by: "clerk")
        #expect(second == .replaced)
        #expect(try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567) == moved)
        #expect(try await fixture.database.measuresPlanYears(agencyId: agency.id) == [2567])
        let rows = try fixture.inspect { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM measuresPlanRow") }
        #expect(rows == 2)
        // Newest first.
        let audit = try await fixture.database.auditEvents().filter { $0.agencySlug == "nongbua" }
        #expect(audit.map(\.action).prefix(2) == ["measures follow-up saved", "measures plan saved"])
        #expect(audit.first?.detail == "replaced 2567: 2 measures, 1 followed up")
        #expect(audit.dropFirst().first?.detail == "2567: 2 measures, from official 2566, 1 followed up")
    }

    @Test("a draft does not replace an edited plan unless asked, and replaces a drafted one")
    func draftsKeepEdits() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let agency = try await fixture.database.addAgency(
            slug: "nongbua", nameTh: "อบต.หนองบัว", nameEn: "", kind: .saoM, reservedSlugs: [], by: "test")
        try await fixture.database.saveMeasuresPlan(Self.plan, agency: agency, action: .measuresPlanSaved, by: "a")
        var draft = MeasuresPlan(fiscalYear: 2567, rows: [MeasureRow(indicators: [8], measure: "E-Service")])
        let kept = try await fixture.database.saveMeasuresPlan(
            draft, agency: agency, action: .measuresPlanDrafted, replacingEdited: false, by: "a")
        #expect(kept == .keptEdited)
        #expect(try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567) == Self.plan)
        #expect(try await !fixture.database.auditEvents().contains { $0.action == "measures plan drafted" })
        #expect(
            try await fixture.database.saveMeasuresPlan(
                draft, agency: agency, action: .measuresPlanDrafted, replacingEdited: true, by: "a") == .replaced)
        draft.rows[0].measure = "บริการออนไลน์"
        #expect(
            try await fixture.database.saveMeasuresPlan(
                draft, agency: agency, action: .measuresPlanDrafted, replacingEdited: false, by: "a") == .replaced)
        #expect(try await fixture.database.measuresPlan(agencyId: agency.id, year: 2567) == draft)
    }
}
