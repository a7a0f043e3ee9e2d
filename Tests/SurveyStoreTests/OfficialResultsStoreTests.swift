import Foundation
import GRDB
import SurveyCore
import SurveyStore
import Testing

@Suite("Official results in the store: saved whole with an audit line, read back, replaced, deleted")
struct OfficialResultsStoreTests {
    static let file = """
        id,score,note
        1,95.01
        2,84.45
        3,88.62
        4,83.07
        5,86.04,ข้อสังเกตตัวชี้วัด 5
        6,85.07
        7,84.54
        8,82.73
        9,100
        10,100
        total,91.47
        e11,72.125,"E11, E12: แสดงการปรับปรุง"
        O39,0,แผนครอบคลุมทั้งปี
        ,,ข้อสังเกตทั่วไป

        """

    @Test("results read back exactly as saved, with the scheme chosen, for a year without a round")
    func roundTrip() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let agency = try await fixture.database.addAgency(
            slug: "tambon", nameTh: "เทศบาลตำบลตัวอย่าง", nameEn: "Tambon", kind: .tmS, reservedSlugs: [], by: "test")
        let results = try OfficialResultsCSV.results(file: Self.file, fiscalYear: 2566, levels: "letters").get()
        #expect(try await fixture.database.saveOfficialResults(results, agency: agency, by: "cli") == false)
        let stored = try #require(try await fixture.database.officialResults(agencyId: agency.id, year: 2566))
        #expect(stored == results)
        #expect(stored.itemScores[OfficialItemID("e11")!] == Rational(decimal: "72.125"))
        #expect(stored.publishedTotal == Rational(decimal: "91.47") && stored.level == .letter("A"))
        #expect(try await fixture.database.officialResults(agencyId: agency.id, year: 2565) == nil)
        #expect(try await fixture.database.officialResultYears(agencyId: agency.id) == [2566])
        let audit = try await fixture.database.auditEvents()
        #expect(audit.first?.action == "official results saved" && audit.first?.agencySlug == "tambon")
        #expect(audit.first?.detail.hasPrefix("2566: 10 indicators, 2 items, 4 notes, total 91.47, level A") == true)
    }

    @Test("saving again replaces the year's results whole and says so in the audit; delete removes every row")
    func replaceAndDelete() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let first = try OfficialResultsCSV.results(file: Self.file, fiscalYear: round.fiscalYear).get()
        try await fixture.database.saveOfficialResults(first, agency: agency, by: "cli")
        let second = try OfficialResultsCSV.results(
            file: "id,score,note\ntotal,54.66\n", fiscalYear: round.fiscalYear, levels: "letters"
        ).get()
        #expect(try await fixture.database.saveOfficialResults(second, agency: agency, by: "root") == true)
        let stored = try #require(
            try await fixture.database.officialResults(agencyId: agency.id, year: round.fiscalYear))
        #expect(stored == second && stored.itemScores.isEmpty && stored.level == .letter("E"))
        #expect(try fixture.inspect { try Int.fetchOne($0, sql: "SELECT count(*) FROM officialResultRow") } == 0)
        #expect(try await fixture.database.auditEvents().first?.detail.hasPrefix("replaced ") == true)
        #expect(try await fixture.database.deleteOfficialResults(agency: agency, year: round.fiscalYear, by: "root"))
        #expect(try await fixture.database.officialResults(agencyId: agency.id, year: round.fiscalYear) == nil)
        #expect(try fixture.inspect { try Int.fetchOne($0, sql: "SELECT count(*) FROM officialResult") } == 0)
        #expect(try await fixture.database.auditEvents().first?.action == "official results deleted")
        #expect(try await !fixture.database.deleteOfficialResults(agency: agency, year: round.fiscalYear, by: "root"))
    }

    @Test("a round's level scheme is stored and read back; none is the year's own")
    func roundScheme() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        #expect(round.levelScheme == nil)
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        var settings = round.settings
        settings.levelScheme = .letters
        _ = try await fixture.database.updateRound(round, to: settings, agency: agency, by: "test")
        let stored = try #require(try await fixture.database.round(id: round.id))
        #expect(stored.levelScheme == .letters && stored.settings.assessment.scheme == .letters)
        #expect(try await fixture.database.auditEvents().first?.detail.hasSuffix("levels letters") == true)
    }
}
