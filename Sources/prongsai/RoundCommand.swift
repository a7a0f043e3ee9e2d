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
        var year: String?

        @Option(help: "First day of answers, YYYY-MM-DD (default: today).")
        var opens: String?

        @Option(help: "Last day of answers, YYYY-MM-DD (default: open-ended).")
        var closes: String?

        @Option(help: "Staff with at least one year of service.")
        var iitPopulation: String?

        @Option(help: "Service users, when known.")
        var eitPopulation: String?

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
        var smallCells: String?

        @Option(help: "EIT k: the smallest group of service users any release shows (default 3, at least 3).")
        var eitSmallCells: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var webForms: WebFormsOptions

        /// The options that are round settings: the field each fills, its name, what was given.
        private var settingOptions: [(field: RoundSettings.Field, name: String, value: String?)] {
            [
                (.year, "--year", year), (.opens, "--opens", opens), (.closes, "--closes", closes),
                (.iitPopulation, "--iit-population", iitPopulation),
                (.eitPopulation, "--eit-population", eitPopulation), (.iitRule, "--iit-rule", iitRule),
                (.eitRule, "--eit-rule", eitRule), (.oit, "--oit", oit), (.smallCells, "--small-cells", smallCells),
                (.eitSmallCells, "--eit-small-cells", eitSmallCells),
            ]
        }

        /// The options as a settings draft over the defaults of a new round, checked as the console checks it.
        func draft(kind: AgencyKind, today: Day) -> RoundSettings.Draft {
            var draft = RoundSettings.Draft(RoundSettings.standard(kind: kind, opening: today))
            for case (let field, _, let value?) in settingOptions { draft[field] = value }
            draft.iitCodes = iitCodes
            return draft
        }

        /// Every problem of the options, each named by its option, before anything is opened.
        func validate() throws {
            if case .failure(let failure) = draft(kind: .other, today: WallClock.system.today).validated() {
                throw ValidationError(message(failure))
            }
        }

        func run() async throws {
            let catalog = try webForms.catalog()
            let database = try store.open()
            let service = RoundService(database: database, catalog: catalog)
            let agency = try await storeWork { try await database.requireAgency(slug: slug) }
            let round: Round
            switch try await service.open(
                draft(kind: agency.kind, today: WallClock.system.today), agency: agency, by: "cli")
            {
            case .success(let opened): round = opened
            case .failure(let failure): throw CommandFailure(message(failure))
            }
            let settings = round.settings.assessment
            print("opened \(slug) \(round.fiscalYear): \(round.opens) – \(round.closes?.description ?? "open-ended")")
            for form in FormKind.allCases {
                let minimum = settings.minimum(form).map(String.init) ?? "— (needs a population)"
                print("  \(form.rawValue.uppercased()) minimum \(minimum) by \(settings.rule(form).name.en)")
            }
        }

        /// The problems in English, one a line, each after the option it concerns.
        private func message(_ failure: ValidationFailure) -> String {
            failure.problems.map { problem in
                let field = RoundSettings.Field(rawValue: problem.field)
                let fixed: [RoundSettings.Field: RoundSettings.Field] = [.iitFixed: .iitRule, .eitFixed: .eitRule]
                let option = settingOptions.first { $0.field == (field.flatMap { fixed[$0] } ?? field) }?.name
                return "\(option ?? problem.field): \(problem.message.en)"
            }.joined(separator: "\n")
        }
    }
}
