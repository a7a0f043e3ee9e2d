import GRDB
import SurveyCore

/// One fiscal year's survey window of an agency, with everything its scores depend on.
public struct Round: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var agencyId: Int64
    /// Buddhist-era fiscal year.
    public var fiscalYear: Int
    /// First day the forms accept answers (YYYY-MM-DD).
    public var opensOn: String
    /// Last day the forms accept answers; nil for open-ended.
    public var closesOn: String?
    public var kind: AgencyKind
    public var iitInstrument: String
    public var eitInstrument: String
    public var iitPopulation: Int?
    public var eitPopulation: Int?
    public var iitRule: String
    public var eitRule: String
    /// Whether the IIT asks for a one-time access code.
    public var iitCodes: Bool
    /// The OIT score as typed (decimal text), when known.
    public var oitScore: String?
    /// k of the IIT releases: every released combination of profile values (and day) is shared by at least k staff.
    public var smallCellMinimum: Int
    /// k of the EIT releases; residents are many, so it may be smaller than the IIT's.
    public var eitSmallCellMinimum: Int

    public static let databaseTableName = "round"

    public init(
        id: Int64? = nil, agencyId: Int64, fiscalYear: Int, opensOn: Day, closesOn: Day?, kind: AgencyKind,
        iitInstrument: String, eitInstrument: String, iitPopulation: Int? = nil, eitPopulation: Int? = nil,
        iitRule: SampleRule? = nil, eitRule: SampleRule? = nil, iitCodes: Bool = false, oitScore: String? = nil,
        smallCellMinimum: Int = 5, eitSmallCellMinimum: Int = 3
    ) {
        self.id = id
        self.agencyId = agencyId
        self.fiscalYear = fiscalYear
        self.opensOn = opensOn.description
        self.closesOn = closesOn?.description
        self.kind = kind
        self.iitInstrument = iitInstrument
        self.eitInstrument = eitInstrument
        self.iitPopulation = iitPopulation
        self.eitPopulation = eitPopulation
        self.iitRule = (iitRule ?? .standard(for: .iit, kind: kind)).token
        self.eitRule = (eitRule ?? .standard(for: .eit, kind: kind)).token
        self.iitCodes = iitCodes
        self.oitScore = oitScore
        self.smallCellMinimum = smallCellMinimum
        self.eitSmallCellMinimum = eitSmallCellMinimum
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Where the round stands on a given day.
    public enum Status: Sendable, Hashable {
        case notYetOpen(opens: Day)
        case open
        case closed(closed: Day)
    }

    public func status(on day: Day) -> Status {
        if let opens = Day(opensOn), day < opens { return .notYetOpen(opens: opens) }
        if let closes = closesOn.flatMap(Day.init), closes < day { return .closed(closed: closes) }
        return .open
    }

    /// Of an agency's rounds, the one its forms serve on `day`: the open one, else the next to open, else the
    /// latest closed.
    public static func current(among rounds: [Round], on day: Day) -> Round? {
        if let open = rounds.first(where: { $0.status(on: day) == .open }) { return open }
        let upcoming = rounds.filter {
            if case .notYetOpen = $0.status(on: day) { return true }
            return false
        }
        return upcoming.min { $0.opensOn < $1.opensOn } ?? rounds.max { $0.fiscalYear < $1.fiscalYear }
    }

    public func instrumentVersion(_ form: FormKind) -> String {
        form == .iit ? iitInstrument : eitInstrument
    }

    /// The settings its result is computed under; `oit` overrides the stored OIT score.
    public func settings(oit: Rational? = nil) -> AssessmentSettings {
        AssessmentSettings(
            year: fiscalYear, kind: kind, iitPopulation: iitPopulation, eitPopulation: eitPopulation,
            iitRule: SampleRule(token: iitRule), eitRule: SampleRule(token: eitRule),
            oit: oit ?? oitScore.flatMap { Rational(decimal: $0) })
    }
}
