import Foundation
import GRDB
import SurveyCore

/// A one-time random value a page handed out (a form token, a ballot) and the day it was issued.
public struct OneTimeNonce: Sendable, Hashable {
    public let nonce: Data
    public let day: Day

    public init(nonce: Data, day: Day) {
        self.nonce = nonce
        self.day = day
    }
}

/// The nonces already spent, kept as a hash table of fixed-size buckets that are overwritten in place. A
/// bucket keeps its entries sorted, so neither the file nor a bucket says in which order nonces were spent.
enum SpentNonces {
    /// A 16-byte nonce followed by its issue day as a big-endian day number.
    static let entrySize = 20
    static let entriesPerBucket = 32
    static let bucketSize = entrySize * entriesPerBucket
    static let initialBuckets = 256
    /// Nonces issued this many days before the newest are forgotten when their bucket is rewritten; no form or
    /// ballot stays valid that long.
    static let keptDays = 9
    static let epoch = Day(year: 2000, month: 1, day: 1)

    private struct Entry: Comparable {
        let nonce: [UInt8]
        let day: UInt32

        static func < (a: Entry, b: Entry) -> Bool { a.nonce.lexicographicallyPrecedes(b.nonce) }
    }

    /// Makes the first buckets of a new database.
    static func create(in db: Database) throws {
        try writeBuckets(Array(repeating: [], count: initialBuckets), existing: 0, in: db)
    }

    static func contains(_ nonce: Data, in db: Database) throws -> Bool {
        let buckets = try bucketCount(in: db)
        let bytes = Array(nonce)
        return try entries(ofBucket: bucket(of: bytes, among: buckets), in: db).contains { $0.nonce == bytes }
    }

    /// Adds a spent nonce; a full bucket first forgets old entries, then the table doubles if it must.
    static func insert(_ spent: OneTimeNonce, in db: Database) throws {
        let buckets = try bucketCount(in: db)
        let entry = Entry(nonce: Array(spent.nonce), day: dayNumber(spent.day))
        let index = bucket(of: entry.nonce, among: buckets)
        var kept = try entries(ofBucket: index, in: db)
        if kept.count >= entriesPerBucket { kept.removeAll { $0.day + UInt32(keptDays) < entry.day } }
        guard kept.count < entriesPerBucket else {
            try rehash(to: buckets * 2, adding: entry, in: db)
            return
        }
        kept.append(entry)
        try writeBucket(index, kept, in: db)
    }

    /// Forgets nonces issued before `day`, rewriting every bucket in place.
    static func forget(before day: Day, in db: Database) throws {
        let horizon = dayNumber(day)
        let buckets = try bucketCount(in: db)
        for index in 0..<buckets {
            let entries = try entries(ofBucket: index, in: db)
            let kept = entries.filter { $0.day >= horizon }
            if kept.count != entries.count { try writeBucket(index, kept, in: db) }
        }
    }

    /// How many nonces are kept (tests read it).
    static func count(in db: Database) throws -> Int {
        let buckets = try bucketCount(in: db)
        return try (0..<buckets).reduce(0) { $0 + (try entries(ofBucket: $1, in: db)).count }
    }

    private static func rehash(to buckets: Int, adding entry: Entry, in db: Database) throws {
        let existing = try bucketCount(in: db)
        var grown = [[Entry]](repeating: [], count: buckets)
        for index in 0..<existing {
            for kept in try entries(ofBucket: index, in: db) where kept.day + UInt32(keptDays) >= entry.day {
                grown[bucket(of: kept.nonce, among: buckets)].append(kept)
            }
        }
        grown[bucket(of: entry.nonce, among: buckets)].append(entry)
        if grown.contains(where: { $0.count > entriesPerBucket }) {
            try rehash(to: buckets * 2, adding: entry, in: db)
            return
        }
        try writeBuckets(grown, existing: existing, in: db)
    }

    /// Writes whole buckets: the first `existing` in place, the rest as new rows, then the bucket count.
    private static func writeBuckets(_ buckets: [[Entry]], existing: Int, in db: Database) throws {
        for (index, entries) in buckets.enumerated() {
            if index < existing {
                try writeBucket(index, entries, in: db)
            } else {
                try db.execute(
                    sql: "INSERT INTO spentNonceBucket (id, entries) VALUES (?, ?)",
                    arguments: [index, encode(entries)])
            }
        }
        var count = UInt64(buckets.count).bigEndian
        try db.execute(
            sql:
                "INSERT INTO setting (name, value) VALUES ('nonceBuckets', ?) ON CONFLICT DO UPDATE SET value = excluded.value",
            arguments: [Data(bytes: &count, count: 8)])
    }

    private static func writeBucket(_ index: Int, _ entries: [Entry], in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE spentNonceBucket SET entries = ? WHERE id = ?")
            .execute(arguments: [encode(entries), index])
    }

    private static func bucketCount(in db: Database) throws -> Int {
        guard
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM setting WHERE name = 'nonceBuckets'")), data.count == 8
        else { throw DatabaseError(message: "the spent-nonce table is missing") }
        return Int(data.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    private static func bucket(of nonce: [UInt8], among buckets: Int) -> Int {
        Int(nonce.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) % buckets
    }

    private static func entries(ofBucket index: Int, in db: Database) throws -> [Entry] {
        guard
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT entries FROM spentNonceBucket WHERE id = ?"), arguments: [index])
        else { throw DatabaseError(message: "spent-nonce bucket \(index) is missing") }
        let bytes = Array(data)
        var entries: [Entry] = []
        for offset in stride(from: 0, to: bytes.count - entrySize + 1, by: entrySize) {
            let nonce = Array(bytes[offset..<offset + 16])
            if nonce.allSatisfy({ $0 == 0 }) { break }
            let day = bytes[offset + 16..<offset + 20].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            entries.append(Entry(nonce: nonce, day: day))
        }
        return entries
    }

    private static func encode(_ entries: [Entry]) -> Data {
        var data = Data(capacity: bucketSize)
        for entry in entries.sorted() {
            data.append(contentsOf: entry.nonce)
            data.append(contentsOf: withUnsafeBytes(of: entry.day.bigEndian, Array.init))
        }
        data.append(Data(count: bucketSize - data.count))
        return data
    }

    private static func dayNumber(_ day: Day) -> UInt32 {
        UInt32(max(0, epoch.days(until: day)))
    }
}
