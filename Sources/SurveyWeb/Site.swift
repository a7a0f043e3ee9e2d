import Crypto
import Foundation
import Mustache
import QRCode
import SurveyCore
import SurveyStore
import Synchronization

/// What every controller shares: the store, the instruments, the templates, the public address and the caches.
final class Site: Sendable {
    let database: AppDatabase
    let catalog: InstrumentCatalog
    let templates: MustacheLibrary
    let publicURL: String
    let tokens: FormTokens
    let limiter: SubmissionLimiter
    let metrics = Metrics()
    let metricsToken: String?
    /// Cuts off request bodies that take longer than the idle timeout to arrive.
    let bodyDeadlines: BodyDeadlines
    private let formPages = Mutex<[FormPageKey: SlottedPage]>([:])
    private let listings = Mutex<[String: (listing: AgencyListing, loaded: ContinuousClock.Instant)]>([:])
    /// How long an agency and its rounds are served from memory; changes made with the command line show
    /// after this, changes made in the console at once.
    static let listingLifetime = Duration.seconds(2)
    private let qrCodes = Mutex<[String: QRImages]>([:])
    /// The recoded profile classes of closed periods, which never change (see `releasedClasses`).
    let periodClasses = Mutex<[ReleasedClassesKey: ReleasedClasses]>([:])

    init(
        database: AppDatabase, catalog: InstrumentCatalog, templates: MustacheLibrary, configuration: AppConfiguration
    ) async throws {
        self.database = database
        self.catalog = catalog
        self.templates = templates
        publicURL = configuration.publicURL
        tokens = FormTokens(key: database.secret)
        limiter = SubmissionLimiter(
            perMinute: configuration.submissionsPerMinute, exemptLoopback: configuration.exemptLoopback)
        metricsToken = configuration.metricsToken
        bodyDeadlines = BodyDeadlines(limit: configuration.idleTimeout)
    }

    /// Renders a template with a `Sendable` view model.
    func render(_ template: String, _ context: some Sendable) -> String {
        guard let html = templates.render(context, withTemplate: template) else {
            preconditionFailure("template \(template) is missing from WebForms/templates")
        }
        return html
    }

    /// An agency and its rounds, from memory while fresh: the public pages need no database read.
    func listing(slug: String) async throws -> AgencyListing? {
        let now = ContinuousClock.now
        if let cached = listings.withLock({ $0[slug] }), cached.loaded.duration(to: now) < Self.listingLifetime {
            return cached.listing
        }
        guard let agency = try await database.agency(slug: slug) else { return nil }
        let listing = AgencyListing(agency: agency, rounds: try await database.rounds(agencyId: agency.id!))
        listings.withLock { $0[slug] = (listing, now) }
        return listing
    }

    /// Drops the remembered agencies and rounds after the console changed one.
    func forgetListings() {
        listings.withLock { $0.removeAll() }
    }

    /// A form page from the cache, rendering it the first time.
    func formPage(_ key: FormPageKey, render: () -> SlottedPage) -> SlottedPage {
        if let page = formPages.withLock({ $0[key] }) { return page }
        let page = render()
        formPages.withLock { $0[key] = page }
        return page
    }

    /// The QR images of a URL, encoded once.
    func qrImages(for url: String) throws -> QRImages {
        if let images = qrCodes.withLock({ $0[url] }) { return images }
        let code = try QRCode(text: url)
        let images = QRImages(svg: code.svg(title: url), png: code.png(scale: 10))
        qrCodes.withLock { $0[url] = images }
        return images
    }

    /// The public address of a path such as `/demo/eit`.
    func publicAddress(_ path: String) -> String {
        publicURL + path
    }

    /// Makes the rows a round's submissions will write before its first answer comes (see `prepareRound`).
    func prepare(_ round: Round) async throws {
        let instruments = FormKind.allCases.compactMap { catalog.instrument($0, version: round.instrumentVersion($0)) }
        try await database.prepareRound(round.id!, instruments: instruments)
    }

    /// Prepares every round of every agency, for databases made before rounds were prepared.
    func prepareAllRounds() async throws {
        for agency in try await database.agencies() {
            for round in try await database.rounds(agencyId: agency.id!) { try await prepare(round) }
        }
    }
}

/// An agency with its rounds, as the public pages need them, and the round its forms serve today.
struct AgencyListing: Sendable {
    let agency: Agency
    let rounds: [Round]
    private let loadedOn: Day
    private let currentOnLoad: (round: Round, status: Round.Status)?

    init(agency: Agency, rounds: [Round], today: Day = .today) {
        self.agency = agency
        self.rounds = rounds
        loadedOn = today
        currentOnLoad = Round.current(among: rounds, on: today).map { ($0, $0.status(on: today)) }
    }

    /// The round the forms serve on `day` and where it stands; worked out once per listing for today.
    func current(on day: Day) -> (round: Round, status: Round.Status)? {
        if day == loadedOn { return currentOnLoad }
        return Round.current(among: rounds, on: day).map { ($0, $0.status(on: day)) }
    }

    func currentRound(on day: Day) -> Round? {
        current(on: day)?.round
    }
}

/// Which rendering of a form a cached page is.
struct FormPageKey: Hashable, Sendable {
    let roundId: Int64
    let form: FormKind
    let language: Language
    let agencyName: String
}

/// A QR code as both image types.
struct QRImages: Sendable {
    let svg: String
    let png: [UInt8]
}
