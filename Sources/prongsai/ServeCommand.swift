import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SurveyStore
import SurveyWeb

/// `prongsai serve`: runs the web server until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the web server (stops gracefully on Ctrl-C or SIGTERM).")

    @Option(help: "Address to listen on (default: $PRONGSAI_HOST or 127.0.0.1; 0.0.0.0 for every network).")
    var host: String?

    @Option(help: "Port to listen on (default: $PRONGSAI_PORT or 8080).")
    var port: Int?

    @Option(help: "The address people reach the server at (default: $PRONGSAI_PUBLIC_URL or http://localhost:8080).")
    var publicURL: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let port = port ?? environment["PRONGSAI_PORT"].flatMap { Int($0) } ?? 8080
        let publicURL = publicURL ?? environment["PRONGSAI_PUBLIC_URL"] ?? "http://localhost:8080"
        guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--public-url must be an http:// or https:// address")
        }
        _ = try webForms.catalog()
        var configuration = AppConfiguration(
            host: host ?? environment["PRONGSAI_HOST"] ?? "127.0.0.1", port: port,
            databasePath: store.resolvedPath, publicURL: publicURL, webFormsDirectory: try webForms.directory())
        if let seconds = environment["PRONGSAI_IDLE_TIMEOUT"].flatMap(Double.init), seconds > 0 {
            configuration.idleTimeout = .milliseconds(Int(seconds * 1000))
        }
        if let seconds = environment["PRONGSAI_BUSY_TIMEOUT"].flatMap(Double.init), seconds >= 0 {
            configuration.busyTimeout = .milliseconds(Int(seconds * 1000))
        }
        if let limit = environment["PRONGSAI_SUBMISSIONS_PER_MINUTE"].flatMap(Int.init), limit > 0 {
            configuration.submissionsPerMinute = limit
        }
        configuration.exemptLoopback = environment["PRONGSAI_LIMIT_LOOPBACK"] != "1"
        configuration.metricsToken = environment["PRONGSAI_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        // A full disk or a file-size limit should fail a write, which the forms answer with "try again",
        // rather than kill the server.
        signal(SIGXFSZ, SIG_IGN)
        var logger = Logger(label: "prongsai")
        logger.logLevel = environment["PRONGSAI_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let database = try AppDatabase.open(path: configuration.databasePath, busyTimeout: configuration.busyTimeout)
        let app = try await buildApplication(configuration, database: database, logger: logger)
        try await app.runService()
    }
}
