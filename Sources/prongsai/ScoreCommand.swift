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

    func run() async throws {
        let settings = assessment.settings
        let catalog = try webForms.catalog()
        guard let iit = catalog.instrument(.iit, year: settings.year),
            let eit = catalog.instrument(.eit, year: settings.year)
        else { throw ValidationError("no instrument for \(settings.year)") }
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
