import Foundation
import GRDB
import SurveyCore
import Testing

@testable import SurveyStore

@Suite("Acknowledged answers lost in a crash recovery are noticed at the next opening, once, and recorded")
struct AnswerLossTests {
    /// Stores `count` EIT answers, each in a transaction of its own.
    static func answer(_ count: Int, into database: AppDatabase, round: Round) async throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<count {
            let outcome = try await database.record(
                Submission(
                    response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id,
                    token: randomToken()))
            #expect(outcome == .stored)
        }
    }

    /// The count file's text.
    static func countFile(_ path: String) throws -> String {
        try String(contentsOfFile: path + AcknowledgedCountFile.suffix, encoding: .utf8)
    }

    /// Copies the database, its log and its count file as they are now, as a crash would leave them, into a new
    /// folder; returns the copy's path.
    static func crashCopy(of fixture: StoreFixture) throws -> String {
        let copy = fixture.folder.appendingPathComponent("crashed-\(UUID().uuidString)/prongsai.sqlite").path
        try FileManager.default.createDirectory(
            atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        for suffix in ["", "-wal", AcknowledgedCountFile.suffix] {
            try FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: copy + suffix)
        }
        return copy
    }

    /// Breaks the checksum of the frame after the log's first commit (see "The WAL File Format" in SQLite's
    /// file-format document: a 32-byte header, then frames of a 24-byte header and a page; a commit frame's header
    /// holds the database size in bytes 4–7). Recovery keeps the frames before it and drops every later commit.
    /// Returns how many commits the log held after the first.
    static func damageLog(at path: String) throws -> Int {
        var log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        func word(_ offset: Int) -> Int { log[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        let frameSize = 24 + word(8)
        let frames = (log.count - 32) / frameSize
        let commits = (0..<frames).filter { word(32 + $0 * frameSize + 4) != 0 }
        let first = try #require(commits.first)
        try #require(first + 1 < frames)
        log[32 + (first + 1) * frameSize + 24 + 100] ^= 0xFF
        try log.write(to: URL(fileURLWithPath: path + "-wal"))
        return commits.count - 1
    }

    @Test("a log damaged mid-way after a crash: the lost answers are counted, recorded, and not counted again")
    func damagedLog() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        try await Self.answer(5, into: fixture.database, round: round)
        // What the log held so far is in the main file; the next six answers are only in the log.
        #expect(try await fixture.database.eraseWriteOrder())
        try await Self.answer(6, into: fixture.database, round: round)
        #expect(try Self.countFile(fixture.path) == String(repeating: "0", count: 18) + "11\n")
        let copy = try Self.crashCopy(of: fixture)
        #expect(try Self.damageLog(at: copy) == 5)

        let recovered = try AppDatabase.open(path: copy, clock: .fixed(StoreFixture.today))
        // The first answer of the log survives; the five acknowledged after it are gone.
        #expect(try await recovered.recountedTallies(roundId: round.id).eit.responses == 6)
        #expect(
            recovered.lossFoundAtOpen
                == AnswerLoss(foundOn: StoreFixture.today, lastAcknowledgedOn: StoreFixture.today, answers: 5))
        #expect(try await recovered.answerLosses().map(\.answers) == [5])
        #expect(try await recovered.verify(roundId: round.id, instruments: []).isIntact)

        // Opened again, the loss is still recorded and not found a second time; answers stored since count as usual.
        try await Self.answer(2, into: recovered, round: round)
        let again = try AppDatabase.open(path: copy, clock: .fixed(StoreFixture.today))
        #expect(again.lossFoundAtOpen == nil)
        #expect(try await again.answerLosses().map(\.answers) == [5])
        #expect(try Self.countFile(copy) == String(repeating: "0", count: 18) + "13\n")
    }

    @Test("the count file follows every commit, and a copy taken between commits, or a reopening, finds no loss")
    func noLoss() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        try await Self.answer(3, into: fixture.database, round: round)
        #expect(try Self.countFile(fixture.path) == String(repeating: "0", count: 19) + "3\n")
        let copy = try AppDatabase.open(path: Self.crashCopy(of: fixture))
        #expect(copy.lossFoundAtOpen == nil)
        #expect(try await copy.answerLosses().isEmpty)
        let reopened = try AppDatabase.open(path: fixture.path)
        #expect(reopened.lossFoundAtOpen == nil)
        #expect(try await reopened.answerLosses().isEmpty)
    }

    @Test("a missing count file (an upgrade, a copied database) or one behind the database is no alarm, and catches up")
    func missingOrBehind() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        try await Self.answer(4, into: fixture.database, round: round)
        try FileManager.default.removeItem(atPath: fixture.path + AcknowledgedCountFile.suffix)
        let recreated = try AppDatabase.open(path: fixture.path)
        #expect(recreated.lossFoundAtOpen == nil)
        #expect(try Self.countFile(fixture.path) == String(repeating: "0", count: 19) + "4\n")
        // A crash between a commit and the write of the file leaves it behind.
        try (String(repeating: "0", count: 19) + "1\n").write(
            toFile: fixture.path + AcknowledgedCountFile.suffix, atomically: false, encoding: .utf8)
        let behind = try AppDatabase.open(path: fixture.path)
        #expect(behind.lossFoundAtOpen == nil)
        #expect(try await behind.answerLosses().isEmpty)
        #expect(try Self.countFile(fixture.path) == String(repeating: "0", count: 19) + "4\n")
    }

    @Test("an older backup restored in place of the database: the answers acknowledged since are found missing")
    func olderCopyRestored() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        try await Self.answer(2, into: fixture.database, round: round)
        let backup = fixture.folder.appendingPathComponent("backup.sqlite").path
        try fixture.database.backup(to: backup)
        try await Self.answer(3, into: fixture.database, round: round)
        let restored = fixture.folder.appendingPathComponent("restored/prongsai.sqlite").path
        try FileManager.default.createDirectory(
            atPath: (restored as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: backup, toPath: restored)
        try FileManager.default.copyItem(
            atPath: fixture.path + AcknowledgedCountFile.suffix, toPath: restored + AcknowledgedCountFile.suffix)
        let database = try AppDatabase.open(path: restored)
        #expect(database.lossFoundAtOpen?.answers == 3)
    }

    @Test("a loss concerns the rounds open on a day from the last acknowledgement to the finding")
    func roundsConcerned() {
        let loss = AnswerLoss(
            foundOn: Day(year: 2026, month: 11, day: 20), lastAcknowledgedOn: Day(year: 2026, month: 11, day: 18),
            answers: 1)
        func round(_ opens: Day, _ closes: Day?) -> Round {
            Round(
                id: 1, agencyId: 1,
                settings: RoundSettings(
                    fiscalYear: opens.fiscalYear, opens: opens, closes: closes, kind: .saoM, iitPopulation: 40),
                iitInstrument: "2568.1", eitInstrument: "2568.1")
        }
        #expect(loss.concerns(round(Day(year: 2026, month: 10, day: 1), nil)))
        #expect(loss.concerns(round(Day(year: 2026, month: 10, day: 1), Day(year: 2026, month: 11, day: 18))))
        #expect(loss.concerns(round(Day(year: 2026, month: 11, day: 20), nil)))
        #expect(!loss.concerns(round(Day(year: 2026, month: 10, day: 1), Day(year: 2026, month: 11, day: 17))))
        #expect(!loss.concerns(round(Day(year: 2026, month: 11, day: 21), nil)))
    }
}
