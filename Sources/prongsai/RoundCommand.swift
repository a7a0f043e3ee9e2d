import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai round`: an agency's survey rounds, opened and changed through the same checks as the console.
struct RoundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Open survey rounds and change their settings.",
        subcommands: [Open.self, Change.self])

    /// `prongsai round open SLUG …`
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a round for a fiscal year.")

        @Argument(help: "The agency's slug.")
        var slug: String

        @OptionGroup var settings: RoundOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var webForms: WebFormsOptions

        func validate() throws {
            try settings.validate()
        }

        func run() async throws {
            let catalog = try webForms.catalog()
            let database = try store.open()
            let agency = try await storeWork { try await database.requireAgency(slug: slug) }
            let standard = RoundSettings.standard(kind: agency.kind, opening: WallClock.system.today)
            let outcome = try await RoundService(database: database, catalog: catalog).open(
                settings.draft(over: standard), instruments: settings.instruments, agency: agency, by: "cli")
            try settings.report(outcome, verb: "opened", slug: slug)
        }
    }

    /// `prongsai round set SLUG --year Y …`
    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change the settings of an agency's round; --year picks the round (default: the current one).")

        @Argument(help: "The agency's slug.")
        var slug: String

        @OptionGroup var settings: RoundOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var webForms: WebFormsOptions

        func validate() throws {
            try settings.validate()
        }

        func run() async throws {
            let catalog = try webForms.catalog()
            let database = try store.open()
            let today = WallClock.system.today
            let year = settings.year.flatMap { Int($0) } ?? today.fiscalYear
            let agency = try await storeWork { try await database.requireAgency(slug: slug) }
            let round = try await storeWork { try await database.requireRound(slug: slug, year: year) }
            let outcome = try await RoundService(database: database, catalog: catalog).update(
                round, with: settings.draft(over: round.settings), instruments: settings.instruments, agency: agency,
                by: "cli", at: WallClock.system.now, today: today)
            try settings.report(outcome, verb: "changed", slug: slug)
        }
    }
}

/// The round settings a command line can give, as `round open` and `round set` take them: as text, checked by
/// `RoundSettings.Draft` like the console's form.
struct RoundOptions: ParsableArguments {
    @Option(help: "Fiscal year in the Buddhist era (default: the current Thai fiscal year).")
    var year: String?

    @Option(help: "First day of answers, YYYY-MM-DD (default for a new round: today).")
    var opens: String?

    @Option(help: "Last day of answers, YYYY-MM-DD; an empty value for open-ended.")
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

    @Flag(
        inversion: .prefixedNo,
        help: "Whether the IIT asks for a one-time access code (print them with `prongsai codes`).")
    var iitCodes: Bool?

    @Flag(
        inversion: .prefixedNo,
        help:
            "Whether the EIT asks for a one-time code from a counter slip, one per visitor (print them with `prongsai codes --form eit`)."
    )
    var eitCodes: Bool?

    @Option(help: "The OIT score, 0–100, when known; an empty value for none.")
    var oit: String?

    @Option(help: "IIT k: the smallest group of staff any release shows (default 5, at least 3).")
    var smallCells: String?

    @Option(help: "EIT k: the smallest group of service users any release shows (default 3, at least 3).")
    var eitSmallCells: String?

    @Option(
        help:
            "The level scheme, letters or pass; an empty value for the year's own (letters up to 2565, pass from 2566)."
    )
    var levels: String?

    @Option(
        help:
            "The instrument set, by the version its IIT and EIT files share (default: the year's own); refused once the round has answers."
    )
    var instruments: String?

    /// The options that are round settings: the field each fills, its name, what was given.
    private var given: [(field: RoundSettings.Field, name: String, value: String?)] {
        [
            (.year, "--year", year), (.opens, "--opens", opens), (.closes, "--closes", closes),
            (.iitPopulation, "--iit-population", iitPopulation), (.eitPopulation, "--eit-population", eitPopulation),
            (.iitRule, "--iit-rule", iitRule), (.eitRule, "--eit-rule", eitRule), (.oit, "--oit", oit),
            (.smallCells, "--small-cells", smallCells), (.eitSmallCells, "--eit-small-cells", eitSmallCells),
            (.levels, "--levels", levels),
        ]
    }

    /// The settings with the options given laid over them.
    func draft(over settings: RoundSettings) -> RoundSettings.Draft {
        var draft = RoundSettings.Draft(settings)
        for case (let field, _, let value?) in given { draft[field] = value }
        if let iitCodes { draft.iitCodes = iitCodes }
        if let eitCodes { draft.eitCodes = eitCodes }
        return draft
    }

    /// Every problem of the options, each named by its option, before anything is opened.
    func validate() throws {
        let standard = RoundSettings.standard(kind: .other, opening: WallClock.system.today)
        if case .failure(let failure) = draft(over: standard).validated() { throw ValidationError(message(failure)) }
    }

    /// Prints the saved round and the minimum of each form, or fails with every problem.
    func report(_ outcome: Result<Round, ValidationFailure>, verb: String, slug: String) throws {
        let round: Round
        switch outcome {
        case .success(let saved): round = saved
        case .failure(let failure): throw CommandFailure(message(failure))
        }
        let settings = round.settings.assessment
        print("\(verb) \(slug) \(round.fiscalYear): \(round.opens) – \(round.closes?.description ?? "open-ended")")
        for form in FormKind.allCases {
            let minimum = settings.minimum(form).map(String.init) ?? "— (needs a population)"
            print("  \(form.rawValue.uppercased()) minimum \(minimum) by \(settings.rule(form).name.en)")
        }
        print("  levels: \(settings.scheme.name.en)\(round.levelScheme == nil ? " (the year's own)" : " (chosen)")")
        print("  instruments: IIT \(round.iitInstrument), EIT \(round.eitInstrument)")
    }

    /// The problems in English, one a line, each after the option it concerns.
    private func message(_ failure: ValidationFailure) -> String {
        let fixed: [RoundSettings.Field: RoundSettings.Field] = [.iitFixed: .iitRule, .eitFixed: .eitRule]
        return failure.problems.map { problem in
            let field = RoundSettings.Field(rawValue: problem.field)
            let option =
                problem.field == RoundService.instrumentsField
                ? "--instruments" : given.first { $0.field == (field.flatMap { fixed[$0] } ?? field) }?.name
            return "\(option ?? problem.field): \(problem.message.en)"
        }.joined(separator: "\n")
    }
}
