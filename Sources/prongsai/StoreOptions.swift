import ArgumentParser
import Foundation
import SurveyStore

/// The database a command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite file (default: $PRONGSAI_DB or data/prongsai.sqlite).")
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["PRONGSAI_DB"] ?? "data/prongsai.sqlite"
    }

    /// Opens the database, creating and migrating it when needed; safe while the server runs.
    func open() throws -> AppDatabase {
        try AppDatabase.open(path: resolvedPath)
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
