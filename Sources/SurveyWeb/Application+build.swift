import Foundation
import Hummingbird
import Logging
import Mustache
import SurveyCore
import SurveyStore

/// Builds the Prongsai web application over an opened database: loads instruments and templates, and wires the
/// routes; `clock` is where every page reads the day.
public func buildApplication(
    _ configuration: AppConfiguration, database: AppDatabase, clock: WallClock = .system, logger: Logger? = nil
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "prongsai")
    logger[metadataKey: "service"] = "web"
    let site = try await Site(
        database: database,
        catalog: try InstrumentCatalog(
            directory: configuration.webFormsDirectory.appendingPathComponent("instruments")),
        templates: try await MustacheLibrary(
            directory: configuration.webFormsDirectory.appendingPathComponent("templates").path),
        configuration: configuration)
    try await database.forgetSpentTokens(before: Day.today.adding(days: -(FormTokens.validDays + 1)))
    try await site.prepareAllRounds()
    // After a crash the log may still hold the order of the last writes; if another program holds the
    // database just now, the service below erases it a second later.
    _ = try? await database.eraseWriteOrder()
    let router = buildRouter(
        site: site, staticDirectory: configuration.webFormsDirectory.appendingPathComponent("static"), logger: logger)
    let idle = configuration.idleTimeout.components
    let idleNanoseconds = idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(idleNanoseconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "prongsai"),
        services: [WriteOrderService(database: database)],
        logger: logger)
}

/// The routes and middleware, in the order a request meets them.
func buildRouter(site: Site, staticDirectory: URL, logger: Logger) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: MetricsMiddleware(metrics: site.metrics))
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: site.publicURL.hasPrefix("https://")))
    router.add(middleware: ErrorPageMiddleware(site: site, logger: logger))
    // Form routes answer an unknown path with a 404 page, so the files are looked up after them.
    router.add(
        middleware: FileMiddleware(
            staticDirectory.path, urlBasePath: "/static", cacheControl: .init([(.textCss, [.public, .maxAge(3600)])]),
            searchForIndexHtml: false, logger: logger
        ).withServeOnNotFoundResponse())
    let admin = router.group("admin").add(middleware: AdminSessionMiddleware(site: site))
    AuthController(site: site).addRoutes(to: admin)
    ExportController(site: site).addRoutes(to: admin)
    CodesController(site: site).addRoutes(to: admin)
    AdminController(site: site).addRoutes(to: admin)
    HomeController(site: site).addRoutes(to: router)
    FormController(site: site).addRoutes(to: router)
    PosterController(site: site).addRoutes(to: router)
    return router
}
