import ArgumentParser
import SurveyCore
import SurveyStore

/// `prongsai verify SLUG --year Y`: recomputes a round's digest and tallies from its rows.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check that a round's responses are as acknowledged: digest, count and tallies (exit 1 when not; 2 when"
            + " they are, but answers acknowledged while the round was open went missing from the server).")

    @Argument(help: "The agency's slug.")
    var slug: String

    @Option(help: "Fiscal year of the round (default: the current Thai fiscal year).", transform: fiscalYearOption)
    var year: Int?

    @Option(
        help: ArgumentHelp(
            "A digest published earlier (the report's printed line); any difference exits with 1.",
            valueName: "DIGEST"))
    var expect: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func run() async throws {
        let database = try store.open()
        let year = year ?? WallClock.system.today.fiscalYear
        let (round, iit, eit) = try await roundWithInstruments(database, try webForms.catalog(), slug: slug, year: year)
        let report = try await database.verify(roundId: round.id, instruments: [iit, eit])
        print("round \(slug) \(year): \(report.recomputed.count) responses")
        print("  kept digest       \(report.kept.fingerprint) (\(report.kept.count) responses)")
        print("  recomputed digest \(report.recomputed.fingerprint)")
        print("  tallies \(report.talliesMatch ? "equal a recount of the rows" : "DIFFER from a recount of the rows")")
        print("digest to publish (rows and settings): \(report.published)")
        // The rows agree with their digest after a loss too: what says answers are missing is the count kept
        // beside the database, checked at each opening.
        let losses = try await database.answerLosses().filter { $0.concerns(round) }
        for loss in losses {
            print(
                "  found on \(loss.foundOn): \(loss.answers) acknowledged answers of the server's rounds missing "
                    + "(acknowledged up to \(loss.lastAcknowledgedOn)) / พบคำตอบที่ตอบรับแล้วหายไป")
        }
        var intact = report.isIntact
        if !intact {
            print("NOT intact: responses were added, removed or altered outside the server / ข้อมูลถูกแก้ไข")
        }
        if let expect {
            // Only a digest printed before the file could be changed vouches for it; one kept beside the rows
            // can be recomputed by whoever edits them.
            let matches = Self.normalized(expect) == Self.normalized(report.published)
            print(
                matches
                    ? "matches the published digest / ตรงกับค่าที่เผยแพร่ไว้"
                    : "DIFFERS from the published digest: rows or settings changed since / ไม่ตรงกับค่าที่เผยแพร่ไว้")
            intact = intact && matches
        }
        guard intact else { throw ExitCode(1) }
        guard losses.isEmpty else {
            // The rows agree with their digest, but answers acknowledged while the round was open are gone from the
            // server; the count is of the whole server, so whether this round lost any cannot be told.
            print(
                "MAY BE INCOMPLETE: the rows are intact, but answers acknowledged while this round was open are"
                    + " missing from the server (above) / ข้อมูลไม่ถูกแก้ไข แต่คำตอบที่ตอบรับแล้วบางส่วนหายไป")
            throw ExitCode(2)
        }
        print("intact / ข้อมูลครบถ้วน ไม่ถูกแก้ไข")
    }

    /// A digest as typed, without spaces and case.
    static func normalized(_ digest: String) -> String {
        digest.lowercased().filter { !$0.isWhitespace }
    }
}

/// `prongsai backup PATH`: an online copy of the database while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file while the server runs (restore: stop the server, copy it back).")

    @Argument(help: "The new file to write.")
    var path: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let store = try self.store.settings()
        let database = try store.open()
        try await storeWork { try database.backup(to: path) }
        print("backed up \(store.path) to \(path)")
    }
}
