import ArgumentParser
import Foundation
import SurveyCore

/// `prongsai score FILE.csv`: scores an interchange CSV exactly as the ITA does.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV of responses (the interchange format) and print the result.")

    @Argument(help: "The CSV file: a form,day,gender,age,education,contact header and the field ids.")
    var file: String

    @OptionGroup var assessment: AssessmentOptions
    @OptionGroup var webForms: WebFormsOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "The instrument set the answers were given on, by version (default: the year's own).")
    var instruments: String?

    func run() async throws {
        let settings = assessment.settings
        let catalog = try webForms.catalog()
        let iit: Instrument
        let eit: Instrument
        if let instruments {
            guard let set = catalog.set(instruments) else {
                throw ValidationError(
                    "--instruments: there is no instrument set “\(instruments)”; the sets available: "
                        + catalog.sets.map(\.version).joined(separator: ", "))
            }
            (iit, eit) = (set.iit, set.eit)
        } else {
            guard let byYear = catalog.instrument(.iit, year: settings.year),
                let eitByYear = catalog.instrument(.eit, year: settings.year)
            else { throw ValidationError("no instrument for \(settings.year)") }
            (iit, eit) = (byYear, eitByYear)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(file) is not UTF-8 text")
        }
        let responses: [Response]
        do {
            responses = try InterchangeCSV.read(text, instruments: [.iit: iit, .eit: eit])
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        let result = AssessmentResult(
            settings: settings,
            iit: (Tally(form: .iit, responses: responses), iit),
            eit: (Tally(form: .eit, responses: responses), eit))
        print(json ? result.json.serialized() : result.table)
    }
}
