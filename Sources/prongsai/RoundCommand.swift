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

        @OptionGroup var store: StoreOptions
        @OptionGroup var webForms: WebFormsOptions

        func validate() throws {
            if let opens, Day(opens) == nil { throw ValidationError("--opens takes a date such as 2026-12-01") }
            if let closes, Day(closes) == nil { throw ValidationError("--closes takes a date such as 2027-01-31") }
            if let opens = opens.flatMap(Day.init), let closes = closes.flatMap(Day.init), closes < opens {
                throw ValidationError("--closes cannot be before --opens")
            }
            for rule in [iitRule, eitRule].compactMap({ $0 }) where SampleRule(token: rule) == nil {
                throw ValidationError("unknown sample rule \"\(rule)\"")
            }
            if let year, !(2500...2700).contains(year) { throw ValidationError("--year takes a Buddhist-era year") }
            if [iitPopulation, eitPopulation].contains(where: { ($0 ?? 0) < 0 }) {
                throw ValidationError("a population cannot be negative")
            }
            if let oit, Rational(decimal: oit).map({ $0 < .zero || $0 > Rational(100) }) ?? true {
                throw ValidationError("--oit takes a score from 0 to 100, such as 92.35")
            }
        }

        func run() async throws {
            let catalog = try webForms.catalog()
            let database = try store.open()
            let year = year ?? Day.today.fiscalYear
            guard let iit = catalog.instrument(.iit, year: year), let eit = catalog.instrument(.eit, year: year) else {
                throw CommandFailure("no instrument for \(year)")
            }
            let round = try await storeWork {
                let agency = try await database.requireAgency(slug: slug)
                let round = try await database.openRound(
                    Round(
                        agencyId: agency.id!, fiscalYear: year, opensOn: opens.flatMap(Day.init) ?? .today,
                        closesOn: closes.flatMap(Day.init), kind: agency.kind, iitInstrument: iit.version,
                        eitInstrument: eit.version, iitPopulation: iitPopulation, eitPopulation: eitPopulation,
                        iitRule: iitRule.flatMap(SampleRule.init(token:)),
                        eitRule: eitRule.flatMap(SampleRule.init(token:)),
                        iitCodes: iitCodes, oitScore: oit),
                    agencySlug: slug)
                try await database.prepareRound(round.id!, instruments: [iit, eit])
                return round
            }
            let settings = round.settings()
            print("opened \(slug) \(year): \(round.opensOn) – \(round.closesOn ?? "open-ended")")
            for form in FormKind.allCases {
                let minimum = settings.minimum(form).map(String.init) ?? "— (needs a population)"
                print("  \(form.rawValue.uppercased()) minimum \(minimum) by \(settings.rule(form).name.en)")
            }
        }
    }
}
