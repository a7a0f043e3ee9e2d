import GRDB
import SurveyCore

extension AppDatabase {
    /// Adds an agency; refuses a malformed or taken slug.
    @discardableResult
    public func addAgency(_ agency: Agency) async throws -> Agency {
        guard Agency.isValidSlug(agency.slug) else { throw StoreError.invalidSlug(agency.slug) }
        return try await write { db in
            guard try Agency.filter(Column("slug") == agency.slug).fetchCount(db) == 0 else {
                throw StoreError.duplicateSlug(agency.slug)
            }
            var inserted = agency
            try inserted.insert(db)
            return inserted
        }
    }

    /// Every hosted agency, by Thai name.
    public func agencies() async throws -> [Agency] {
        try await read { db in try Agency.order(Column("nameTh")).fetchAll(db) }
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
