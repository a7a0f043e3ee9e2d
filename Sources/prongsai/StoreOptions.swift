import ArgumentParser
import SurveyCore
import SurveyStore

/// The database a command works on.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The SQLite file (default: $PRONGSAI_DB or \(Settings.defaultDatabasePath)).")
    var path: String?

    /// The file and its busy timeout, from `--db`, `PRONGSAI_DB` and `PRONGSAI_BUSY_TIMEOUT`.
    func settings(_ settings: Settings = .process) throws -> Settings.Store {
        try settings.store(database: path)
    }

    /// Opens the database, creating and migrating it when needed; safe while the server runs.
    func open() throws -> AppDatabase {
        try settings().open()
    }
}

/// A command that could not do what was asked; ArgumentParser prints the message and exits with 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs store work, turning a refusal of the store into a plain message.
func storeWork<T>(_ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as StoreError {
        throw CommandFailure(error.description)
    }
}

/// A round and the instruments it was opened with, or a plain message saying which is missing.
func roundWithInstruments(_ database: AppDatabase, _ catalog: InstrumentCatalog, slug: String, year: Int) async throws
    -> (round: Round, iit: Instrument, eit: Instrument)
{
    let round = try await storeWork { try await database.requireRound(slug: slug, year: year) }
    guard let iit = catalog.instrument(.iit, version: round.iitInstrument),
        let eit = catalog.instrument(.eit, version: round.eitInstrument)
    else { throw CommandFailure("the round's instruments are missing from WebForms/instruments") }
    return (round, iit, eit)
}
