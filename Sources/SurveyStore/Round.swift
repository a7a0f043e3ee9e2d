import GRDB
import SurveyCore

/// One fiscal year's survey window of an agency: its settings and the instrument versions it was opened with.
/// The settings are read through: `round.fiscalYear` is `round.settings.fiscalYear`.
@dynamicMemberLookup
public struct Round: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let agencyId: Int64
    public var settings: RoundSettings
    public let iitInstrument: String
    public let eitInstrument: String

    public init(id: Int64, agencyId: Int64, settings: RoundSettings, iitInstrument: String, eitInstrument: String) {
        self.id = id
        self.agencyId = agencyId
        self.settings = settings
        self.iitInstrument = iitInstrument
        self.eitInstrument = eitInstrument
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<RoundSettings, Value>) -> Value {
        settings[keyPath: keyPath]
    }

    public func instrumentVersion(_ form: FormKind) -> String {
        form == .iit ? iitInstrument : eitInstrument
    }

    public func status(on day: Day) -> RoundStatus {
        settings.status(on: day)
    }

    /// Of an agency's rounds, the one its forms serve on `day`: the open one, else the next to open, else the
    /// latest closed.
    public static func current(among rounds: [Round], on day: Day) -> Round? {
        if let open = rounds.first(where: { $0.status(on: day) == .open }) { return open }
        let upcoming = rounds.filter {
            if case .notYetOpen = $0.status(on: day) { return true }
            return false
        }
        return upcoming.min { $0.opens < $1.opens } ?? rounds.max { $0.fiscalYear < $1.fiscalYear }
    }
}

/// The instruments a round is opened with, one per form.
public struct RoundInstruments: Sendable {
    public let iit: Instrument
    public let eit: Instrument

    public init(iit: Instrument, eit: Instrument) {
        self.iit = iit
        self.eit = eit
    }

    public var all: [Instrument] { [iit, eit] }
}

/// A stored `round` row is malformed (edited by hand, or written by a newer version).
struct MalformedRound: Error, CustomStringConvertible {
    let id: Int64
    let column: String

    var description: String { "round \(id) has a malformed \(column)" }
}

extension Round {
    /// Reads a `round` row and its targets; every column is parsed once, here.
    init(row: Row, targets: [ProfileTarget]) throws {
        let id: Int64 = row["id"]
        func parsed<Value>(_ column: String, _ parse: (String) -> Value?) throws -> Value {
            guard let text: String = row[column], let value = parse(text) else {
                throw MalformedRound(id: id, column: column)
            }
            return value
        }
        let closes: String? = row["closesOn"]
        let oit: String? = row["oitScore"]
        let levels: String? = row["levelScheme"]
        let settings = RoundSettings(
            fiscalYear: row["fiscalYear"], opens: try parsed("opensOn", Day.init),
            closes: try closes.map { _ in try parsed("closesOn", Day.init) },
            kind: try parsed("kind", AgencyKind.init(rawValue:)), iitPopulation: row["iitPopulation"],
            eitPopulation: row["eitPopulation"], iitRule: try parsed("iitRule", SampleRule.init(token:)),
            eitRule: try parsed("eitRule", SampleRule.init(token:)), iitCodes: row["iitCodes"],
            eitCodes: row["eitCodes"], oit: try oit.map { _ in try parsed("oitScore") { Rational(decimal: $0) } },
            smallCellMinimum: row["smallCellMinimum"], eitSmallCellMinimum: row["eitSmallCellMinimum"],
            targets: targets,
            levelScheme: try levels.map { _ in try parsed("levelScheme", LevelScheme.init(rawValue:)) })
        self.init(
            id: id, agencyId: row["agencyId"], settings: settings, iitInstrument: row["iitInstrument"],
            eitInstrument: row["eitInstrument"])
    }

    /// The columns of the settings, as stored.
    static func columns(_ settings: RoundSettings) -> [String: (any DatabaseValueConvertible)?] {
        [
            "fiscalYear": settings.fiscalYear, "opensOn": settings.opens.description,
            "closesOn": settings.closes?.description, "kind": settings.kind.rawValue,
            "iitPopulation": settings.iitPopulation, "eitPopulation": settings.eitPopulation,
            "iitRule": settings.iitRule.token, "eitRule": settings.eitRule.token, "iitCodes": settings.iitCodes,
            "eitCodes": settings.eitCodes,
            "oitScore": settings.oit.map { $0.exactDecimal ?? $0.formatted },
            "smallCellMinimum": settings.smallCellMinimum, "eitSmallCellMinimum": settings.eitSmallCellMinimum,
            "levelScheme": settings.levelScheme?.rawValue,
        ]
    }
}
