import GRDB
import SurveyCore

/// A hosted agency: its URL slug, names and kind.
public struct Agency: Codable, Sendable, Hashable, Identifiable, FetchableRecord, TableRecord {
    public let id: Int64
    public var slug: String
    public var nameTh: String
    public var nameEn: String
    public var kind: AgencyKind
    /// Hidden from lists and public pages, its rounds kept; it opens no new round until it is brought back.
    public var archived: Bool

    public static let databaseTableName = "agency"

    public init(id: Int64, slug: String, nameTh: String, nameEn: String, kind: AgencyKind, archived: Bool = false) {
        self.id = id
        self.slug = slug
        self.nameTh = nameTh
        self.nameEn = nameEn
        self.kind = kind
        self.archived = archived
    }

    /// The most characters an agency's name (Thai or English) may have.
    public static let nameLimit = 200

    /// Whether a slug can appear in a URL: 2–40 lowercase letters, digits and dashes, starting with a letter.
    public static func isValidSlug(_ slug: String) -> Bool {
        (2...40).contains(slug.count) && slug.first!.isLetter
            && slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// The name in Thai or English.
    public func name(english: Bool) -> String {
        english ? nameEn : nameTh
    }
}

extension AgencyKind: DatabaseValueConvertible {}
