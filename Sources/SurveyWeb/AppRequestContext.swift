import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// The request context of every route: Hummingbird's core storage plus the peer address, which is used
/// for decisions only and never written down, and what the admin middleware found.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in admin, set by `AdminSessionMiddleware` on admin routes.
    var signedIn: SignedIn?
    /// The agency of an admin path, set by `AdminAccessMiddleware` once the admin may manage it.
    var agency: Agency?
    /// The round of an admin path with a year, set by `AdminAccessMiddleware`.
    var round: Round?
    /// Whether the request came as `HEAD` (answered as `GET` without the body): a page that writes down being read,
    /// such as printed slips or an export, does not when only asked for its headers.
    var isHead = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies larger than this are refused with 413.
    static let bodyLimit = 64 * 1024
    /// The limit of a signed-in admin's forms: a measures plan or official results written within their fields'
    /// limits in Thai, each character nine bytes once form-encoded, stay under it.
    static let adminBodyLimit = 1024 * 1024

    public var maxUploadSize: Int { Self.bodyLimit }

    /// The signed-in admin, of every agency when asked; the login page or a refusal otherwise.
    func requireAdmin(everyAgency: Bool = false) throws -> Admin {
        guard let admin = signedIn?.admin else { throw PageError.signIn }
        guard admin.managesAll || !everyAgency else { throw PageError.forbidden }
        return admin
    }
}

/// A context of the console's pages: the signed-in admin, and the body limit of every route.
protocol AdminPageContext: ChildRequestContext<AppRequestContext> {
    var signedIn: SignedIn { get }
    var isHead: Bool { get }
}

extension AdminPageContext {
    var admin: Admin { signedIn.admin }
    var maxUploadSize: Int { AppRequestContext.adminBodyLimit }
}

/// The context of a page for a signed-in admin; a request without a session is sent to the login page.
struct AdminContext: AdminPageContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let isHead: Bool

    init(context: AppRequestContext) throws {
        guard let signedIn = context.signedIn else { throw PageError.signIn }
        coreContext = context.coreContext
        self.signedIn = signedIn
        isHead = context.isHead
    }
}

/// The context of an agency's admin page: the admin may manage the agency (checked by `AdminAccessMiddleware`).
struct AgencyContext: AdminPageContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let isHead: Bool
    let agency: Agency

    init(context: AppRequestContext) throws {
        let admin = try AdminContext(context: context)
        // Only a route registered outside `AdminAccessMiddleware` meets this.
        guard let agency = context.agency else { throw PageError.serverError }
        coreContext = admin.coreContext
        signedIn = admin.signedIn
        isHead = admin.isHead
        self.agency = agency
    }
}

/// The context of a round's admin page: the admin may manage its agency (checked by `AdminAccessMiddleware`).
struct RoundContext: AdminPageContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let isHead: Bool
    let agency: Agency
    let round: Round

    init(context: AppRequestContext) throws {
        let agency = try AgencyContext(context: context)
        guard let round = context.round else { throw PageError.serverError }
        coreContext = agency.coreContext
        signedIn = agency.signedIn
        isHead = agency.isHead
        self.agency = agency.agency
        self.round = round
    }
}

/// Lets through only a signed-in admin who may manage the path's agency, and puts the agency, and for round pages
/// the round of the path's year, into the context; sends anyone else to the login page, refuses (403) an admin
/// of another agency, and answers 404 for an agency or round that does not exist.
struct AdminAccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    /// Whether the path's year names a round; an agency's pages of a year (official results and links, the report
    /// of official results, the measures plan) need none.
    var findsRound = true

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let admin = try context.requireAdmin()
        var context = context
        guard let slug = context.parameters.get(Route.Parameter.agency),
            let agency = try await database.agency(slug: slug)
        else { throw PageError.notFound }
        guard admin.manages(agencyId: agency.id) else { throw PageError.forbidden }
        context.agency = agency
        if findsRound, context.parameters.get(Route.Parameter.year) != nil {
            guard let year = context.parameters.number(Route.Parameter.year),
                let round = try await database.round(agencyId: agency.id, year: Int(year))
            else { throw PageError.notFound }
            context.round = round
        }
        return try await next(request, context)
    }
}

extension AgencyContext {
    /// The fiscal year of an agency page's path when it is one of `years`; the 404 page otherwise.
    func pathYear(in years: ClosedRange<Int> = RoundSettings.fiscalYears) throws -> Int {
        guard let year = parameters.number(Route.Parameter.year).map(Int.init), years.contains(year) else {
            throw PageError.notFound
        }
        return year
    }
}

/// Lets through only an admin of every agency: the pages that add agencies and admins and read the audit log.
struct EveryAgencyAccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        _ = try context.requireAdmin(everyAgency: true)
        return try await next(request, context)
    }
}
