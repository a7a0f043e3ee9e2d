import ArgumentParser
import Foundation
import SurveyStore

/// `prongsai admin`: the accounts of the admin console.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Add, list, disable and enable admins and change their passwords.",
        subcommands: [Add.self, List.self, Passwd.self, Disable.self, Enable.self])

    /// `prongsai admin add USERNAME (--agency SLUG | --all)`
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an admin; prints a generated password once (or reads one with --password-stdin).")

        @Argument(help: "Username: 3–40 lowercase letters, digits, dots, dashes or underscores.")
        var username: String

        @Option(help: "The agency this admin manages.")
        var agency: String?

        @Flag(help: "The admin manages every agency and may add agencies and admins.")
        var all = false

        @Flag(help: "Read the password from standard input instead of generating one.")
        var passwordStdin = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard (agency != nil) != all else { throw ValidationError("give either --agency SLUG or --all") }
        }

        func run() async throws {
            let database = try store.open()
            let password = try passwordStdin ? readPassword() : PasswordPolicy.generate()
            try await storeWork {
                var agencyId: Int64?
                if let agency { agencyId = try await database.requireAgency(slug: agency).id }
                try await database.addAdmin(
                    username: username, password: password, agencyId: agencyId,
                    audit: AuditEntry("cli", .adminAdded, agency: agency, detail: username))
            }
            print("added admin \(username) for \(agency ?? "every agency")")
            if !passwordStdin { print("password (shown once): \(password)") }
        }
    }

    /// `prongsai admin passwd USERNAME`
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (generated, or read with --password-stdin); ends the admin's sessions.")

        @Argument(help: "The admin's username.")
        var username: String

        @Flag(help: "Read the password from standard input instead of generating one.")
        var passwordStdin = false

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            let password = try passwordStdin ? readPassword() : PasswordPolicy.generate()
            try await storeWork {
                try await database.setPassword(
                    username: username, password: password, audit: AuditEntry("cli", .passwordChanged, detail: username)
                )
            }
            print("new password set for \(username)")
            if !passwordStdin { print("password (shown once): \(password)") }
        }
    }
}

extension AdminCommand {
    /// `prongsai admin list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List admins: name, agency (or *), disabled.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            let slugs = Dictionary(
                uniqueKeysWithValues: try await database.agencies(includingArchived: true).map { ($0.id, $0.slug) })
            for admin in try await database.admins() {
                let scope = admin.agencyId.map { slugs[$0] ?? "?" } ?? "*"
                print("\(admin.username)\t\(scope)" + (admin.disabled ? "\tdisabled" : ""))
            }
        }
    }

    /// `prongsai admin disable USERNAME`
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an admin: they cannot sign in and their sessions end at once.")

        @Argument(help: "The admin's username.")
        var username: String

        @OptionGroup var store: StoreOptions

        func run() async throws { try await setDisabled(username, true, store: store) }
    }

    /// `prongsai admin enable USERNAME`
    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled admin again.")

        @Argument(help: "The admin's username.")
        var username: String

        @OptionGroup var store: StoreOptions

        func run() async throws { try await setDisabled(username, false, store: store) }
    }
}

/// Disables or enables an admin from the command line, with its audit line, and says which.
private func setDisabled(_ username: String, _ disabled: Bool, store: StoreOptions) async throws {
    let database = try store.open()
    try await storeWork {
        try await database.setAdminDisabled(
            username: username, disabled,
            audit: AuditEntry("cli", disabled ? .adminDisabled : .adminEnabled, detail: username))
    }
    print("\(disabled ? "disabled" : "enabled") \(username)")
}

/// The first line of standard input, without its line end.
private func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CommandFailure("no password on standard input")
    }
    return line
}
