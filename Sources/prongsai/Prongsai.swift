import ArgumentParser

/// The `prongsai` command: serve the surveys and work with their data.
@main
struct Prongsai: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prongsai",
        abstract: "Run the ITA perception surveys (IIT and EIT) of Thai public agencies.",
        subcommands: [
            ServeCommand.self, AgencyCommand.self, RoundCommand.self, AdminCommand.self, CodesCommand.self,
            ReportCommand.self, OfficialCommand.self, MeasuresCommand.self, ImportCommand.self, GenerateCommand.self,
            ScoreCommand.self, InstrumentsCommand.self,
            VerifyCommand.self,
            BackupCommand.self,
        ]
    )
}
