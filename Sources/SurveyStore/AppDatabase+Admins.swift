import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt
import SurveyCore
import Synchronization

extension AppDatabase {
    /// Creates an admin with a bcrypt-hashed password, and writes `audit` in the same transaction; `agencyId` nil
    /// for an admin of every agency.
    @discardableResult
    public func addAdmin(username: String, password: String, agencyId: Int64?, audit: AuditEntry? = nil) async throws
        -> Admin
    {
        guard Admin.isValidUsername(username) else { throw StoreError.invalidUsername(username) }
        guard password.count >= PasswordPolicy.minimumLength else { throw StoreError.weakPassword }
        let hash = await passwordChecks.hash(password)
        return try await write { db in
            guard try Admin.filter(Column("username") == username).fetchCount(db) == 0 else {
                throw StoreError.duplicateUsername(username)
            }
            try db.execute(
                sql: "INSERT INTO admin (username, passwordHash, agencyId) VALUES (?, ?, ?)",
                arguments: [username, hash, agencyId])
            try audit?.insert(in: db)
            return Admin(
                id: db.lastInsertedRowID, username: username, passwordHash: hash, agencyId: agencyId, disabled: false)
        }
    }

    /// Replaces an admin's password and ends their sessions, writing `audit` in the same transaction.
    public func setPassword(username: String, password: String, audit: AuditEntry? = nil) async throws {
        guard password.count >= PasswordPolicy.minimumLength else { throw StoreError.weakPassword }
        let hash = await passwordChecks.hash(password)
        try await unlessUnavailable {
            try await write { db in
                guard let admin = try Admin.filter(Column("username") == username).fetchOne(db) else {
                    throw StoreError.unknownUsername(username)
                }
                try db.execute(sql: "UPDATE admin SET passwordHash = ? WHERE id = ?", arguments: [hash, admin.id])
                try db.execute(sql: "DELETE FROM session WHERE adminId = ?", arguments: [admin.id])
                try audit?.insert(in: db)
            }
        }
    }

    /// Disables an admin, ending their sessions at once, or enables them again, writing `audit` in the same
    /// transaction; refuses to disable the last enabled admin of every agency.
    public func setAdminDisabled(username: String, _ disabled: Bool, audit: AuditEntry? = nil) async throws {
        try await unlessUnavailable {
            try await write { db in
                guard let admin = try Admin.filter(Column("username") == username).fetchOne(db) else {
                    throw StoreError.unknownUsername(username)
                }
                if disabled && admin.managesAll && !admin.disabled {
                    let others = try Admin.filter(Column("agencyId") == nil && Column("disabled") == false)
                        .filter(Column("id") != admin.id).fetchCount(db)
                    guard others > 0 else { throw StoreError.lastEveryAgencyAdmin(username) }
                }
                try db.execute(sql: "UPDATE admin SET disabled = ? WHERE id = ?", arguments: [disabled, admin.id])
                if disabled { try db.execute(sql: "DELETE FROM session WHERE adminId = ?", arguments: [admin.id]) }
                try audit?.insert(in: db)
            }
        }
    }

    /// Replaces the password of a signed-in admin who typed their current one; their other sessions end, and the
    /// returned token is the session that replaces the one they used. Nil, changing nothing, when `current` is
    /// wrong. Throws `PasswordChecks.Busy` like a sign-in when too many checks are waiting, and
    /// `StoreError.unknownUsername`, changing nothing, when the admin is disabled before the change is written.
    public func changeOwnPassword(
        username: String, current: String, new password: String, idleLimit: TimeInterval, audit: AuditEntry,
        now: Date = Date()
    ) async throws -> String? {
        guard password.count >= PasswordPolicy.minimumLength else { throw StoreError.weakPassword }
        guard let admin = try await verifyLogin(username: username, password: current) else { return nil }
        guard !admin.disabled else { throw StoreError.unknownUsername(username) }
        let hash = await passwordChecks.hash(password)
        let token = Self.urlSafe(RandomBytes.make(32))
        try await unlessUnavailable {
            try await write { db in
                // Checked with the change, so that an admin disabled while their password was checked keeps the
                // old one and gets no session.
                guard let stored = try Admin.fetchOne(db, key: admin.id), !stored.disabled else {
                    throw StoreError.unknownUsername(username)
                }
                try Self.deleteSessions(idleLongerThan: idleLimit, now: now, in: db)
                try db.execute(sql: "UPDATE admin SET passwordHash = ? WHERE id = ?", arguments: [hash, admin.id])
                try db.execute(sql: "DELETE FROM session WHERE adminId = ?", arguments: [admin.id])
                try db.execute(
                    sql: "INSERT INTO session (tokenHash, adminId, lastSeen) VALUES (?, ?, ?)",
                    arguments: [Self.sessionHash(token), admin.id, Int64(now.timeIntervalSince1970)])
                try audit.insert(in: db)
            }
        }
        return token
    }

    /// The `Admin.credentialStamp` of the admin with this username; nil when there is none.
    public func credentialStamp(username: String) async throws -> String? {
        try await read { db in try Admin.filter(Column("username") == username).fetchOne(db)?.credentialStamp }
    }

    public func admins() async throws -> [Admin] {
        try await read { db in try Admin.order(Column("username")).fetchAll(db) }
    }

    /// The admin whose username and password match; checks take the same time whether or not the name exists.
    /// Throws `PasswordChecks.Busy` without checking when too many checks are already waiting; a `knownDevice`
    /// (a browser an admin signed in with before) may also take the places kept for it.
    public func verifyLogin(username: String, password: String, knownDevice: Bool = false) async throws -> Admin? {
        // The place is taken before the account is read, so a flood is turned away before it reaches the database.
        try await passwordChecks.holdingPlace(knownDevice: knownDevice) {
            let admin = try await read { db in try Admin.filter(Column("username") == username).fetchOne(db) }
            let matches = await passwordChecks.verify(password, hash: admin?.passwordHash)
            return matches ? admin : nil
        }
    }

    /// Starts a session and returns its token, which only the browser keeps; the store keeps its hash. Sessions
    /// idle longer than `idleLimit` go in the same transaction.
    public func createSession(adminId: Int64, idleLimit: TimeInterval, now: Date = Date()) async throws -> String {
        let token = Self.urlSafe(RandomBytes.make(32))
        try await unlessUnavailable {
            try await write { db in
                try Self.deleteSessions(idleLongerThan: idleLimit, now: now, in: db)
                // Checked in the transaction, so that an admin disabled during their sign-in gets no session.
                guard let admin = try Admin.fetchOne(db, key: adminId), !admin.disabled else {
                    throw StoreError.unknownUsername(String(adminId))
                }
                try db.execute(
                    sql: "INSERT INTO session (tokenHash, adminId, lastSeen) VALUES (?, ?, ?)",
                    arguments: [Self.sessionHash(token), adminId, Int64(now.timeIntervalSince1970)])
            }
        }
        return token
    }

    /// The session of a token, unless it is unknown or has been idle longer than `idleLimit`. Only reads, so that
    /// it answers while another program holds the write lock.
    public func liveSession(token: String, idleLimit: TimeInterval, now: Date = Date()) async throws -> LiveSession? {
        let hash = Self.sessionHash(token)
        let oldest = Int64(now.timeIntervalSince1970) - Int64(idleLimit)
        return try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT adminId, lastSeen FROM session WHERE tokenHash = ? AND lastSeen >= ?",
                    arguments: [hash, oldest]),
                let admin = try Admin.fetchOne(db, key: row["adminId"] as Int64), !admin.disabled
            else { return nil }
            return LiveSession(
                admin: admin, lastSeen: Date(timeIntervalSince1970: TimeInterval(row["lastSeen"] as Int64)))
        }
    }

    /// Moves a session's idle clock on to `now`. Waits only a moment for a database another program holds, and
    /// throws `StoreError.unavailable` when it cannot be written.
    public func touchSession(token: String, now: Date = Date()) async throws {
        let (hash, seconds, busy) = (Self.sessionHash(token), Int64(now.timeIntervalSince1970), busyMilliseconds)
        try await unlessUnavailable {
            try await writer.writeWithoutTransaction { db in
                try db.waitingBriefly(100, usual: busy) {
                    try db.execute(
                        sql: "UPDATE session SET lastSeen = ? WHERE tokenHash = ? AND lastSeen < ?",
                        arguments: [seconds, hash, seconds])
                }
            }
        }
    }

    public func endSession(token: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM session WHERE tokenHash = ?", arguments: [Self.sessionHash(token)])
        }
    }

    /// Deletes the sessions idle longer than `idleLimit`, which no request can use any more; returns how many.
    @discardableResult
    public func endIdleSessions(idleLimit: TimeInterval, now: Date = Date()) async throws -> Int {
        try await unlessUnavailable {
            try await write { db in try Self.deleteSessions(idleLongerThan: idleLimit, now: now, in: db) }
        }
    }

    /// Writes one admin action to the audit log; `StoreError.unavailable` when the database cannot take it now.
    public func audit(_ entry: AuditEntry) async throws {
        try await audit([entry])
    }

    /// Writes audit lines in one transaction; nothing at all when there are none.
    public func audit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await unlessUnavailable {
            try await write { db in
                for entry in entries { try entry.insert(in: db) }
            }
        }
    }

    /// The newest audit events first.
    public func auditEvents(limit: Int = 200) async throws -> [AuditEvent] {
        try await read { db in try AuditEvent.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    static func sessionHash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    @discardableResult
    private static func deleteSessions(idleLongerThan idleLimit: TimeInterval, now: Date, in db: Database) throws
        -> Int
    {
        try db.execute(
            sql: "DELETE FROM session WHERE lastSeen < ?",
            arguments: [Int64(now.timeIntervalSince1970) - Int64(idleLimit)])
        return db.changesCount
    }
}

/// How strong admin passwords must be, how they are made and hashed.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt's cost: about 50 ms of a core here, slow enough against guessing, fast enough to log in.
    static let cost: UInt8 = 10
    /// A hash to check against when the username does not exist, so both cases take as long.
    static let decoyHash = Bcrypt.hash("decoy password that matches nothing", cost: cost)

    /// A random password of 16 characters that are easy to read and type.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

/// Password hashing and checking, one at a time on a queue of their own, off the request threads, so that however
/// many sign-ins arrive (each under a different name, which the per-name lockout does not slow) bcrypt takes at
/// most one core and the forms keep the other.
public final class PasswordChecks: Sendable {
    private let queue = DispatchQueue(label: "prongsai.password-checks")
    /// Checks waiting or running; beyond `waitingLimit` a sign-in is refused at once rather than queued.
    private let waiting = Atomic<Int>(0)
    /// About a second of checks: a real admin waits at most that long behind a flood.
    public static let waitingLimit = 16
    /// Places beyond `waitingLimit` that only sign-ins from a browser an admin signed in with before may take, so
    /// that a flood under other names, from however many addresses, does not keep them out.
    public static let knownDevicePlaces = 4

    /// Thrown by a check refused because `waitingLimit` checks are already waiting.
    public struct Busy: Error {}

    init() {}

    /// Whether a check would be queued now; asked before an attempt takes one of its name's places, so that a
    /// flood under other names does not use up an admin's places with checks that never run.
    public func hasRoom(knownDevice: Bool) -> Bool {
        waiting.load(ordering: .relaxed) < Self.limit(knownDevice: knownDevice)
    }

    private static func limit(knownDevice: Bool) -> Int { waitingLimit + (knownDevice ? knownDevicePlaces : 0) }

    func hash(_ password: String) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: PasswordPolicy.cost)) }
        }
    }

    /// Runs a sign-in's check holding one of the `waitingLimit` places (or a known device's); throws `Busy` at once
    /// when none is free.
    func holdingPlace<T: Sendable>(knownDevice: Bool, _ check: () async throws -> T) async throws -> T {
        guard waiting.add(1, ordering: .relaxed).newValue <= Self.limit(knownDevice: knownDevice) else {
            waiting.subtract(1, ordering: .relaxed)
            throw Busy()
        }
        defer { waiting.subtract(1, ordering: .relaxed) }
        return try await check()
    }

    /// Checks a password against its hash; with no hash (an unknown username) it checks against the decoy, so
    /// that both take as long and the answer is no.
    func verify(_ password: String, hash: String?) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async {
                let matches = Bcrypt.verify(password, hash: hash ?? PasswordPolicy.decoyHash)
                continuation.resume(returning: hash != nil && matches)
            }
        }
    }
}
