import Foundation
import GRDB
import SurveyCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AppDatabase {
    /// Removes what the files say about the order of recent writes (see `WriteAheadLog.erase`). Returns false
    /// when a long read kept the log in use; the next call tries again.
    @discardableResult
    public func eraseWriteOrder() async throws -> Bool {
        guard let path = databasePath, WriteAheadLog.hasFrames(databasePath: path) else { return true }
        let busy = busyMilliseconds
        return try await writer.writeWithoutTransaction { db in try WriteAheadLog.erase(db, busyMilliseconds: busy) }
    }

    /// The main database file, or nil for a database in memory.
    var databasePath: String? {
        writer.path.isEmpty || writer.path == ":memory:" ? nil : writer.path
    }

    /// Runs `eraseWriteOrder` every `interval` until the task is cancelled, then once more; after each pass the
    /// files' times are blurred to the day.
    public func eraseWriteOrderContinually(every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            _ = try? await eraseWriteOrder()
            if let databasePath { WriteAheadLog.blurTimes(databasePath: databasePath) }
        }
        // The last pass runs outside the cancelled task, which the database's async calls would refuse.
        _ = try? await Task { try await eraseWriteOrder() }.value
        if let databasePath { WriteAheadLog.blurTimes(databasePath: databasePath) }
    }
}

/// The write-ahead log and its `-shm` index, which list pages in the order they were written (see the
/// "WAL-mode file format" chapter of SQLite's file-format document). Neither file is ever opened here:
/// closing any descriptor of a file drops every lock the process holds on it, SQLite's included.
enum WriteAheadLog {
    /// The index lists a log's frames in hash segments; SQLite zeroes a segment only when a new log reaches its
    /// first frame. The first segment holds 4,062 frames, so a log is erased before it grows past this many,
    /// and no later segment ever holds a stale list.
    static let framesBeforeErasure = 3000

    static func hasFrames(databasePath: String) -> Bool {
        logSize(databasePath: databasePath) > 0
    }

    /// Whether the log holds so many frames that it must be erased before the next commit.
    static func isLong(databasePath: String, pageSize: Int) -> Bool {
        logSize(databasePath: databasePath) > 32 + framesBeforeErasure * (pageSize + 24)
    }

    /// Copies the log into the main file and truncates it to nothing, then writes one frame that says nothing
    /// (a random marker), which makes SQLite zero the index's first segment, and truncates again. Waits at most
    /// a moment for readers, so submissions queued behind it are not held up; false when a reader kept the log.
    static func erase(_ db: Database, busyMilliseconds: Int) throws -> Bool {
        try db.waitingBriefly(100, usual: busyMilliseconds) {
            guard try truncate(db) else { return false }
            try db.execute(
                sql: """
                    INSERT INTO setting (name, value) VALUES ('logMarker', ?)
                    ON CONFLICT DO UPDATE SET value = excluded.value
                    """, arguments: [Data(RandomBytes.make(8))])
            return try truncate(db)
        }
    }

    /// Sets the access and modification times of the database files and of the count file of acknowledged answers
    /// to the start of the Thai day. Done every second whether anything was written or not, so neither these times
    /// nor the change time that setting them leaves say when the last answer came. Works on paths, opening no
    /// descriptor.
    static func blurTimes(databasePath: String, now: Date = Date()) {
        let thaiOffset = 7 * 3600
        let seconds = Int(now.timeIntervalSince1970)
        let dayStart = (seconds + thaiOffset) / 86_400 * 86_400 - thaiOffset
        var times = [timespec(tv_sec: dayStart, tv_nsec: 0), timespec(tv_sec: dayStart, tv_nsec: 0)]
        for suffix in ["", "-wal", "-shm", AcknowledgedCountFile.suffix] {
            _ = utimensat(AT_FDCWD, databasePath + suffix, &times, 0)
        }
    }

    private static func truncate(_ db: Database) throws -> Bool {
        try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { $0[0] as Int == 0 } ?? false
    }

    private static func logSize(databasePath: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal"))?[.size] as? NSNumber)?.intValue
            ?? 0
    }
}
