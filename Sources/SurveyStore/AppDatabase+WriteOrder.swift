import Foundation
import GRDB

extension AppDatabase {
    /// Removes what the files say about the order of recent writes: copies the write-ahead log into the main
    /// file and truncates it to nothing (its frames are written in commit order), then clears the page lists
    /// that the `-shm` index keeps of the log it described. The main file keeps no order of its own, as every
    /// public write overwrites fixed-size cells in place. Returns false when a long read kept the log in use;
    /// the next call tries again.
    @discardableResult
    public func eraseWriteOrder() async throws -> Bool {
        guard let path = databasePath else { return true }
        guard WriteAheadLog.hasFrames(databasePath: path) || !WriteAheadLog.isIndexClear(databasePath: path) else {
            return true
        }
        let busy = busyMilliseconds
        return try await writer.writeWithoutTransaction { db in
            // Waiting for a long reader would hold up every submission behind this checkpoint; try again later.
            try db.execute(sql: "PRAGMA busy_timeout = 100")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busy)") }
            guard let result = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)"), result[0] as Int == 0
            else { return false }
            // The write lock keeps other writers from adding frames while the emptied index is cleared.
            var cleared = false
            try db.inTransaction(.immediate) {
                cleared = try WriteAheadLog.clearIndex(databasePath: path)
                return .commit
            }
            return cleared
        }
    }

    /// The main database file, or nil for a database in memory.
    var databasePath: String? {
        writer.path.isEmpty || writer.path == ":memory:" ? nil : writer.path
    }

    /// Runs `eraseWriteOrder` every `interval` until the task is cancelled, then once more.
    public func eraseWriteOrderContinually(every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            _ = try? await eraseWriteOrder()
        }
        // The last pass runs outside the cancelled task, which the database's async calls would refuse.
        _ = try? await Task { try await eraseWriteOrder() }.value
    }
}

/// The parts of SQLite's write-ahead log and its `-shm` index that carry write order (see the "WAL-mode file
/// format" chapter of SQLite's file-format document).
enum WriteAheadLog {
    /// The `-shm` header: two copies of the 48-byte index header, then the 40-byte checkpoint information.
    static let indexHeaderSize = 136
    /// Where each header copy keeps `mxFrame`, the number of valid frames in the log.
    static let frameCountOffsets = [16, 64]

    static func hasFrames(databasePath: String) -> Bool {
        fileSize(databasePath + "-wal") > 0
    }

    /// Whether the index holds no page numbers or hash entries beyond its header.
    static func isIndexClear(databasePath: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: databasePath + "-shm") else { return true }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(indexHeaderSize))) != nil else { return true }
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            if chunk.contains(where: { $0 != 0 }) { return false }
        }
        return true
    }

    /// Zeroes the index's page lists and hash tables, but only while the log is empty: both header copies
    /// must count no frames and the log file must be empty, so no reader can need the entries. SQLite itself
    /// only clears a hash segment when the next log it describes reaches it. Returns whether it cleared.
    static func clearIndex(databasePath: String) throws -> Bool {
        let indexPath = databasePath + "-shm"
        guard !hasFrames(databasePath: databasePath), let handle = FileHandle(forUpdatingAtPath: indexPath) else {
            return !hasFrames(databasePath: databasePath)
        }
        defer { try? handle.close() }
        let header = try handle.read(upToCount: indexHeaderSize) ?? Data()
        guard header.count == indexHeaderSize else { return true }
        for offset in frameCountOffsets {
            // The index is in the machine's byte order, little-endian on every platform Prongsai builds for.
            let frames = header[offset..<offset + 4].enumerated().reduce(UInt32(0)) {
                $0 | UInt32($1.element) << (8 * UInt32($1.offset))
            }
            guard frames == 0 else { return false }
        }
        let size = fileSize(indexPath)
        guard size > indexHeaderSize else { return true }
        try handle.seek(toOffset: UInt64(indexHeaderSize))
        try handle.write(contentsOf: Data(count: size - indexHeaderSize))
        return true
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
