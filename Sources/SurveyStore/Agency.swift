import GRDB
import SurveyCore

/// A hosted agency: its URL slug, names and kind.
public struct Agency: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var nameTh: String
    public var nameEn: String
    public var kind: AgencyKind

    public static let databaseTableName = "agency"

    public init(id: Int64? = nil, slug: String, nameTh: String, nameEn: String, kind: AgencyKind) {
        self.id = id
        self.slug = slug
        self.nameTh = nameTh
        self.nameEn = nameEn
        self.kind = kind
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Top-level paths of the server that no agency may take.
    static let reservedSlugs: Set<String> = ["admin", "api", "healthz", "metrics", "static"]

    /// Whether a slug can appear in a URL: 2–40 lowercase letters, digits and dashes, starting with a letter,
    /// and not one of the server's own paths.
    public static func isValidSlug(_ slug: String) -> Bool {
        (2...40).contains(slug.count) && slug.first!.isLetter && !reservedSlugs.contains(slug)
            && slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}

extension AgencyKind: DatabaseValueConvertible {}
