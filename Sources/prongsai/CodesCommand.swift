import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai codes SLUG --year Y --count N [--form eit]`: makes a batch of one-time codes (IIT staff codes or EIT
/// counter slips) and prints them.
struct CodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract:
            "Make a batch of one-time access codes (IIT staff codes, EIT counter slips) and print them, one per line.",
        discussion:
            "The batch is also listed in the console, where its slips can be printed again and its unused codes withdrawn."
    )

    @Argument(help: "The agency's slug.")
    var slug: String

    @Option(help: "Fiscal year of the round (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @Option(help: "How many codes, 1–5000.")
    var count: Int

    @Option(help: "The form the codes open: iit (staff codes, the default) or eit (counter slips).")
    var form: FormKind = .iit

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...5000).contains(count) else { throw ValidationError("--count takes 1 to 5000") }
    }

    func run() async throws {
        let database = try store.open()
        let year = year ?? WallClock.system.today.fiscalYear
        let codes = try await storeWork {
            let round = try await database.requireRound(slug: slug, year: year)
            guard round.settings.usesCodes(form) else {
                throw CommandFailure(
                    "the \(year) \(form.rawValue.uppercased()) of \(slug) does not use access codes"
                        + " (set it with `prongsai round set \(slug) --year \(year) --\(form.rawValue)-codes`)")
            }
            let (form, count, slug) = (form, count, slug)
            return try await database.makeCodeBatch(
                roundId: round.id, form: form, count: count, on: WallClock.system.today
            ) { number in
                AuditEntry(
                    "cli", .accessCodesMade, agency: slug,
                    detail: "\(year) \(form.rawValue): batch \(number), \(count) codes", at: WallClock.system.now)
            }.codes
        }
        print(codes.joined(separator: "\n"))
    }
}
