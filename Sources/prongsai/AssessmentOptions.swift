import ArgumentParser
import SurveyCore

/// The settings a result depends on, as given on the command line.
struct AssessmentOptions: ParsableArguments {
    @Option(
        help: "Fiscal year in the Buddhist era (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @Option(help: "Agency kind for the EIT minimum: \(AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: AgencyKind?

    @Option(help: "Number of staff with at least one year of service.")
    var iitPopulation: Int?

    @Option(help: "Number of service users, when known.")
    var eitPopulation: Int?

    @Option(help: "The OIT score, 0–100, when known.")
    var oit: String?

    func validate() throws {
        if let year, !RoundSettings.fiscalYears.contains(year) {
            throw ValidationError("--year takes a Buddhist-era year such as 2570")
        }
        for population in [iitPopulation, eitPopulation].compactMap({ $0 }) where population < 0 {
            throw ValidationError("a population cannot be negative")
        }
        if oit != nil, oitScore == nil { throw ValidationError("--oit takes a score from 0 to 100, such as 92.35") }
    }

    var oitScore: Rational? {
        oit.flatMap(RoundSettings.oitScore)
    }

    /// The settings, falling back to the current fiscal year and the kind `other`.
    var settings: AssessmentSettings {
        AssessmentSettings(
            year: year ?? WallClock.system.today.fiscalYear, kind: kind ?? .other, iitPopulation: iitPopulation,
            eitPopulation: eitPopulation, oit: oitScore)
    }
}

extension AgencyKind: ExpressibleByArgument {}
extension FormKind: ExpressibleByArgument {}
