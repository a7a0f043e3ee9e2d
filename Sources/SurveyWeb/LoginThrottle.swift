import Foundation
import SurveyCore
import SurveyStore
import Synchronization

/// Limits the password checks of each username, in memory: an attempt takes one of five places a minute before
/// its password is checked, so that no number of attempts at once gets more than five checks. The fifth place
/// locks the name for a minute; a right password frees it. Sign-in and the own-password page share one throttle.
final class LoginThrottle: Sendable {
    static let limit = 5
    static let window: TimeInterval = 60
    /// Most names kept: each name in the table took a password check within the minute, so a full table means
    /// thousands of checks a minute (see `makeRoom` for what goes then).
    static let defaultCapacity = 10_000
    /// What a refused attempt is told, at sign-in and where an admin types their current password alike.
    static let lockedMessage = LocalizedText(
        th: "ใส่รหัสผ่านผิดหลายครั้ง บัญชีนี้ถูกพักไว้ 1 นาที กรุณารอแล้วลองใหม่",
        en: "Too many wrong passwords: this account is locked for a minute. Please wait and try again.")

    /// What an attempt may do.
    enum Admission: Equatable {
        /// Check the password: the attempt has its place.
        case check
        /// Refuse: the name is locked. `first` for the first refusal of this lock, which the audit log gets a row of.
        case locked(first: Bool)
    }

    private struct Record {
        /// The attempts of the last minute, counted from when they took their place, whatever their outcome.
        var attempts: [Date] = []
        var lockedUntil: Date?
        var refused = false
        var lastSeen: Date

        func isLocked(at now: Date) -> Bool {
            lockedUntil.map { $0 > now } ?? false
        }

        /// Whether nothing of the record counts any more: no lock, no attempt within the window.
        func isQuiet(at now: Date) -> Bool {
            !isLocked(at: now) && attempts.allSatisfy { now.timeIntervalSince($0) >= window }
        }
    }

    private let capacity: Int
    private let records = Mutex<[String: Record]>([:])

    init(capacity: Int = defaultCapacity) {
        self.capacity = capacity
    }

    /// Gives the attempt its place, or refuses it when the name is locked; decided under the lock, so that
    /// attempts at the same moment cannot all see a free place.
    func admit(_ username: String, now: Date) -> Admission {
        records.withLock { table in
            var record = table[username].flatMap { $0.isQuiet(at: now) ? nil : $0 } ?? Record(lastSeen: now)
            record.lastSeen = now
            if record.isLocked(at: now) {
                let first = !record.refused
                record.refused = true
                table[username] = record
                return .locked(first: first)
            }
            record.attempts = record.attempts.filter { now.timeIntervalSince($0) < Self.window } + [now]
            if record.attempts.count >= Self.limit {
                record = Record(lockedUntil: now.addingTimeInterval(Self.window), lastSeen: now)
            }
            if table[username] == nil { Self.makeRoom(in: &table, capacity: capacity, now: now) }
            table[username] = record
            return .check
        }
    }

    /// A right password: the name's earlier attempts and its lock are forgiven.
    func succeeded(_ username: String) {
        records.withLock { $0[username] = nil }
    }

    /// Makes room for one more name: drops the quiet names, or else the longest quiet one that is not locked (a
    /// lock is what the table is for), or else the longest quiet.
    private static func makeRoom(in table: inout [String: Record], capacity: Int, now: Date) {
        guard table.count >= capacity else { return }
        table = table.filter { !$0.value.isQuiet(at: now) }
        guard table.count >= capacity else { return }
        func rank(_ record: Record) -> (Int, Date) { (record.isLocked(at: now) ? 1 : 0, record.lastSeen) }
        if let victim = table.min(by: { rank($0.value) < rank($1.value) })?.key { table[victim] = nil }
    }
}

/// Keeps the audit log from growing without bound by people who are not signed in: of their failed and refused
/// logins, at most `rowsPerMinute` a minute get a row each; the rest are counted by name and summed up in one row
/// once their minute is over (or the server stops).
final class LoginAudit: Sendable {
    static let rowsPerMinute = 20
    /// Names counted apart in a minute; any more count together as others.
    static let namesCounted = 100
    /// Names the summary row shows with their counts, the most frequent first.
    static let namesShown = 5

    /// What a minute has let through and counted.
    private struct Minute {
        let start: Int64
        var rows = 0
        var counts: [String: Int] = [:]
        var others = 0

        mutating func count(_ actor: String) {
            if counts[actor] != nil || counts.count < LoginAudit.namesCounted {
                counts[actor, default: 0] += 1
            } else {
                others += 1
            }
        }

        /// One row for everything counted, or nil when every attempt got its own.
        var summary: AuditEntry? {
            let total = counts.values.reduce(others, +)
            guard total > 0 else { return nil }
            let ranked = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            var parts = ranked.prefix(LoginAudit.namesShown).map { "\($0.key) \($0.value)" }
            let rest = total - ranked.prefix(LoginAudit.namesShown).reduce(0) { $0 + $1.value }
            if rest > 0 { parts.append("ชื่ออื่น \(rest)") }
            return AuditEntry(
                AuditEntry.notSignedIn, .loginsSummed,
                detail: "ไม่ได้บันทึกแยก \(total) ครั้ง: " + parts.joined(separator: ", "),
                at: Date(timeIntervalSince1970: TimeInterval(start)))
        }
    }

    private let minute = Mutex<Minute?>(nil)

    /// The rows to write for an attempt: the summary of an earlier minute if one is still held, and the attempt's
    /// own row while this minute has rows left, unless `countOnly`.
    func rows(for entry: AuditEntry, countOnly: Bool) -> [AuditEntry] {
        let start = Self.minuteStart(entry.at)
        return minute.withLock { held in
            var rows: [AuditEntry] = []
            if let earlier = held, earlier.start != start {
                rows += [earlier.summary].compactMap(\.self)
                held = nil
            }
            var current = held ?? Minute(start: start)
            if !countOnly && current.rows < Self.rowsPerMinute {
                current.rows += 1
                rows.append(entry)
            } else {
                current.count(entry.actor)
            }
            held = current
            return rows
        }
    }

    /// The summary of a minute over by `now`, or, with `now` nil, of whatever is held; it is then forgotten.
    func summary(endedBy now: Date?) -> AuditEntry? {
        minute.withLock { held in
            guard let current = held, now.map({ Self.minuteStart($0) != current.start }) ?? true else { return nil }
            held = nil
            return current.summary
        }
    }

    private static func minuteStart(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970) / 60 * 60
    }
}
