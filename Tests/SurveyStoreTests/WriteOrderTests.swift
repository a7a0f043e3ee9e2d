import Foundation
import GRDB
import SurveyCore
import Testing

@testable import SurveyStore

@Suite("What the files keep of write order: the log emptied, its index cleared, nonces sorted in buckets")
struct WriteOrderTests {
    @Test("after answers, erasing leaves an empty log and an index with no page list, and the answers stay")
    func erasure() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            _ = try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id!,
                    token: randomToken()))
        }
        let wal = fixture.path + "-wal"
        let shm = fixture.path + "-shm"
        func size(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        }
        #expect(try size(wal) > 0)
        #expect(!WriteAheadLog.isIndexClear(databasePath: fixture.path))
        #expect(try await fixture.database.eraseWriteOrder())
        #expect(try size(wal) == 0)
        let index = try Data(contentsOf: URL(fileURLWithPath: shm))
        #expect(index.count > WriteAheadLog.indexHeaderSize)
        #expect(index.dropFirst(WriteAheadLog.indexHeaderSize).allSatisfy { $0 == 0 })
        #expect(try await fixture.database.tallies(roundId: round.id!).eit.responses == 20)
        // Writing again works on the emptied log, and a second connection reads it all.
        _ = try await fixture.database.record(
            Submission(
                response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id!,
                token: randomToken()))
        #expect(try fixture.inspect { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try await fixture.database.verify(roundId: round.id!).isIntact)
        #expect(try await fixture.database.recountedTallies(roundId: round.id!).eit.responses == 21)
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
                response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id!,
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
            #expect(try SpentNonces.count(in: db) <= old.count + recent.count)
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
        #expect(try await database.verify(roundId: 1).isIntact)
        #expect(try await database.verify(roundId: 1).kept.count == 120)
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
        #expect(try await database.reader.read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") } == 0)
    }
}
