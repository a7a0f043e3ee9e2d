import Foundation
import Hummingbird
import Logging
import SurveyCore
import SurveyStore

/// Builds the Prongsai web application over an opened database: loads instruments and templates (refusing to
/// start when one is missing), and wires the routes; `clock` is where every page reads the day.
public func buildApplication(
    _ configuration: AppConfiguration, database: AppDatabase, clock: WallClock = .system, logger: Logger? = nil
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "prongsai")
    logger[metadataKey: "service"] = "web"
    let catalog = try InstrumentCatalog(
        directory: configuration.webFormsDirectory.appendingPathComponent("instruments"))
    let pages = try await Pages(directory: configuration.webFormsDirectory.appendingPathComponent("templates"))
    try checkFormTemplate(pages, catalog: catalog)
    let rounds = RoundService(database: database, catalog: catalog)
    try await rounds.prepareAllRounds()
    for agency in try await database.agencies(includingArchived: true) where SiteURL.reservedSlugs.contains(agency.slug)
    {
        logger.warning(
            "the agency \(agency.slug) has a slug that one of the server's own addresses uses: its console pages cannot be reached"
        )
    }
    // After a crash the log may still hold the order of the last writes; if another program holds the
    // database just now, the service below erases it a second later.
    _ = try? await database.eraseWriteOrder()
    let files = try StaticFiles(directory: configuration.webFormsDirectory.appendingPathComponent("static"))
    let parts = Dependencies(
        database: database, catalog: catalog, rounds: rounds, pages: pages, files: files, configuration: configuration,
        clock: clock, logger: logger)
    let router = buildRouter(parts)
    let idle = configuration.idleTimeout.components
    let idleNanoseconds = idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000
    return Application(
        responder: CanonicalRequests(
            next: router.buildResponder(), pages: pages, strictTransport: parts.publicURL.isSecure),
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(idleNanoseconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "prongsai"),
        services: [
            WriteOrderService(database: database), parts.bodies.deadlines,
            PeriodicService.spentTokens(database, clock: clock, logger: logger),
            PeriodicService.idleSessions(database, clock: clock, logger: logger),
            PeriodicService.acknowledgedCount(database, logger: logger),
            LoginAuditService(database: database, loginAudit: parts.loginAudit, clock: clock, logger: logger),
        ],
        logger: logger)
}

/// What the controllers are made from: each takes exactly the parts it uses.
struct Dependencies {
    let database: AppDatabase
    let catalog: InstrumentCatalog
    let rounds: RoundService
    let pages: Pages
    let publicURL: PublicURL
    let clock: WallClock
    let logger: Logger
    let files: StaticFiles
    let bodies: RequestBodies
    let tokens: FormTokens
    let limiter: AddressLimiter
    /// Sign-ins per client address, so that one machine's flood does not fill the password checks' queue.
    let signInLimiter = AddressLimiter(perMinute: AuthController.signInsPerAddressPerMinute)
    let trustedProxies: [AddressRange]
    let bursts = SubmissionBursts()
    let loginAudit = LoginAudit()
    let loginThrottle = LoginThrottle()
    let metrics = Metrics()
    let metricsToken: String?
    let directory: AgencyDirectory
    let releases: Releases
    let qrCodes = QRCodes()

    init(
        database: AppDatabase, catalog: InstrumentCatalog, rounds: RoundService, pages: Pages, files: StaticFiles,
        configuration: AppConfiguration, clock: WallClock, logger: Logger
    ) {
        self.database = database
        self.catalog = catalog
        self.rounds = rounds
        self.pages = pages
        publicURL = PublicURL(configuration.publicURL)
        self.clock = clock
        self.logger = logger
        self.files = files
        bodies = RequestBodies(deadlines: BodyDeadlines(limit: configuration.idleTimeout))
        tokens = FormTokens(key: database.secret)
        limiter = AddressLimiter(perMinute: configuration.submissionsPerMinute)
        trustedProxies = configuration.trustedProxies
        metricsToken = configuration.metricsToken
        directory = AgencyDirectory(database: database, clock: clock)
        releases = Releases(database: database, catalog: catalog, clock: clock)
    }
}

/// The routes and middleware, in the order a request meets them. Admin pages are grouped by what they need:
/// a signed-in admin, an admin of every agency, or an admin of the path's agency (and round).
func buildRouter(_ parts: Dependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: parts.logger))
    router.add(middleware: MetricsMiddleware(metrics: parts.metrics))
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: parts.publicURL.isSecure))
    // Outside the error pages, so that a 404 page is compressed like any other.
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: parts.pages, logger: parts.logger))
    let files = parts.files
    router.get(Route.staticFile.pattern) { request, context in
        try files.response(request, name: context.parameters.get(Route.Parameter.file) ?? "")
    }

    let admin = router.group().add(
        middleware: AdminSessionMiddleware(database: parts.database, key: parts.tokens.key, clock: parts.clock))
    let signedIn = admin.group(context: AdminContext.self)
    let everyAgency = admin.group().add(middleware: EveryAgencyAccessMiddleware()).group(context: AdminContext.self)
    let agency = admin.group().add(middleware: AdminAccessMiddleware(database: parts.database, findsRound: false))
        .group(context: AgencyContext.self)
    let round = admin.group().add(middleware: AdminAccessMiddleware(database: parts.database))
        .group(context: RoundContext.self)

    let auth = AuthController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies, key: parts.tokens.key, clock: parts.clock,
        secureCookies: parts.publicURL.isSecure, throttle: parts.loginThrottle, loginAudit: parts.loginAudit,
        addressLimiter: parts.signInLimiter, trustedProxies: parts.trustedProxies)
    auth.addRoutes(to: admin)
    auth.addSignedInRoutes(to: signedIn)
    MetricsController(metrics: parts.metrics, token: parts.metricsToken).addRoutes(to: admin)
    ConsoleController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies, releases: parts.releases, clock: parts.clock
    ).addRoutes(signedIn: signedIn, everyAgency: everyAgency)
    AdminAccountsController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies, clock: parts.clock,
        secureCookies: parts.publicURL.isSecure, throttle: parts.loginThrottle, loginAudit: parts.loginAudit
    ).addRoutes(signedIn: signedIn, everyAgency: everyAgency)
    RoundSettingsController(
        rounds: parts.rounds, catalog: parts.catalog,
        pages: parts.pages, bodies: parts.bodies, clock: parts.clock
    ).addRoutes(agency: agency, round: round)
    RoundMonitorController(
        database: parts.database, releases: parts.releases, bursts: parts.bursts, pages: parts.pages,
        publicURL: parts.publicURL, clock: parts.clock
    ).addRoutes(agency: agency, round: round)
    CounterController(
        database: parts.database, releases: parts.releases, pages: parts.pages, bodies: parts.bodies,
        publicURL: parts.publicURL, clock: parts.clock
    ).addRoutes(public: router, agency: agency)
    let reports = AnalysisReports(database: parts.database, releases: parts.releases, catalog: parts.catalog)
    AnalysisReportController(reports: reports, database: parts.database, pages: parts.pages, clock: parts.clock)
        .addRoutes(agency: agency, round: round)
    ImprovementsController(
        reports: reports, database: parts.database, pages: parts.pages, bodies: parts.bodies, clock: parts.clock
    ).addRoutes(to: agency)
    ExportController(database: parts.database, catalog: parts.catalog, clock: parts.clock).addRoutes(to: round)
    OfficialResultsController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies, clock: parts.clock
    ).addRoutes(to: agency)
    MeasuresController(
        database: parts.database, releases: parts.releases, catalog: parts.catalog, pages: parts.pages,
        bodies: parts.bodies, clock: parts.clock
    ).addRoutes(to: agency)
    CodesController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies,
        publicURL: parts.publicURL, clock: parts.clock
    ).addRoutes(to: round)
    OfficialLinksController(
        database: parts.database, pages: parts.pages, bodies: parts.bodies, qrCodes: parts.qrCodes, clock: parts.clock
    ).addRoutes(to: agency)

    HomeController(database: parts.database, directory: parts.directory, pages: parts.pages).addRoutes(to: router)
    FormController(
        directory: parts.directory, catalog: parts.catalog, database: parts.database, pages: parts.pages,
        formPages: FormPages(pages: parts.pages), bodies: parts.bodies, tokens: parts.tokens, limiter: parts.limiter,
        trustedProxies: parts.trustedProxies, bursts: parts.bursts, metrics: parts.metrics,
        secureCookies: parts.publicURL.isSecure,
        clock: parts.clock
    ).addRoutes(to: router)
    PosterController(
        directory: parts.directory, catalog: parts.catalog, pages: parts.pages, qrCodes: parts.qrCodes,
        publicURL: parts.publicURL
    ).addRoutes(to: router)
    return router
}

/// The form template must have exactly one place for the token, or every answer would be refused.
private func checkFormTemplate(_ pages: Pages, catalog: InstrumentCatalog) throws {
    for instrument in catalog.instruments {
        let page = FormPages(pages: pages).render(
            agency: Agency(id: 0, slug: "check", nameTh: "", nameEn: "", kind: .other), instrument: instrument,
            language: .th)
        guard page.count(of: .token) == 1 else {
            throw TemplateProblem(name: Template.form.rawValue, problem: "needs the token's place {{{tokenSlot}}} once")
        }
    }
}
