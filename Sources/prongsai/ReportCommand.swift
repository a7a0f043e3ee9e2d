import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai report SLUG`: the result of a stored round, from its tallies, as `prongsai score` prints it, with the
/// year's official results when they are stored (alone, for a year without a round).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print a round's result from the stored tallies.")

    @Argument(help: "The agency's slug.")
    var slug: String

    @Option(help: "Fiscal year of the round (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @Option(help: "The OIT score, 0–100 (default: the one stored with the round).")
    var oit: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func run() async throws {
        var oitScore: Rational?
        if let oit {
            guard let score = RoundSettings.oitScore(oit) else {
                throw ValidationError("--oit takes a score from 0 to 100, such as 92.35")
            }
            oitScore = score
        }
        let catalog = try webForms.catalog()
        let database = try store.open()
        let year = year ?? WallClock.system.today.fiscalYear
        let agency = try await storeWork { try await database.requireAgency(slug: slug) }
        let official = try await database.officialResults(agencyId: agency.id, year: year)
        // Official results are kept for years in which the agency ran no round of its own.
        if let official, try await database.round(agencyId: agency.id, year: year) == nil {
            print(
                json
                    ? JSONValue.object([("year", .int(year)), ("official", official.json)]).serialized()
                    : official.table)
            return
        }
        let (round, iit, eit) = try await roundWithInstruments(database, catalog, slug: slug, year: year)
        let tallies = try await database.tallies(roundId: round.id)
        var settings = round.settings.assessment
        settings.oit = oitScore ?? settings.oit
        let result = AssessmentResult(
            settings: settings, iit: (tallies.iit, iit), eit: (tallies.eit, eit))
        if json {
            print(result.json(official: official).serialized())
        } else {
            print(result.table + (official.map { "\n\n" + $0.table } ?? ""))
        }
    }
}
