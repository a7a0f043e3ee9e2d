import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai round`: an agency's survey rounds.
struct RoundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Open survey rounds.", subcommands: [Open.self])

    /// `prongsai round open SLUG …`
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a round for a fiscal year.")

        @Argument(help: "The agency's slug.")
        var slug: String

        @Option(help: "Fiscal year in the Buddhist era (default: the current Thai fiscal year).")
        var year: Int?

        @Option(help: "First day of answers, YYYY-MM-DD (default: today).")
        var opens: String?

        @Option(help: "Last day of answers, YYYY-MM-DD (default: open-ended).")
        var closes: String?

        @Option(help: "Staff with at least one year of service.")
        var iitPopulation: Int?

        @Option(help: "Service users, when known.")
        var eitPopulation: Int?

        @Option(
            help: "IIT sample rule: krejcie-morgan, yamane, percent[:P:FLOOR:CAP], fixed:N (default: krejcie-morgan).")
        var iitRule: String?

        @Option(help: "EIT sample rule: group, krejcie-morgan, yamane, percent[:P:FLOOR:CAP], fixed:N.")
        var eitRule: String?

        @Flag(help: "The IIT asks for a one-time access code (print them with `prongsai codes`).")
        var iitCodes = false

        @Option(help: "The OIT score, 0–100, when known.")
        var oit: String?

        @Option(help: "IIT k: the smallest group of staff any release shows (default 5, at least 3).")
        var smallCells: Int?

        @Option(help: "EIT k: the smallest group of service users any release shows (default 3, at least 3).")
        var eitSmallCells: Int?

        @OptionGroup var store: StoreOptions
        @OptionGroup var webForms: WebFormsOptions

        /// The options as a settings draft over the defaults of a new round, checked as the console checks it.
        func draft(kind: AgencyKind, today: Day) -> RoundSettings.Draft {
            var draft = RoundSettings.Draft(RoundSettings.standard(kind: kind, opening: today))
            let typed: [(RoundSettings.Field, String?)] = [
                (.year, year.map(String.init)), (.opens, opens), (.closes, closes),
                (.iitPopulation, iitPopulation.map(String.init)), (.eitPopulation, eitPopulation.map(String.init)),
                (.iitRule, iitRule), (.eitRule, eitRule), (.oit, oit), (.smallCells, smallCells.map(String.init)),
                (.eitSmallCells, eitSmallCells.map(String.init)),
            ]
            for case (let field, let value?) in typed { draft[field] = value }
            draft.iitCodes = iitCodes
            return draft
        }

        func run() async throws {
            let catalog = try webForms.catalog()
            let database = try store.open()
            let service = RoundService(database: database, catalog: catalog)
            let agency = try await storeWork { try await database.requireAgency(slug: slug) }
            let draft = draft(kind: agency.kind, today: WallClock.system.today)
            let round: Round
            switch try await service.open(draft, agency: agency, by: "cli") {
            case .success(let opened): round = opened
            case .failure(let failure):
                throw CommandFailure(
                    failure.problems.map { "\(Self.option(for: $0.field)): \($0.message.en)" }.joined(separator: "\n"))
            }
            let settings = round.settings.assessment
            print("opened \(slug) \(round.fiscalYear): \(round.opens) – \(round.closes?.description ?? "open-ended")")
            for form in FormKind.allCases {
                let minimum = settings.minimum(form).map(String.init) ?? "— (needs a population)"
                print("  \(form.rawValue.uppercased()) minimum \(minimum) by \(settings.rule(form).name.en)")
            }
        }

        /// The option a problem's field was given with.
        static func option(for field: String) -> String {
            switch RoundSettings.Field(rawValue: field) {
            case .year: "--year"
            case .opens: "--opens"
            case .closes: "--closes"
            case .kind: "the agency's kind"
            case .iitPopulation: "--iit-population"
            case .eitPopulation: "--eit-population"
            case .iitRule, .iitFixed: "--iit-rule"
            case .eitRule, .eitFixed: "--eit-rule"
            case .oit: "--oit"
            case .smallCells: "--small-cells"
            case .eitSmallCells: "--eit-small-cells"
            case nil: field
            }
        }
    }
}
