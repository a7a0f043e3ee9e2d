import Foundation
import GRDB
import SurveyCore

/// A read-only link to an agency's counter view, for the screen at the counter: made and revoked by an admin.
/// Only a hash of its token is kept, so the database alone cannot open it.
public struct CounterLink: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let madeOn: Day
}

extension AppDatabase {
    /// Makes a counter link of an agency and logs who did, in one transaction; the token is returned only here.
    public func makeCounterLink(agency: Agency, on day: Day, audit: AuditEntry) async throws -> (CounterLink, String) {
        let token = Self.urlSafe(RandomBytes.make(32))
        let link = try await write { db in
            try db.execute(
                sql: "INSERT INTO counterLink (agencyId, tokenHash, madeOn) VALUES (?, ?, ?)",
                arguments: [agency.id, Self.sessionHash(token), day.description])
            try audit.insert(in: db)
            return CounterLink(id: db.lastInsertedRowID, madeOn: day)
        }
        return (link, token)
    }

    /// An agency's counter links, oldest first.
    public func counterLinks(agencyId: Int64) async throws -> [CounterLink] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, madeOn FROM counterLink WHERE agencyId = ? ORDER BY id", arguments: [agencyId]
            ).compactMap { row in Day(row["madeOn"]).map { CounterLink(id: row["id"], madeOn: $0) } }
        }
    }

    /// Revokes one of an agency's counter links and logs who did; false when the agency has no such link.
    public func revokeCounterLink(id: Int64, agency: Agency, audit: AuditEntry) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM counterLink WHERE id = ? AND agencyId = ?", arguments: [id, agency.id])
            guard db.changesCount > 0 else { return false }
            try audit.insert(in: db)
            return true
        }
    }

    /// The agency a counter link's token opens, if the link exists and the agency is not archived.
    public func agency(counterToken token: String) async throws -> Agency? {
        try await read { db in
            try Agency.fetchOne(
                db,
                sql: "SELECT agency.* FROM agency JOIN counterLink ON counterLink.agencyId = agency.id "
                    + "WHERE counterLink.tokenHash = ? AND agency.archived = 0", arguments: [Self.sessionHash(token)])
        }
    }

    /// Random bytes as base64url text without padding: safe in a path.
    static func urlSafe(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
