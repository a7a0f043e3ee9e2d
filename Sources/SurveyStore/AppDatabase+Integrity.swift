import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// The digest kept for a round, updated with every insert.
    public func digest(roundId: Int64) async throws -> RoundDigest {
        try await read { db in try Self.storedDigest(roundId: roundId, in: db) }
    }

    static func storedDigest(roundId: Int64, in db: Database) throws -> RoundDigest {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT count, lanes FROM roundDigest WHERE roundId = ?", arguments: [roundId])
        else { return RoundDigest() }
        guard let digest = RoundDigest(lanes: row["lanes"], count: FixedCount.count(row["count"])) else {
            throw DatabaseError(message: "the digest of round \(roundId) is malformed")
        }
        return digest
    }

    /// Every round's digest computed afresh from its response rows.
    static func recomputedDigests(in db: Database, roundId: Int64? = nil) throws -> [Int64: RoundDigest] {
        var digests: [Int64: RoundDigest] = [:]
        let sql = "SELECT id, body FROM responseSlot WHERE substr(body, 1, 1) = x'01'"
        let range = roundId.map { [$0 << 33, ($0 + 1) << 33] }
        let rows = try Row.fetchCursor(
            db, sql: range == nil ? sql : sql + " AND id >= ? AND id < ?", arguments: StatementArguments(range ?? []))
        while let row = try rows.next() {
            let slot: Int64 = row["id"]
            let body: Data = row["body"]
            // A body altered so that it no longer decodes still counts, as itself, so the digest shows the change.
            let values = ResponseRow.values(slot: slot, body: body) ?? [slot.databaseValue, body.databaseValue]
            digests[SlotPool.owner(ofSlot: slot).roundId, default: RoundDigest()].add(ResponseRow.canonical(values))
        }
        return digests
    }

    /// Checks a round against its rows, all read from one snapshot so that answers arriving meanwhile change
    /// nothing: the kept digest and count, and every tally against a recount; and gives the digest to publish, of
    /// the rows, the settings and the scoring of `instruments` (the round's IIT and EIT) together.
    public func verify(roundId: Int64, instruments: [Instrument]) async throws -> IntegrityReport {
        try await snapshot().read { db in
            guard let round = try Self.rounds(in: db, where: "id = ?", [roundId]).first else {
                throw DatabaseError(message: "no round \(roundId)")
            }
            let recomputed = try Self.recomputedDigests(in: db, roundId: roundId)[roundId] ?? RoundDigest()
            return IntegrityReport(
                kept: try Self.storedDigest(roundId: roundId, in: db), recomputed: recomputed,
                talliesMatch: try Self.tallies(roundId: roundId, through: [:], in: db)
                    == Self.recountedTallies(roundId: roundId, in: db),
                published: recomputed.published(with: round.settings, instruments: instruments))
        }
    }

    /// The digest to publish of a round: of its rows as kept, its settings and its instruments' scoring.
    public func publishedDigest(of round: Round, instruments: [Instrument]) async throws -> String {
        try await digest(roundId: round.id).published(with: round.settings, instruments: instruments)
    }

    /// Copies the whole database, while it is in use, to a new file at `path` (SQLite's online backup).
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.fileExists(path)
        }
        // A backup folder named for the first time (`backups/…`) is made, rather than refused.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = try DatabaseQueue(path: path)
        try reader.backup(to: destination)
        try destination.close()
    }
}

/// What `verify` found.
public struct IntegrityReport: Sendable, Hashable {
    /// The digest kept with the round.
    public let kept: RoundDigest
    /// The digest recomputed from the rows.
    public let recomputed: RoundDigest
    public let talliesMatch: Bool
    /// What a published copy is compared with: the rows recomputed and the settings the result depends on.
    public let published: String

    public var isIntact: Bool { kept == recomputed && talliesMatch }
}
