import Foundation
import GRDB
import SurveyCore
import Testing

@testable import SurveyStore

@Suite("What the files keep of write order: the log emptied, its index cleared, nonces sorted in buckets")
struct WriteOrderTests {
    /// Prints how many frames the first segment of the `-shm` index lists.
    static let listedFrames = """
        import struct, sys
        data = open(sys.argv[1] + "-shm", "rb").read()
        print(sum(1 for n in struct.unpack("<4062I", data[136:136 + 4 * 4062]) if n))
        """
    /// Prints 1 if the index's "in use" lock (byte 128) is free, as it is only when no connection has it open.
    static let takesIndexLock = """
        import fcntl, os, sys
        fd = os.open(sys.argv[1] + "-shm", os.O_RDWR)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
            print(1)
        except OSError:
            print(0)
        """

    /// Runs a Python script on the database path in another process, so that this one opens none of its files,
    /// and returns the number it prints.
    static func outside(_ script: String, _ path: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("after answers, erasing leaves an empty log and an index with no page list, and the answers stay")
    func erasure() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            _ = try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id,
                    token: randomToken()))
        }
        let wal = fixture.path + "-wal"
        func size(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        }
        #expect(try size(wal) > 0)
        #expect(try Self.outside(Self.listedFrames, fixture.path) > 20)
        #expect(try await fixture.database.eraseWriteOrder())
        #expect(try size(wal) == 0)
        // The index lists only the marker frame written to clear it.
        #expect(try Self.outside(Self.listedFrames, fixture.path) <= 1)
        // Erasing opened no descriptor of `-shm` (closing one would drop SQLite's locks): another process
        // still finds the index in use.
        #expect(try Self.outside(Self.takesIndexLock, fixture.path) == 0)
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 20)
        // Writing again works on the emptied log, and a second connection reads it all.
        _ = try await fixture.database.record(
            Submission(
                response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id,
                token: randomToken()))
        #expect(try fixture.inspect { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try await fixture.database.verify(roundId: round.id, instruments: []).isIntact)
        #expect(try await fixture.database.recountedTallies(roundId: round.id).eit.responses == 21)
    }

    @Test("a reader holding an old snapshot keeps the log; erasure says so and succeeds once it is gone")
    func busyReader() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try await reader.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM responseSlot")
        }
        _ = try await fixture.database.record(
            Submission(
                response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id,
                token: randomToken()))
        #expect(try await fixture.database.eraseWriteOrder() == false)
        try await reader.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        #expect(try await fixture.database.eraseWriteOrder())
    }

    @Test("thousands of spent nonces grow the buckets; every one is still found, and old ones are forgotten")
    func nonceBuckets() async throws {
        let queue = try DatabaseQueue()
        _ = try AppDatabase(queue)
        let today = Day("2026-11-20")!
        let old = (0..<500).map { _ in randomToken(day: today.adding(days: -20)) }
        let recent = (0..<12_000).map { _ in randomToken(day: today) }
        try await queue.write { db in
            for nonce in old + recent { try SpentNonces.insert(nonce, in: db) }
        }
        try await queue.read { db throws -> Void in
            // Doubling the buckets forgets nonces too old to matter on the way; the recent ones all stay.
            #expect((recent.count...(old.count + recent.count)).contains(try SpentNonces.count(in: db)))
            for nonce in recent { #expect(try SpentNonces.contains(nonce.nonce, in: db)) }
            #expect(try !SpentNonces.contains(randomToken().nonce, in: db))
            let sizes = try Int.fetchAll(db, sql: "SELECT DISTINCT length(entries) FROM spentNonceBucket")
            #expect(sizes == [SpentNonces.bucketSize])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM spentNonceBucket")! > SpentNonces.initialBuckets)
        }
        try await queue.write { db in try SpentNonces.forget(before: today.adding(days: -8), in: db) }
        try await queue.read { db throws -> Void in
            #expect(try SpentNonces.count(in: db) == recent.count)
            for nonce in old.prefix(50) { #expect(try !SpentNonces.contains(nonce.nonce, in: db)) }
        }
    }
}

@Suite("Moving a database of the first layout to order-free storage")
struct OrderFreeMigrationTests {
    @Test("responses of the old table land in slots, keep their digest and tallies, and the file is vacuumed")
    func migration() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-migrate-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        var generator = SystemRandomNumberGenerator()
        let responses = (0..<120).map { index in
            StoreFixture.randomResponse(index.isMultiple(of: 4) ? .iit : .eit, using: &generator)
        }
        do {
            let old = try DatabaseQueue(path: path)
            try AppDatabase.migrator.migrate(old, upTo: "v2: admins, sessions, audit log, profile targets")
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO agency (slug, nameTh, nameEn, kind) VALUES ('demo', 'ก', 'a', 'sao-m');
                        INSERT INTO round (agencyId, fiscalYear, opensOn, kind, iitInstrument, eitInstrument,
                            iitRule, eitRule, iitCodes, smallCellMinimum)
                        VALUES (1, 2570, '2026-11-01', 'sao-m', '2568.1', '2568.1', 'krejcie-morgan', 'fixed:100', 0, 5);
                        INSERT INTO spentToken (token, day) VALUES (x'00112233445566778899aabbccddeeff', '2026-11-20');
                        INSERT INTO accessCode (roundId, codeHash, used) VALUES (1, x'01', 0), (1, x'02', 1);
                        INSERT INTO tally (roundId, form, field, option, count) VALUES (1, 'eit', 'e1a', '4', 7);
                        """)
                for response in responses {
                    try db.execute(
                        sql: "INSERT INTO response VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                        arguments: [
                            Data(RandomBytes.make(16)), response.form.rawValue, response.day.description,
                            response.profile[.gender], response.profile[.age], response.profile[.education],
                            response.profile[.contact], ResponseRow.encode(response.answers),
                        ])
                }
            }
            try old.close()
        }
        let database = try AppDatabase.open(path: path)
        #expect(try await database.verify(roundId: 1, instruments: []).isIntact)
        #expect(try await database.verify(roundId: 1, instruments: []).kept.count == 120)
        let stored = try await database.responses(roundId: 1, form: .iit) + database.responses(roundId: 1, form: .eit)
        #expect(Set(stored) == Set(responses))
        #expect(try await database.tallies(roundId: 1) == database.recountedTallies(roundId: 1))
        #expect(
            try await database.isSpent(
                OneTimeNonce(nonce: Data((0..<16).map { UInt8($0 * 17) }), day: Day("2026-11-20")!)))
        let tables = try await database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(!tables.contains("response") && !tables.contains("tally") && !tables.contains("spentToken"))
        // Codes kept only as hashes stay, in a batch of their own that cannot be printed again.
        let batches = try await database.codeBatches(roundId: 1)
        #expect(batches.count == 1)
        #expect((batches[0].size, batches[0].used, batches[0].reprintable, batches[0].printed) == (2, 1, false, true))
        // The old totals became the template of a day's rows, at zero; the counts come from the rows.
        let template = try await database.reader.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count FROM answerDayTally WHERE day = '' AND field = 'e1a' AND option = '4'")
        }
        #expect(template == Int(FixedCount.stored(0)))
        #expect(try await database.reader.read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") } == 0)
    }
}
