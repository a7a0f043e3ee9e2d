import GRDB

/// A person who manages rounds: of one agency, or of every agency when `agencyId` is nil.
public struct Admin: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var agencyId: Int64?

    public static let databaseTableName = "admin"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Whether this admin manages every agency (and may add agencies and admins).
    public var managesAll: Bool { agencyId == nil }

    /// Whether this admin may see and change an agency's rounds.
    public func manages(agencyId: Int64) -> Bool {
        managesAll || self.agencyId == agencyId
    }

    /// 3–40 lowercase letters, digits, dots, dashes and underscores.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...40).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || ".-_".contains($0)) }
    }
}

/// One admin action, for the log the `--all` admin reads.
public struct AuditEvent: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    /// Seconds since 1970.
    public var at: Int64
    public var username: String
    public var agencySlug: String?
    public var action: String
    public var detail: String

    public static let databaseTableName = "auditEvent"
}
