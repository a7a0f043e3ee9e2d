import Foundation
import GRDB
import SurveyCore
import SurveyStore
import Testing

@Suite("The SQLite store: schema, durability settings, agencies and rounds")
struct AppDatabaseTests {
    @Test("a new file is created with its folder, in WAL mode, with synchronous=FULL on the writer")
    func durabilitySettings() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        #expect(FileManager.default.fileExists(atPath: fixture.path))
        #expect(try await fixture.database.writerSynchronousMode() == 2)
        #expect(try fixture.inspect { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test("responses sit in fixed-size slots of a pool never more than half full, holding only their fields")
    func anonymousSchema() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        #expect(try fixture.inspect { db in try db.columns(in: "responseSlot").map(\.name) } == ["id", "body"])
        var generator = SystemRandomNumberGenerator()
        var stored: [Response] = []
        for _ in 0..<150 {
            let response = StoreFixture.randomResponse(.iit, using: &generator)
            stored.append(response)
            #expect(
                try await fixture.database.record(Submission(response: response, roundId: round.id, token: nil))
                    == .stored)
        }
        let sizes = try fixture.inspect { db in
            try Int.fetchAll(
                db, sql: "SELECT DISTINCT length(body) FROM responseSlot WHERE id >> 33 = ?", arguments: [round.id])
        }
        #expect(sizes.count == 2)
        let iitSlots = try fixture.inspect { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM responseSlot WHERE id >> 32 = ?", arguments: [round.id << 1])!
        }
        #expect(iitSlots >= 300 && iitSlots.nonzeroBitCount == 1)
        // Growing the pool moved responses around; none was lost or doubled.
        let read = try await fixture.database.responses(roundId: round.id, form: .iit)
        #expect(read.count == 150)
        #expect(Set(read) == Set(stored))
        #expect(try await fixture.database.verify(roundId: round.id, instruments: []).isIntact)
    }

    @Test("opening the same file twice keeps its data and its secret")
    func reopen() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        _ = try await fixture.openRound()
        let again = try AppDatabase.open(path: fixture.path)
        #expect(try await again.agencies().map(\.slug) == ["demo"])
        let first = fixture.database.secret.withUnsafeBytes { Data($0) }
        let second = again.secret.withUnsafeBytes { Data($0) }
        #expect(first == second && first.count == 32)
    }

    @Test("slugs must be URL-safe, free and not one of the server's own paths")
    func slugs() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let database = fixture.database
        func add(_ slug: String) async throws {
            try await database.addAgency(
                slug: slug, nameTh: "อบต.\(slug)", nameEn: slug, kind: .saoS, reservedSlugs: ["admin", "static"],
                by: "test")
        }
        try await add("nongbua")
        await #expect(throws: StoreError.duplicateSlug("nongbua")) { try await add("nongbua") }
        for bad in ["Nong", "x", "1abc", "ไทย", "a b"] {
            await #expect(throws: StoreError.invalidSlug(bad)) { try await add(bad) }
        }
        for reserved in ["admin", "static"] {
            await #expect(throws: StoreError.reservedSlug(reserved)) { try await add(reserved) }
        }
        let audit = try await database.auditEvents()
        #expect(audit.map(\.action) == [AuditAction.agencyAdded.rawValue])
        #expect(audit.first?.agencySlug == "nongbua")
    }

    @Test("an agency's names have at most 200 characters and nothing unprintable; nothing is stored of another")
    func agencyNames() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        func add(_ slug: String, th: String, en: String) async throws {
            try await fixture.database.addAgency(
                slug: slug, nameTh: th, nameEn: en, kind: .other, reservedSlugs: [], by: "test")
        }
        let longest = String(repeating: "ก", count: Agency.nameLimit)
        await #expect(throws: StoreError.agencyNameTooLong(english: false)) {
            try await add("thai", th: longest + "ก", en: "x")
        }
        await #expect(throws: StoreError.agencyNameTooLong(english: true)) {
            try await add("english", th: "ไทย", en: String(repeating: "a", count: Agency.nameLimit + 1))
        }
        await #expect(throws: StoreError.unprintableAgencyName(english: false)) {
            try await add("reordered", th: "เทศบาล\u{202E}ตำบล", en: "x")
        }
        await #expect(throws: StoreError.unprintableAgencyName(english: true)) {
            try await add("bell", th: "ไทย", en: "Tambon\u{07}")
        }
        try await add("fits", th: longest, en: String(repeating: "a", count: Agency.nameLimit))
        #expect(try await fixture.database.agencies().map(\.slug) == ["fits"])
        #expect(try await fixture.database.auditEvents().count == 1)
    }

    @Test("the audit log keeps a name only if it could be a username, and placeholders otherwise")
    func auditNames() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        for typed in ["root", String(repeating: "a", count: 60 * 1024), "Root Admin", "", AuditEntry.notSignedIn] {
            try await fixture.database.audit(AuditEntry(typed, .loginFailed))
        }
        #expect(
            try await fixture.database.auditEvents().map(\.username).reversed() == [
                "root", AuditEntry.invalidName, AuditEntry.invalidName, AuditEntry.invalidName, AuditEntry.notSignedIn,
            ])
    }

    @Test("sessions idle past the limit are refused and deleted; a touch moves a live session's idle clock on")
    func sessionExpiry() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let database = fixture.database
        let admin = try await database.addAdmin(username: "root", password: "a long enough password", agencyId: nil)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let limit: TimeInterval = 30 * 60
        let idle = try await database.createSession(adminId: admin.id, idleLimit: limit, now: now - 31 * 60)
        let live = try await database.createSession(adminId: admin.id, idleLimit: limit, now: now - 29 * 60)
        #expect(try await database.liveSession(token: idle, idleLimit: limit, now: now) == nil)
        #expect(try await database.liveSession(token: live, idleLimit: limit, now: now)?.admin.username == "root")
        #expect(try await database.endIdleSessions(idleLimit: limit, now: now) == 1)
        try await database.touchSession(token: live, now: now)
        #expect(try await database.liveSession(token: live, idleLimit: limit, now: now + 29 * 60)?.lastSeen == now)
        let stored = try fixture.inspect { try Int64.fetchAll($0, sql: "SELECT lastSeen FROM session") }
        #expect(stored == [Int64(now.timeIntervalSince1970)])
    }

    @Test("an agency has one round per fiscal year, and one round taking answers on any day")
    func oneRoundPerYear() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        let agency = try await fixture.database.requireAgency(slug: "demo")
        await #expect(throws: StoreError.roundExists(agency: "demo", year: round.fiscalYear)) {
            try await fixture.database.openRound(
                round.settings, agency: agency, instruments: StoreFixture.instruments, by: "test")
        }
        // Another year whose days overlap the first round's: its answers would go to one of them unseen.
        var overlapping = round.settings
        overlapping.fiscalYear += 1
        overlapping.opens = round.opens.adding(days: 30)
        await #expect(
            throws: StoreError.overlappingRound(
                agency: "demo", year: round.fiscalYear, opens: round.opens, closes: nil, byClosingDay: false)
        ) {
            try await fixture.database.openRound(
                overlapping, agency: agency, instruments: StoreFixture.instruments, by: "test")
        }
        // Closing the first round the day before lets the next one open.
        var closed = round.settings
        closed.closes = overlapping.opens.adding(days: -1)
        _ = try await fixture.database.updateRound(round, to: closed, agency: agency, by: "test")
        let next = try await fixture.database.openRound(
            overlapping, agency: agency, instruments: StoreFixture.instruments, by: "test")
        #expect(next.fiscalYear == round.fiscalYear + 1)
    }

    @Test("the current round is the open one, else the next to open, else the last closed")
    func currentRound() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let today = Day("2026-11-21")!
        let agency = try await fixture.database.addAgency(
            slug: "demo", nameTh: "ก", nameEn: "a", kind: .saoM, reservedSlugs: [], by: "test")
        func open(_ year: Int, _ opens: String, _ closes: String?) async throws {
            try await fixture.database.openRound(
                RoundSettings(fiscalYear: year, opens: Day(opens)!, closes: closes.flatMap(Day.init), kind: .saoM),
                agency: agency, instruments: StoreFixture.instruments, by: "test")
        }
        try await open(2569, "2026-01-05", "2026-03-31")
        #expect(try await fixture.database.currentRound(agencyId: agency.id, on: today)?.fiscalYear == 2569)
        #expect(
            try await fixture.database.currentRound(agencyId: agency.id, on: today)?.status(on: today)
                == .closed(closed: Day("2026-03-31")!))
        try await open(2570, "2026-12-01", nil)
        #expect(
            try await fixture.database.currentRound(agencyId: agency.id, on: today)?.status(on: today)
                == .notYetOpen(opens: Day("2026-12-01")!))
        #expect(
            try await fixture.database.currentRound(agencyId: agency.id, on: Day("2026-12-01")!)?.fiscalYear == 2570)
    }
}
