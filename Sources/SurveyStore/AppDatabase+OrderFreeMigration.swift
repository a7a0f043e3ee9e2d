import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Moves a database to storage that keeps no submission order: responses into slot pools at random
    /// places, counts to their fixed-width form, spent tokens into sorted buckets, access codes into batches.
    static func moveToOrderFreeStorage(_ db: Database) throws {
        try db.create(table: "slotPool", options: [.withoutRowID]) { t in
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("form", .text).notNull()
            t.column("capacity", .integer).notNull()
            t.column("filled", .integer).notNull()
            t.column("bodySize", .integer).notNull()
            t.primaryKey(["roundId", "form"])
        }
        try db.create(table: "responseSlot") { t in
            t.primaryKey("id", .integer)
            t.column("body", .blob).notNull()
        }
        var pools: [Int64: [FormKind: [Data]]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, roundId, form, day, gender, age, education, contact, answers FROM response")
        while let row = try rows.next() {
            guard let form = FormKind(rawValue: row["form"]) else { continue }
            pools[row["roundId"], default: [:]][form, default: []].append(ResponseRow.body(Array(row.databaseValues)))
        }
        var generator = SystemRandomNumberGenerator()
        for (roundId, forms) in pools {
            for (form, bodies) in forms {
                var capacity = SlotPool.initialCapacity
                while capacity < bodies.count * 2 { capacity *= 2 }
                let pool = try SlotPool.create(
                    roundId: roundId, form: form, bodySize: SlotPool.fallbackBodySize, capacity: capacity, in: db)
                let places = Array(0..<capacity).shuffled(using: &generator)
                for (body, place) in zip(bodies, places) {
                    var padded = body
                    padded.append(Data(count: pool.bodySize - body.count))
                    try db.execute(
                        sql: "UPDATE responseSlot SET body = ? WHERE id = ?",
                        arguments: [padded, pool.firstId + Int64(place)])
                }
                try db.execute(
                    sql: "UPDATE slotPool SET filled = ? WHERE roundId = ? AND form = ?",
                    arguments: [FixedCount.stored(bodies.count), roundId, form.rawValue])
            }
        }
        try db.drop(table: "response")

        // The tallies are rebuilt by day in v6; only the digest keeps its count.
        try db.execute(sql: "UPDATE roundDigest SET count = count + \(FixedCount.bias)")
        try db.execute(
            sql: """
                INSERT INTO roundDigest (roundId, count, lanes)
                SELECT id, \(FixedCount.bias), zeroblob(\(RoundDigest.laneCount * 2)) FROM round
                WHERE id NOT IN (SELECT roundId FROM roundDigest)
                """)

        try db.create(table: "spentNonceBucket") { t in
            t.primaryKey("id", .integer)
            t.column("entries", .blob).notNull()
        }
        try SpentNonces.create(in: db)
        let tokens = try Row.fetchCursor(db, sql: "SELECT token, day FROM spentToken")
        while let token = try tokens.next() {
            guard let day = Day(token["day"]) else { continue }
            try SpentNonces.insert(OneTimeNonce(nonce: token["token"], day: day), in: db)
        }
        try db.drop(table: "spentToken")

        try db.create(table: "codeBatch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("size", .integer).notNull()
            t.column("madeOn", .text)
            t.column("printed", .boolean).notNull()
        }
        // Codes are spent by flipping `used` in place; 0 and 1 take no bytes in a record, so the cell never moves.
        try db.create(table: "accessCodeInBatches", options: [.withoutRowID]) { t in
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("codeHash", .blob).notNull()
            t.column("code", .text)
            t.column("batchId", .integer).notNull().references("codeBatch", onDelete: .cascade)
            t.column("used", .boolean).notNull()
            t.column("withdrawn", .boolean).notNull()
            t.primaryKey(["roundId", "codeHash"])
        }
        for roundId in try Int64.fetchAll(db, sql: "SELECT DISTINCT roundId FROM accessCode") {
            let size = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM accessCode WHERE roundId = ?", arguments: [roundId])
            // Codes made before batches were kept only as hashes: they still work but cannot be printed again.
            try db.execute(
                sql: "INSERT INTO codeBatch (roundId, size, madeOn, printed) VALUES (?, ?, NULL, 1)",
                arguments: [roundId, size])
            try db.execute(
                sql: """
                    INSERT INTO accessCodeInBatches (roundId, codeHash, code, batchId, used, withdrawn)
                    SELECT roundId, codeHash, NULL, ?, used, 0 FROM accessCode WHERE roundId = ?
                    """, arguments: [db.lastInsertedRowID, roundId])
        }
        try db.drop(table: "accessCode")
        try db.rename(table: "accessCodeInBatches", to: "accessCode")
    }

    /// Splits the answer and profile tallies by day, and counts whole profiles per day, so that pages can count
    /// the answers of some days only without reading responses: the old totals become each round's template
    /// (day ""; whole profiles get theirs when the round is prepared), and the rows are recounted from the
    /// responses, each day's rows made whole before its counts are added.
    static func moveTalliesToDays(_ db: Database) throws {
        try db.create(table: "answerDayTally", options: [.withoutRowID]) { t in
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("form", .text).notNull()
            t.column("day", .text).notNull()
            t.column("field", .text).notNull()
            t.column("option", .text).notNull()
            t.column("count", .integer).notNull()
            t.primaryKey(["roundId", "form", "day", "field", "option"])
        }
        try db.create(table: "profileDayTally", options: [.withoutRowID]) { t in
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("form", .text).notNull()
            t.column("day", .text).notNull()
            t.column("dimension", .text).notNull()
            t.column("code", .text).notNull()
            t.column("gender", .text).notNull()
            t.column("count", .integer).notNull()
            t.primaryKey(["roundId", "form", "day", "dimension", "code", "gender"])
        }
        try db.create(table: "comboDayTally", options: [.withoutRowID]) { t in
            t.column("roundId", .integer).notNull().references("round", onDelete: .cascade)
            t.column("form", .text).notNull()
            t.column("day", .text).notNull()
            t.column("gender", .text).notNull()
            t.column("age", .text).notNull()
            t.column("education", .text).notNull()
            t.column("contact", .text).notNull()
            t.column("count", .integer).notNull()
            t.primaryKey(["roundId", "form", "day", "gender", "age", "education", "contact"])
        }
        let zero = FixedCount.stored(0)
        try db.execute(
            sql: "INSERT INTO answerDayTally SELECT roundId, form, '', field, option, ? FROM tally", arguments: [zero])
        try db.execute(
            sql: "INSERT INTO profileDayTally SELECT roundId, form, '', dimension, code, gender, ? FROM profileTally",
            arguments: [zero])
        try db.drop(table: "tally")
        try db.drop(table: "profileTally")
        // The daily counts are rebuilt with the rest, so that each day's rows are made by the first save.
        try db.execute(sql: "DELETE FROM dailyTally")
        var changes = StoredChanges()
        let slots = try Row.fetchCursor(db, sql: "SELECT id, body FROM responseSlot WHERE substr(body, 1, 1) = x'01'")
        while let slot = try slots.next() {
            let id: Int64 = slot["id"]
            guard let response = ResponseRow.response(slot: id, body: slot["body"]) else { continue }
            changes.recount(response, roundId: SlotPool.owner(ofSlot: id).roundId)
        }
        try changes.save(in: db)
    }
}
