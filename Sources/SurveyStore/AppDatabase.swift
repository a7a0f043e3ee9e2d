import Crypto
import Foundation
import GRDB
import SurveyCore
import Synchronization

/// The database of a Prongsai server: owns the writer and the migrations; everything else goes through
/// its domain-named methods.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The group-commit path of the public forms.
    let submissions: SubmissionQueue
    /// The server's random secret, made by the first migration; keys code hashes and form tokens.
    public let secret: SymmetricKey
    /// How long a write waits for a database locked by another program.
    let busyMilliseconds: Int
    /// Counts this process's changes to agencies and rounds, so that what is kept of them in memory can tell it
    /// is stale without being told.
    public let changes = ChangeCounter()
    /// The one queue of bcrypt work of this database's admins.
    public let passwordChecks = PasswordChecks()

    /// How long a write waits for a database locked by another program unless told otherwise: the one default of
    /// the program, for the server and every command.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    /// Acknowledged answers found missing at this opening (see `AnswerLosses.reconcile`), already recorded.
    public let lossFoundAtOpen: AnswerLoss?

    /// Wraps a writer and brings its schema up to date; a database whose rows were moved by a migration is
    /// vacuumed once, so no page keeps the old layout.
    public init(
        _ writer: any DatabaseWriter, busyMilliseconds: Int = Int(defaultBusyTimeout / .milliseconds(1))
    ) throws {
        try self.init(writer, busyMilliseconds: busyMilliseconds, countFile: nil, today: WallClock.system.today)
    }

    /// `init(_:busyMilliseconds:)` for a database file with its count of acknowledged answers beside it, checked
    /// against the database's once the schema is up to date.
    init(_ writer: any DatabaseWriter, busyMilliseconds: Int, countFile: AcknowledgedCountFile?, today: Day) throws {
        self.writer = writer
        self.busyMilliseconds = busyMilliseconds
        let applied = try writer.read { try Self.migrator.appliedIdentifiers($0) }
        try Self.migrator.migrate(writer)
        if !applied.isEmpty, !applied.contains(Self.dayTallyMigration) {
            try writer.vacuum()
        }
        secret = try writer.read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'secret'") else {
                throw DatabaseError(message: "the server secret is missing")
            }
            return SymmetricKey(data: data)
        }
        lossFoundAtOpen = try countFile.flatMap { try AnswerLosses.reconcile($0, writer: writer, today: today) }
        submissions = try SubmissionQueue(writer: writer, busyMilliseconds: busyMilliseconds, countFile: countFile)
    }

    /// Opens (creating when needed) the SQLite file at `path` in WAL mode with `synchronous=FULL`, and the count file
    /// of acknowledged answers beside it; a loss found between the two is recorded on `clock`'s day.
    public static func open(
        path: String, busyTimeout: Duration = defaultBusyTimeout, clock: WallClock = .system
    ) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let milliseconds = Int(
            busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000)
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(milliseconds) / 1000)
        configuration.foreignKeysEnabled = true
        // Two cores serve two readers; each connection keeps a small page cache, as the hot data is the tallies.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            // Deleted content is overwritten with zeros rather than left in free space.
            try db.execute(sql: "PRAGMA cache_size = -512; PRAGMA secure_delete = ON")
        }
        let pool = try DatabasePool(path: url.path, configuration: configuration)
        // GRDB sets NORMAL on the writer after its setup; an acknowledged answer must survive a power cut.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return try AppDatabase(
            pool, busyMilliseconds: milliseconds, countFile: AcknowledgedCountFile(databasePath: url.path),
            today: clock.today)
    }

    /// Read-only access for the methods in extensions.
    var reader: any DatabaseReader { writer }

    /// A frozen view of the database for long reads such as exports; the live reader where snapshots are not
    /// available.
    func snapshot() throws -> any DatabaseReader {
        try (writer as? DatabasePool)?.makeSnapshot() ?? writer
    }

    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(updates)
    }

    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(value)
    }

    /// Runs `work`, turning the errors of a database that cannot be written just now (locked by another program,
    /// full, read-only, failing) into `StoreError.unavailable`, which the web answers with 503.
    func unlessUnavailable<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as DatabaseError
            where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR].contains(
                error.resultCode)
        {
            throw StoreError.unavailable(error.message ?? error.resultCode.description)
        }
    }

    /// The synchronous setting of the writer connection, as SQLite reports it (2 = FULL).
    public func writerSynchronousMode() async throws -> Int {
        try await writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The schema, one append-only migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: agencies, rounds, responses, tallies, codes") { db in
            try db.create(table: "setting", options: [.withoutRowID]) { t in
                t.primaryKey("name", .text)
                t.column("value", .blob).notNull()
            }
            var secret = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in secret.indices { secret[index] = generator.next() }
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('secret', ?)", arguments: [Data(secret)])

            try db.create(table: "agency") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("nameTh", .text).notNull()
                t.column("nameEn", .text).notNull()
                t.column("kind", .text).notNull()
            }
            try db.create(table: "round") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agencyId", .integer).notNull().references("agency", onDelete: .cascade)
                t.column("fiscalYear", .integer).notNull()
                t.column("opensOn", .text).notNull()
                t.column("closesOn", .text)
                t.column("kind", .text).notNull()
                t.column("iitInstrument", .text).notNull()
                t.column("eitInstrument", .text).notNull()
                t.column("iitPopulation", .integer)
                t.column("eitPopulation", .integer)
                t.column("iitRule", .text).notNull()
                t.column("eitRule", .text).notNull()
                t.column("iitCodes", .boolean).notNull()
                t.column("oitScore", .text)
                t.column("smallCellMinimum", .integer).notNull()
                t.uniqueKey(["agencyId", "fiscalYear"])
            }
            // A random key in a table without rowids: the table keeps no trace of submission order.
            try db.create(table: "response", options: [.withoutRowID]) { t in
                t.primaryKey("id", .blob)
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("form", .text).notNull()
                t.column("day", .text).notNull()
                t.column("gender", .text)
                t.column("age", .text)
                t.column("education", .text)
                t.column("contact", .text)
                t.column("answers", .text).notNull()
            }
            try db.create(index: "response_by_round", on: "response", columns: ["roundId", "form"])
            try db.create(table: "tally", options: [.withoutRowID]) { t in
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("form", .text).notNull()
                t.column("field", .text).notNull()
                t.column("option", .text).notNull()
                t.column("count", .integer).notNull()
                t.primaryKey(["roundId", "form", "field", "option"])
            }
            try db.create(table: "profileTally", options: [.withoutRowID]) { t in
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("form", .text).notNull()
                t.column("dimension", .text).notNull()
                t.column("code", .text).notNull()
                t.column("gender", .text).notNull()
                t.column("count", .integer).notNull()
                t.primaryKey(["roundId", "form", "dimension", "code", "gender"])
            }
            try db.create(table: "dailyTally", options: [.withoutRowID]) { t in
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("form", .text).notNull()
                t.column("day", .text).notNull()
                t.column("count", .integer).notNull()
                t.primaryKey(["roundId", "form", "day"])
            }
            try db.create(table: "accessCode", options: [.withoutRowID]) { t in
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("codeHash", .blob).notNull()
                t.column("used", .boolean).notNull()
                t.primaryKey(["roundId", "codeHash"])
            }
            try db.create(table: "spentToken", options: [.withoutRowID]) { t in
                t.primaryKey("token", .blob)
                t.column("day", .text).notNull()
            }
        }
        migrator.registerMigration("v2: admins, sessions, audit log, profile targets") { db in
            try db.create(table: "admin") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique()
                t.column("passwordHash", .text).notNull()
                t.column("agencyId", .integer).references("agency", onDelete: .cascade)
            }
            try db.create(table: "session", options: [.withoutRowID]) { t in
                t.primaryKey("tokenHash", .blob)
                t.column("adminId", .integer).notNull().references("admin", onDelete: .cascade)
                t.column("lastSeen", .integer).notNull()
            }
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .integer).notNull()
                t.column("username", .text).notNull()
                t.column("agencySlug", .text)
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(table: "profileTarget", options: [.withoutRowID]) { t in
                t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
                t.column("form", .text).notNull()
                t.column("dimension", .text).notNull()
                t.column("code", .text).notNull()
                t.column("minimum", .integer).notNull()
                t.primaryKey(["roundId", "form", "dimension", "code"])
            }
        }
        migrator.registerMigration("v3: round digests") { db in
            try db.create(table: "roundDigest") { t in
                t.primaryKey("roundId", .integer).references("round", onDelete: .cascade)
                t.column("count", .integer).notNull()
                t.column("lanes", .blob).notNull()
            }
            // The response table of v1–v4, which v5 moved into slots.
            var digests: [Int64: RoundDigest] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, roundId, form, day, gender, age, education, contact, answers FROM response")
            while let row = try rows.next() {
                digests[row["roundId"], default: RoundDigest()].add(ResponseRow.canonical(Array(row.databaseValues)))
            }
            for (roundId, digest) in digests {
                try db.execute(
                    sql: "INSERT INTO roundDigest (roundId, count, lanes) VALUES (?, ?, ?)",
                    arguments: [roundId, digest.count, digest.data])
            }
        }
        migrator.registerMigration("v4: EIT small-cell minimum") { db in
            try db.alter(table: "round") { t in
                t.add(column: "eitSmallCellMinimum", .integer).notNull().defaults(to: 3)
            }
        }
        migrator.registerMigration("v5: order-free storage") { db in try Self.moveToOrderFreeStorage(db) }
        migrator.registerMigration(dayTallyMigration) { db in try Self.moveTalliesToDays(db) }
        migrator.registerMigration("v7: counter display links") { db in
            try db.create(table: "counterLink") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agencyId", .integer).notNull().references("agency")
                t.column("tokenHash", .blob).notNull().unique()
                t.column("madeOn", .text).notNull()
            }
        }
        migrator.registerMigration("v8: EIT counter slips") { db in
            try db.alter(table: "round") { t in t.add(column: "eitCodes", .boolean).notNull().defaults(to: false) }
            try db.alter(table: "codeBatch") { t in t.add(column: "form", .text).notNull().defaults(to: "iit") }
        }
        migrator.registerMigration("v9: count of acknowledged answers, losses found") { db in
            try db.execute(
                sql: "INSERT INTO setting (name, value) VALUES (?, ?)",
                arguments: [AnswerLosses.setting, FixedCount.stored(0)])
            try db.create(table: "answerLoss") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("foundOn", .text).notNull()
                t.column("lastAcknowledgedOn", .text).notNull()
                t.column("answers", .integer).notNull()
            }
        }
        migrator.registerMigration("v10: official survey links") { db in
            try db.create(table: "officialSurveyLink", options: [.withoutRowID]) { t in
                t.column("agencyId", .integer).notNull().references("agency", onDelete: .cascade)
                t.column("fiscalYear", .integer).notNull()
                t.column("form", .text).notNull()
                t.column("url", .text).notNull()
                t.primaryKey(["agencyId", "fiscalYear", "form"])
            }
        }
        migrator.registerMigration("v11: official results") { db in
            try db.alter(table: "round") { t in t.add(column: "levelScheme", .text) }
            try db.create(table: "officialResult") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agencyId", .integer).notNull().references("agency", onDelete: .cascade)
                t.column("fiscalYear", .integer).notNull()
                t.column("levelScheme", .text)
                t.column("total", .text)
                t.uniqueKey(["agencyId", "fiscalYear"])
            }
            try db.create(table: "officialResultRow", options: [.withoutRowID]) { t in
                t.column("resultId", .integer).notNull().references("officialResult", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("subject", .text).notNull()
                t.column("score", .text)
                t.column("note", .text).notNull()
                t.primaryKey(["resultId", "position"])
            }
        }
        migrator.registerMigration("v12: improvement notes") { db in
            try db.create(table: "improvementNote", options: [.withoutRowID]) { t in
                t.column("agencyId", .integer).notNull().references("agency", onDelete: .cascade)
                t.column("fiscalYear", .integer).notNull()
                t.column("questionId", .text).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["agencyId", "fiscalYear", "questionId"])
            }
        }
        migrator.registerMigration("v13: measures plans") { db in
            try db.create(table: "measuresPlan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agencyId", .integer).notNull().references("agency", onDelete: .cascade)
                t.column("fiscalYear", .integer).notNull()
                t.column("basedOnYear", .integer)
                t.column("basedOnSource", .text)
                t.column("edited", .boolean).notNull()
                t.column("signerName", .text).notNull()
                t.column("signerPosition", .text).notNull()
                t.column("announcedOn", .text).notNull()
                for step in ["officer", "headOfOffice", "chiefAdministrator", "chiefExecutive"] {
                    t.column(step + "Name", .text).notNull()
                    t.column(step + "Position", .text).notNull()
                }
                t.uniqueKey(["agencyId", "fiscalYear"])
            }
            try db.create(table: "measuresPlanRow", options: [.withoutRowID]) { t in
                t.column("planId", .integer).notNull().references("measuresPlan", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("indicators", .text).notNull()
                t.column("items", .text).notNull()
                for text in ["measure", "steps", "period", "owner", "followUp", "output", "outcome"] {
                    t.column(text, .text).notNull()
                }
                t.primaryKey(["planId", "position"])
            }
        }
        migrator.registerMigration("v14: admins disabled") { db in
            try db.alter(table: "admin") { t in t.add(column: "disabled", .boolean).notNull().defaults(to: false) }
        }
        migrator.registerMigration("v15: agencies archived") { db in
            try db.alter(table: "agency") { t in t.add(column: "archived", .boolean).notNull().defaults(to: false) }
        }
        return migrator
    }

    /// The last migration that rewrites stored rows; a database that gains it is vacuumed once.
    static let dayTallyMigration = "v6: tallies by day"
}

extension Database {
    /// Runs `work` waiting at most `milliseconds` for a lock another program holds, then waits `usual` again:
    /// for writes that should rather give up than hold up the writes queued behind them.
    func waitingBriefly<T>(_ milliseconds: Int, usual: Int, _ work: () throws -> T) throws -> T {
        try execute(sql: "PRAGMA busy_timeout = \(milliseconds)")
        defer { try? execute(sql: "PRAGMA busy_timeout = \(usual)") }
        return try work()
    }
}

/// A number that goes up with every change it is told of.
public final class ChangeCounter: Sendable {
    private let count = Atomic<Int>(0)

    func bump() {
        count.add(1, ordering: .relaxed)
    }

    public var value: Int { count.load(ordering: .relaxed) }
}
