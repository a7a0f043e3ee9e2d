import Foundation
import GRDB
import SurveyCore

/// Where one round's responses to one form live: pre-allocated slots of one fixed size, each response written
/// into a uniformly random free slot and overwritten in place. Cell positions, page numbers and free space then
/// depend only on when the pool grew, never on which response came first; when the pool grows it scatters all
/// its responses afresh over the larger pool, so the older slots do not hold the older responses.
struct SlotPool: Sendable, Hashable {
    let roundId: Int64
    let form: FormKind
    private(set) var capacity: Int
    private(set) var filled: Int
    let bodySize: Int

    /// Slots made with a new pool; at most half of a pool is ever filled, so a free slot is found in two
    /// tries on average.
    static let initialCapacity = 64
    /// The body size of pools made without their instrument at hand (rows from before slots, or a round
    /// that was never prepared); larger than any response of the default instruments.
    static let fallbackBodySize = 1024
    /// The first byte of a filled slot's body; an empty slot is all zeros.
    static let filledMark: UInt8 = 1

    /// The id of a pool's first slot: the round in the high bits, then the form, then the slot's index.
    static func firstId(roundId: Int64, form: FormKind) -> Int64 {
        roundId << 33 | Int64(form == .iit ? 0 : 1) << 32
    }

    /// The round and form a slot id belongs to.
    static func owner(ofSlot id: Int64) -> (roundId: Int64, form: FormKind) {
        (id >> 33, (id >> 32) & 1 == 0 ? .iit : .eit)
    }

    var firstId: Int64 { Self.firstId(roundId: roundId, form: form) }

    /// The pool of a round's form, if it was made.
    static func load(roundId: Int64, form: FormKind, in db: Database) throws -> SlotPool? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT capacity, filled, bodySize FROM slotPool WHERE roundId = ? AND form = ?"),
                arguments: [roundId, form.rawValue])
        else { return nil }
        return SlotPool(
            roundId: roundId, form: form, capacity: FixedCount.count(row["capacity"]),
            filled: FixedCount.count(row["filled"]), bodySize: row["bodySize"])
    }

    /// Makes an empty pool of `capacity` slots (a power of two) for a round's form.
    @discardableResult
    static func create(
        roundId: Int64, form: FormKind, bodySize: Int, capacity: Int = initialCapacity, in db: Database
    ) throws -> SlotPool {
        try db.execute(
            sql: "INSERT INTO slotPool (roundId, form, capacity, filled, bodySize) VALUES (?, ?, ?, ?, ?)",
            arguments: [roundId, form.rawValue, FixedCount.stored(capacity), FixedCount.stored(0), bodySize])
        let pool = SlotPool(roundId: roundId, form: form, capacity: capacity, filled: 0, bodySize: bodySize)
        let insert = try db.cachedStatement(sql: "INSERT INTO responseSlot (id, body) VALUES (?, ?)")
        let empty = Data(count: bodySize)
        for index in 0..<capacity { try insert.execute(arguments: [pool.firstId + Int64(index), empty]) }
        return pool
    }

    /// The pool of a round's form, made with the fallback body size when it does not exist yet.
    static func loadOrCreate(roundId: Int64, form: FormKind, in db: Database) throws -> SlotPool {
        try load(roundId: roundId, form: form, in: db)
            ?? create(roundId: roundId, form: form, bodySize: fallbackBodySize, in: db)
    }

    /// The body size that holds any response of an instrument: the mark, the id, the day, the separators, the
    /// longest profile codes and every field with its longest code, rounded up to 16 bytes.
    static func bodySize(for instrument: Instrument) -> Int {
        let profile = instrument.form.profileDimensions.reduce(0) { sum, dimension in
            sum + (dimension.codes.map(\.utf8.count).max() ?? 0)
        }
        let answers = instrument.fields.reduce(0) { sum, field in
            sum + field.id.utf8.count + 2 + (field.scale.codes.map(\.utf8.count).max() ?? 0)
        }
        let size = 1 + 16 + 10 + 6 + profile + answers
        return max(256, (size + 15) / 16 * 16)
    }

    /// Writes a response body into a random free slot, growing the pool first if it would become more than
    /// half full.
    mutating func fill(_ body: Data, in db: Database) throws {
        guard body.count <= bodySize else {
            throw DatabaseError(message: "a response of \(body.count) bytes does not fit the pool's \(bodySize)")
        }
        if (filled + 1) * 2 > capacity { try grow(in: db) }
        var padded = body
        padded.append(Data(count: bodySize - body.count))
        let probe = try db.cachedStatement(sql: "SELECT substr(body, 1, 1) = x'01' FROM responseSlot WHERE id = ?")
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = firstId + Int64(Int.random(in: 0..<capacity, using: &generator))
            guard let taken = try Bool.fetchOne(probe, arguments: [id]) else {
                throw DatabaseError(message: "slot \(id) of round \(roundId) is missing")
            }
            if taken { continue }
            try db.cachedStatement(sql: "UPDATE responseSlot SET body = ? WHERE id = ?").execute(arguments: [
                padded, id,
            ])
            filled += 1
            return
        }
    }

    /// Doubles the pool and moves every stored response to a fresh uniformly random slot of the larger pool.
    /// The stored responses already sit in random order, so sending the k-th filled slot to the k-th of a
    /// random set of slots gives a uniformly random placement; moving the ones that go up from the top down,
    /// then the ones that go down from the bottom up, never overwrites a response not yet moved.
    private mutating func grow(in db: Database) throws {
        let grown = capacity * 2
        let empty = Data(count: bodySize)
        let insert = try db.cachedStatement(sql: "INSERT INTO responseSlot (id, body) VALUES (?, ?)")
        for index in capacity..<grown { try insert.execute(arguments: [firstId + Int64(index), empty]) }
        let sources = try Int64.fetchAll(
            db, sql: "SELECT id FROM responseSlot WHERE id >= ? AND id < ? AND substr(body, 1, 1) = x'01' ORDER BY id",
            arguments: [firstId, firstId + Int64(capacity)])
        var targets: [Int64] = []
        targets.reserveCapacity(sources.count)
        var generator = SystemRandomNumberGenerator()
        for index in 0..<grown
        where Int.random(in: 0..<(grown - index), using: &generator) < sources.count - targets.count {
            targets.append(firstId + Int64(index))
        }
        let read = try db.cachedStatement(sql: "SELECT body FROM responseSlot WHERE id = ?")
        let write = try db.cachedStatement(sql: "UPDATE responseSlot SET body = ? WHERE id = ?")
        let moves = Array(zip(sources, targets))
        for (source, target) in moves.filter({ $0.1 > $0.0 }).reversed() + moves.filter({ $0.1 < $0.0 }) {
            let body = try Data.fetchOne(read, arguments: [source])!
            try write.execute(arguments: [empty, source])
            try write.execute(arguments: [body, target])
        }
        capacity = grown
    }

    /// Writes the pool's counts back, in place.
    func save(in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE slotPool SET capacity = ?, filled = ? WHERE roundId = ? AND form = ?")
            .execute(arguments: [FixedCount.stored(capacity), FixedCount.stored(filled), roundId, form.rawValue])
    }

    /// The filled slots of a round's form in slot order (uniformly random), from after `slot`, at most `limit`.
    static func filledSlots(
        roundId: Int64, form: FormKind, after slot: Int64? = nil, limit: Int = -1, in db: Database
    ) throws -> [(slot: Int64, body: Data)] {
        let first = firstId(roundId: roundId, form: form)
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, body FROM responseSlot
                    WHERE id >= ? AND id < ? AND substr(body, 1, 1) = x'01' ORDER BY id LIMIT ?
                    """),
            arguments: [max(first, (slot ?? first - 1) + 1), first + (1 << 32), limit]
        ).map { ($0["id"], $0["body"]) }
    }
}
