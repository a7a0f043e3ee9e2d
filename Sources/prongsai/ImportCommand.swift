import ArgumentParser
import Foundation
import SurveyCore
import SurveyStore

/// `prongsai import SLUG FILE.csv`: adds the responses of an interchange CSV to a round, all or none.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add the responses of an interchange CSV to a round (all rows or none).")

    @Argument(help: "The agency's slug.")
    var slug: String

    @Argument(help: "The CSV file, as `score` reads it.")
    var file: String

    @Option(help: "Fiscal year of the round (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func run() async throws {
        let catalog = try webForms.catalog()
        let database = try store.open()
        let year = year ?? WallClock.system.today.fiscalYear
        let (round, iit, eit) = try await roundWithInstruments(database, catalog, slug: slug, year: year)
        try await database.prepareRound(round.id, instruments: [iit, eit])
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else {
            throw CommandFailure("cannot read \(file) as UTF-8 text")
        }
        let responses: [Response]
        do {
            responses = try InterchangeCSV.read(text, instruments: [.iit: iit, .eit: eit])
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        try await database.importResponses(
            responses, roundId: round.id,
            audit: AuditEntry("cli", .responsesImported, agency: slug, detail: "\(year): \(responses.count) responses"))
        print("imported \(responses.count) responses into \(slug) \(year)")
    }
}

/// `prongsai generate SLUG --count N`: random complete responses, for demonstrations and measurements.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Add random responses to a round, for demonstrations and benchmarks.")

    @Argument(help: "The agency's slug.")
    var slug: String

    @Option(help: "Fiscal year of the round (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @Option(help: "How many responses, split between the forms by --eit-share.")
    var count: Int

    @Option(help: "Share of EIT responses, 0–100.")
    var eitShare = 70

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func validate() throws {
        guard count > 0, (0...100).contains(eitShare) else { throw ValidationError("--count > 0, --eit-share 0–100") }
    }

    func run() async throws {
        let catalog = try webForms.catalog()
        let database = try store.open()
        let year = year ?? WallClock.system.today.fiscalYear
        let (round, iit, eit) = try await roundWithInstruments(database, catalog, slug: slug, year: year)
        try await database.prepareRound(round.id, instruments: [iit, eit])
        let today = WallClock.system.today
        let first = round.opens
        let span = max(1, first.days(until: min(today, round.closes ?? today)) + 1)
        var generator = SystemRandomNumberGenerator()
        var made = 0
        while made < count {
            let batch = (0..<min(5000, count - made)).map { _ in
                let instrument = Int.random(in: 0..<100, using: &generator) < eitShare ? eit : iit
                var values: [String: String] = [:]
                for dimension in instrument.form.profileDimensions {
                    values[dimension.rawValue] = dimension.codes.randomElement(using: &generator)!
                }
                // Answers lean to the good side, as real ones tend to.
                for field in instrument.fields {
                    let codes = field.scale.codes
                    values[field.id] =
                        Int.random(in: 0..<3, using: &generator) == 0
                        ? codes.randomElement(using: &generator)! : field.scale.best.code
                }
                let day = first.adding(days: Int.random(in: 0..<span, using: &generator))
                return try! instrument.validate(values, day: day).get()
            }
            try await database.importResponses(batch, roundId: round.id)
            made += batch.count
        }
        print("generated \(made) responses in \(slug) \(year)")
    }
}
