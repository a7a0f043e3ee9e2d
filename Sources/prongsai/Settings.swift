import Foundation
import Logging
import SurveyStore
import SurveyWeb

/// Every setting of `prongsai`, read in one place: a command-line option wins over its `PRONGSAI_*` variable,
/// which wins over the default. This is the only code that reads `PRONGSAI_*` from the environment.
///
/// Each value is parsed strictly: a malformed or out-of-range one is a ``SettingError`` naming the option or
/// variable it came from and the form expected, thrown before the command opens or starts anything. A command
/// reads only the settings it uses: `agency list` does not mind `PRONGSAI_PORT`, `serve` reads them all.
struct Settings: Sendable {
    /// The variables the settings are read from (only the `PRONGSAI_*` ones are looked at).
    let environment: [String: String]

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The settings of this process.
    static var process: Settings {
        Settings(environment: ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PRONGSAI_") })
    }

    // MARK: The database

    static let defaultDatabasePath = "data/prongsai.sqlite"

    /// The database a command opens.
    struct Store: Equatable, Sendable {
        var path: String
        /// How long a write waits for a database locked by another program.
        var busyTimeout: Duration

        /// Opens the database, creating and migrating it when needed; safe while the server runs. Acknowledged
        /// answers found missing are logged as a warning on `logger` (the dashboards show them from then on).
        func open(logger: Logger = Logger(label: "prongsai")) throws -> AppDatabase {
            let database = try AppDatabase.open(path: path, busyTimeout: busyTimeout)
            if let loss = database.lossFoundAtOpen {
                logger.warning(
                    """
                    \(loss.answers) acknowledged answers are missing from the database \(path): its count of \
                    acknowledged answers is behind the one kept beside it, so a crash recovery lost committed writes \
                    or an older copy was restored. They were acknowledged up to \(loss.lastAcknowledgedOn); the \
                    dashboards of the rounds open since then say so.
                    """)
            }
            return database
        }
    }

    /// The database from `--db` (given as `database`), `PRONGSAI_DB` and `PRONGSAI_BUSY_TIMEOUT`.
    func store(database: String?) throws -> Store {
        var store = Store(path: Self.defaultDatabasePath, busyTimeout: AppDatabase.defaultBusyTimeout)
        if let given = given(database, option: "--db", variable: "PRONGSAI_DB") {
            store.path = try given.parse(Self.path, "a file path, such as \(Self.defaultDatabasePath)")
        }
        if let given = variable("PRONGSAI_BUSY_TIMEOUT") {
            store.busyTimeout = try given.parse(Self.seconds, Self.secondsForm(example: "5"))
        }
        return store
    }

    // MARK: WebForms

    /// Where the WebForms folder is to be found.
    enum WebForms: Equatable, Sendable {
        /// Named by `source` (the option or the variable): the folder must be there.
        case given(URL, source: String)
        /// Not named: the working folder's, else the nearest one above the program.
        case search
    }

    /// The WebForms folder from `--webforms` (given as `option`) and `PRONGSAI_WEBFORMS`.
    func webForms(option: String?) throws -> WebForms {
        guard let given = given(option, option: "--webforms", variable: "PRONGSAI_WEBFORMS") else { return .search }
        let path = try given.parse(Self.path, "a folder path, such as ./WebForms")
        return .given(URL(fileURLWithPath: path), source: given.source)
    }

    // MARK: The server

    static let defaultHost = "127.0.0.1"
    static let defaultPort = 8080
    static let defaultPublicURL = "http://localhost:8080"
    static let defaultIdleTimeout: Duration = .seconds(15)
    static let defaultSubmissionsPerMinute = 120
    static let defaultLogLevel: Logger.Level = .info
    /// The longest timeout taken, in seconds.
    static let maximumSeconds = 3600
    static let maximumSubmissionsPerMinute = 1_000_000

    /// How `prongsai serve` listens and behaves.
    struct Server: Equatable, Sendable {
        var host = Settings.defaultHost
        var port = Settings.defaultPort
        /// Without a trailing slash.
        var publicURL = Settings.defaultPublicURL
        var idleTimeout = Settings.defaultIdleTimeout
        var submissionsPerMinute = Settings.defaultSubmissionsPerMinute
        /// Whether requests from this machine count against the per-address limit too.
        var trustedProxies = AddressRange.loopback
        var metricsToken: String?
        var logLevel = Settings.defaultLogLevel
    }

    /// The server's settings from `--host`, `--port`, `--public-url` and their variables, and the variables that
    /// have no option.
    func server(host: String? = nil, port: String? = nil, publicURL: String? = nil) throws -> Server {
        var server = Server()
        if let given = given(host, option: "--host", variable: "PRONGSAI_HOST") {
            server.host = try given.parse(
                Self.word, "an address or host name to listen on, such as 127.0.0.1 or 0.0.0.0")
        }
        if let given = given(port, option: "--port", variable: "PRONGSAI_PORT") {
            server.port = try given.parse(Self.port, "a port number from 1 to 65535, such as 8080")
        }
        if let given = given(publicURL, option: "--public-url", variable: "PRONGSAI_PUBLIC_URL") {
            server.publicURL = try given.parse(
                Self.publicURL,
                "an http:// or https:// address with a host (and port) but no path, query, fragment or user, such as https://ita.example.go.th"
            )
        }
        if let given = variable("PRONGSAI_IDLE_TIMEOUT") {
            server.idleTimeout = try given.parse(Self.seconds, Self.secondsForm(example: "15"))
        }
        if let given = variable("PRONGSAI_SUBMISSIONS_PER_MINUTE") {
            server.submissionsPerMinute = try given.parse(
                Self.submissionsPerMinute, "a whole number from 1 to \(Self.maximumSubmissionsPerMinute), such as 120")
        }
        if let given = variable("PRONGSAI_TRUSTED_PROXIES") {
            server.trustedProxies = try given.parse(
                Self.addressRanges,
                "addresses or blocks of the reverse proxies, separated by commas, such as 127.0.0.1,10.0.0.0/8,::1"
                    + " (or none)")
        }
        if let given = variable("PRONGSAI_METRICS_TOKEN") {
            server.metricsToken = try given.parse(
                Self.word, "a token of visible characters without spaces (unset it to let only admins read metrics)",
                quoted: false)
        }
        if let given = variable("PRONGSAI_LOG_LEVEL") {
            server.logLevel = try given.parse(
                Self.logLevel, "one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return server
    }

    // MARK: Reading one value

    /// A value as given, and the option or variable that gave it.
    private struct Given {
        let text: String
        let source: String

        /// The value parsed by `parse`, or the error naming the source and `form`, the form expected; a secret
        /// (`quoted: false`) is not repeated in the message.
        func parse<Value>(_ parse: (String) -> Value?, _ form: String, quoted: Bool = true) throws -> Value {
            if let value = parse(text) { return value }
            let got =
                quoted
                ? String(reflecting: text) : text.isEmpty ? "an empty value" : "a value of \(text.count) characters"
            throw SettingError("\(source) must be \(form) (got \(got))")
        }
    }

    /// The option's value when it was given, else the variable's when it is set.
    private func given(_ value: String?, option: String, variable name: String) -> Given? {
        value.map { Given(text: $0, source: option) } ?? variable(name)
    }

    /// The variable's value when it is set, even to the empty string.
    private func variable(_ name: String) -> Given? {
        environment[name].map { Given(text: $0, source: name) }
    }

    // MARK: Strict parsers: nil for anything but the expected form

    static func path(_ text: String) -> String? {
        text.isEmpty || text.contains("\0") ? nil : text
    }

    /// A non-empty text without spaces or control characters: a host name, a token.
    static func word(_ text: String) -> String? {
        text.isEmpty || text.unicodeScalars.contains(where: Self.isSpaceOrControl) ? nil : text
    }

    static func port(_ text: String) -> Int? {
        guard let number = wholeNumber(text), (1...65535).contains(number) else { return nil }
        return number
    }

    static func publicURL(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: Self.isSpaceOrControl),
            let components = URLComponents(string: text),
            components.scheme == "http" || components.scheme == "https",
            text.hasPrefix("\(components.scheme!)://"),
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil,
            components.path.isEmpty || components.path == "/"
        else { return nil }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// A number of seconds above 0 and at most ``maximumSeconds``, with at most three decimals: `15`, `0.5`.
    static func seconds(_ text: String) -> Duration? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = wholeNumber(String(parts[0])), whole <= maximumSeconds else { return nil }
        var milliseconds = whole * 1000
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...3).contains(fraction.count), let digits = wholeNumber(String(fraction)) else { return nil }
            milliseconds += digits * [100, 10, 1][fraction.count - 1]
        }
        guard milliseconds > 0, milliseconds <= maximumSeconds * 1000 else { return nil }
        return .milliseconds(milliseconds)
    }

    static func secondsForm(example: String) -> String {
        "a number of seconds above 0 and at most \(maximumSeconds), with at most three decimals, such as \(example)"
    }

    static func submissionsPerMinute(_ text: String) -> Int? {
        guard let number = wholeNumber(text), (1...maximumSubmissionsPerMinute).contains(number) else { return nil }
        return number
    }

    /// Addresses and blocks separated by commas, or `none`.
    static func addressRanges(_ text: String) -> [AddressRange]? {
        guard text != "none" else { return [] }
        let ranges = text.split(separator: ",", omittingEmptySubsequences: false).map {
            AddressRange($0.trimmingCharacters(in: .whitespaces))
        }
        guard !ranges.isEmpty, ranges.allSatisfy({ $0 != nil }) else { return nil }
        return ranges.compactMap(\.self)
    }

    static func logLevel(_ text: String) -> Logger.Level? {
        Logger.Level(rawValue: text)
    }

    /// ASCII digits only (no sign, space or underscore), small enough for an `Int`.
    private static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}

/// A setting given in a form the program does not take; ArgumentParser prints the message and exits with 1.
struct SettingError: Error, CustomStringConvertible, Equatable {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
