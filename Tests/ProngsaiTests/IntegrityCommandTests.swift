import Foundation
import GRDB
import Testing

@Suite("`prongsai verify` catches any change made behind the server's back; `prongsai backup` copies a live database")
struct IntegrityCommandTests {
    /// A database with one agency, a round and 60 generated responses.
    static func populated() throws -> String {
        let db = StoreCommandTests.databasePath()
        for arguments in [
            ["agency", "add", "demo", "--name-th", "ตัวอย่าง"], ["round", "open", "demo", "--year", "2570"],
            ["generate", "demo", "--year", "2570", "--count", "60"],
        ] {
            let run = try Program.run(arguments + ["--db", db])
            #expect(run.status == 0, "\(run.stderr)")
        }
        return db
    }

    /// The first filled slot, for the tampering statements.
    static let firstFilled = "(SELECT min(id) FROM responseSlot WHERE substr(body, 1, 1) = x'01')"

    static func verify(_ db: String) throws -> Program.Outcome {
        try Program.run(["verify", "demo", "--year", "2570", "--db", db])
    }

    @Test("an untouched round is intact")
    func intact() throws {
        let run = try Self.verify(try Self.populated())
        #expect(run.status == 0)
        #expect(run.stdout.contains("round demo 2570: 60 responses"))
        #expect(run.stdout.contains("intact / ข้อมูลครบถ้วน"))
        #expect(run.stdout.contains("tallies equal a recount of the rows"))
    }

    @Test(
        "altering, deleting or inserting a row is caught",
        arguments: [
            // One byte of a stored answer changed.
            "UPDATE responseSlot SET body = substr(body, 1, 100) || x'31' || substr(body, 102) WHERE id = \(firstFilled)",
            "UPDATE responseSlot SET body = substr(body, 1, 17) || CAST('2026-01-01' AS BLOB) || substr(body, 28) WHERE id = \(firstFilled)",
            // A response emptied out of its slot.
            "UPDATE responseSlot SET body = zeroblob(length(body)) WHERE id = \(firstFilled)",
            // A response copied into a free slot of its pool.
            """
            UPDATE responseSlot SET body = (SELECT body FROM responseSlot WHERE id = \(firstFilled))
            WHERE id = (SELECT min(id) FROM responseSlot WHERE substr(body, 1, 1) = x'00')
            """,
        ])
    func tampering(sql: String) throws {
        let db = try Self.populated()
        try DatabaseQueue(path: db).write { try $0.execute(sql: sql) }
        let run = try Self.verify(db)
        #expect(run.status == 1)
        #expect(run.stdout.contains("NOT intact"))
    }

    @Test(
        "an older backup restored in place: the first opening warns of the answers missing, verify names them and exits 2"
    )
    func restoredBackup() throws {
        let db = try Self.populated()
        let backup = db + ".backup"
        #expect(try Program.run(["backup", backup, "--db", db]).status == 0)
        #expect(try Program.run(["generate", "demo", "--year", "2570", "--count", "7", "--db", db]).status == 0)
        // The restore of the README: the copy in place of the database, its -wal and -shm deleted.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: db)
        let first = try Self.verify(db)
        // The rows left agree with their digest, but answers acknowledged are gone: a script sees it in the status.
        #expect(first.status == 2 && first.stdout.contains("MAY BE INCOMPLETE: the rows are intact"))
        #expect(!first.stdout.contains("NOT intact"))
        #expect((first.stdout + first.stderr).contains("7 acknowledged answers are missing from the database"))
        #expect(first.stdout.contains("7 acknowledged answers of the server's rounds missing"))
        let second = try Self.verify(db)
        #expect(!(second.stdout + second.stderr).contains("answers are missing from the database"))
        #expect(second.stdout.contains("7 acknowledged answers of the server's rounds missing"))
        #expect(second.status == 2)
    }

    /// The digest `verify` prints for publishing.
    static func published(_ run: Program.Outcome) -> String? {
        run.stdout.split(separator: "\n").first { $0.hasPrefix("digest to publish") }
            .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
    }

    @Test(
        "against a digest published earlier, forged rows written with the digest recomputed and a changed setting are caught"
    )
    func publishedDigest() throws {
        let db = try Self.populated()
        let printed = try #require(Self.published(try Self.verify(db)))
        let expecting = ["verify", "demo", "--year", "2570", "--db", db, "--expect", printed]
        let same = try Program.run(expecting)
        #expect(same.status == 0 && same.stdout.contains("matches the published digest"))
        // Spaces and case as typed from the printout do not matter.
        let typed = try Program.run(
            [
                "verify", "demo", "--year", "2570", "--db", db, "--expect",
                printed.uppercased().replacingOccurrences(of: " ", with: ""),
            ])
        #expect(typed.status == 0)
        // A setting that decides the level changed in the file: the rows are intact, the published digest is not.
        let settings = try Self.populated()
        let before = try #require(Self.published(try Self.verify(settings)))
        try DatabaseQueue(path: settings).write { try $0.execute(sql: "UPDATE round SET oitScore = '99'") }
        let changed = try Program.run(["verify", "demo", "--year", "2570", "--db", settings, "--expect", before])
        #expect(changed.status == 1 && changed.stdout.contains("DIFFERS from the published digest"))
        // Ten rows forged through the program itself, which keeps the digest beside them consistent.
        #expect(try Program.run(["generate", "demo", "--year", "2570", "--count", "10", "--db", db]).status == 0)
        #expect(try Self.verify(db).status == 0)
        let forged = try Program.run(expecting)
        #expect(forged.status == 1 && forged.stdout.contains("DIFFERS from the published digest"))
    }

    @Test("an instrument file in use given other points no longer matches the published digest")
    func instrumentPoints() throws {
        let db = try Self.populated()
        let printed = try #require(Self.published(try Self.verify(db)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-webforms-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Program.repositoryRoot.appendingPathComponent("WebForms"), to: folder)
        // e2 scored the other way round: the same version, the same rows, other scores.
        let file = folder.appendingPathComponent("instruments/eit-2568.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let e2 = try #require(text.range(of: "\"id\": \"e2\",\n          \"scale\": \"level4\""))
        try text.replacingCharacters(
            in: e2, with: "\"id\": \"e2\",\n          \"scale\": \"level4-reverse\""
        ).write(to: file, atomically: true, encoding: .utf8)
        let edited = try Program.run([
            "verify", "demo", "--year", "2570", "--db", db, "--webforms", folder.path, "--expect", printed,
        ])
        #expect(edited.stdout.contains("tallies equal a recount of the rows"))
        #expect(edited.status == 1 && edited.stdout.contains("DIFFERS from the published digest"))
    }

    @Test("changing the tallies alone is caught too")
    func tallyTampering() throws {
        let db = try Self.populated()
        try DatabaseQueue(path: db).write {
            try $0.execute(
                sql: "UPDATE answerDayTally SET count = count + 1 WHERE field = 'e1a' AND option = '4' AND day <> ''")
        }
        let run = try Self.verify(db)
        #expect(run.status == 1)
        #expect(run.stdout.contains("tallies DIFFER"))
    }

    @Test("a backup taken from the live file holds every response and verifies intact")
    func backup() throws {
        let db = try Self.populated()
        let copy = StoreCommandTests.databasePath()
        try FileManager.default.createDirectory(
            atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let made = try Program.run(["backup", copy, "--db", db])
        #expect(made.status == 0, "\(made.stderr)")
        let verified = try Self.verify(copy)
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("60 responses"))
        #expect(try DatabaseQueue(path: copy).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let again = try Program.run(["backup", copy, "--db", db])
        #expect(again.status != 0 && again.stderr.contains("exists already"))
    }
}
