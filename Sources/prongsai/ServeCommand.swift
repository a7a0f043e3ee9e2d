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

    @Option(
        help: """
            Address to listen on (default: $PRONGSAI_HOST or \(Settings.defaultHost); 0.0.0.0 for every network).
            """)
    var host: String?

    @Option(help: "Port to listen on, 1 to 65535 (default: $PRONGSAI_PORT or \(Settings.defaultPort)).")
    var port: String?

    @Option(
        help: """
            The http(s) address people reach the server at (default: $PRONGSAI_PUBLIC_URL or \
            \(Settings.defaultPublicURL)).
            """)
    var publicURL: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var webForms: WebFormsOptions

    func run() async throws {
        // Every setting is read, and refused when malformed, before anything is opened or started.
        let settings = Settings.process
        let server = try settings.server(host: host, port: port, publicURL: publicURL)
        let store = try self.store.settings(settings)
        let webFormsDirectory = try webForms.directory(settings)
        _ = try WebFormsOptions.catalog(in: webFormsDirectory)
        var configuration = AppConfiguration(
            host: server.host, port: server.port, publicURL: server.publicURL, webFormsDirectory: webFormsDirectory)
        configuration.idleTimeout = server.idleTimeout
        configuration.submissionsPerMinute = server.submissionsPerMinute
        configuration.trustedProxies = server.trustedProxies
        configuration.metricsToken = server.metricsToken
        // A full disk or a file-size limit should fail a write, which the forms answer with "try again",
        // rather than kill the server.
        signal(SIGXFSZ, SIG_IGN)
        var logger = Logger(label: "prongsai")
        logger.logLevel = server.logLevel
        let database = try store.open(logger: logger)
        let app = try await buildApplication(configuration, database: database, logger: logger)
        try await app.runService()
    }
}
