import Foundation
import GRDB
import SurveyCore

extension AppDatabase {
    /// Adds an agency and logs who did; refuses a missing or overlong name, a malformed or taken slug, or one the
    /// server's own addresses use.
    @discardableResult
    public func addAgency(
        slug: String, nameTh: String, nameEn: String, kind: AgencyKind, reservedSlugs: Set<String>, by actor: String,
        at time: Date = Date()
    ) async throws -> Agency {
        guard !nameTh.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.missingAgencyName }
        guard nameTh.count <= Agency.nameLimit else { throw StoreError.agencyNameTooLong(english: false) }
        guard nameEn.count <= Agency.nameLimit else { throw StoreError.agencyNameTooLong(english: true) }
        guard !TypedText.holdsUnprintable(nameTh) else { throw StoreError.unprintableAgencyName(english: false) }
        guard !TypedText.holdsUnprintable(nameEn) else { throw StoreError.unprintableAgencyName(english: true) }
        guard Agency.isValidSlug(slug) else { throw StoreError.invalidSlug(slug) }
        guard !reservedSlugs.contains(slug) else { throw StoreError.reservedSlug(slug) }
        let agency = try await write { db in
            guard try Agency.filter(Column("slug") == slug).fetchCount(db) == 0 else {
                throw StoreError.duplicateSlug(slug)
            }
            try db.execute(
                sql: "INSERT INTO agency (slug, nameTh, nameEn, kind) VALUES (?, ?, ?, ?)",
                arguments: [slug, nameTh, nameEn, kind])
            let agency = Agency(id: db.lastInsertedRowID, slug: slug, nameTh: nameTh, nameEn: nameEn, kind: kind)
            try AuditEntry(actor, .agencyAdded, agency: slug, detail: nameTh, at: time).insert(in: db)
            return agency
        }
        changes.bump()
        return agency
    }

    /// The hosted agencies by Thai name: those not archived, or all of them.
    public func agencies(includingArchived: Bool = false) async throws -> [Agency] {
        try await read { db in
            let all = Agency.order(Column("nameTh"))
            return try (includingArchived ? all : all.filter(Column("archived") == false)).fetchAll(db)
        }
    }

    /// Archives an agency (hidden from lists and public pages, rounds kept, no new round) or brings it back, and
    /// logs who did in the same transaction.
    public func setAgencyArchived(slug: String, _ archived: Bool, by actor: String, at time: Date = Date())
        async throws
    {
        try await write { db in
            guard try Agency.filter(Column("slug") == slug).fetchCount(db) == 1 else {
                throw StoreError.unknownAgency(slug)
            }
            try db.execute(sql: "UPDATE agency SET archived = ? WHERE slug = ?", arguments: [archived, slug])
            try AuditEntry(actor, archived ? .agencyArchived : .agencyUnarchived, agency: slug, at: time).insert(in: db)
        }
        changes.bump()
    }

    public func agency(slug: String) async throws -> Agency? {
        try await read { db in try Agency.filter(Column("slug") == slug).fetchOne(db) }
    }

    /// The agency with this slug, or `StoreError.unknownAgency`.
    public func requireAgency(slug: String) async throws -> Agency {
        guard let agency = try await agency(slug: slug) else { throw StoreError.unknownAgency(slug) }
        return agency
    }
}
