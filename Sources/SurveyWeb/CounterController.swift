import Hummingbird
import SurveyCore
import SurveyStore

/// The counter view, who to invite next: for a signed-in admin, and through a long random read-only link for the
/// screen at the counter, which needs no admin session and leads nowhere else.
struct CounterController: Sendable {
    let database: AppDatabase
    let releases: Releases
    let pages: Pages
    let bodies: RequestBodies
    let publicURL: PublicURL
    let clock: WallClock

    func addRoutes(public router: Router<AppRequestContext>, agency: RouterGroup<AgencyContext>) {
        agency.get(Route.counter.pattern, use: adminCounter)
        agency.post(Route.counterLinks.pattern, use: makeLink)
        agency.post(Route.counterLinkRevocation.pattern, use: revokeLink)
        router.get(Route.counterDisplay.pattern, use: display)
    }

    @Sendable func adminCounter(_ request: Request, context: AgencyContext) async throws -> Response {
        try await page(
            context.agency, path: SiteURL.counter(context.agency.slug).path,
            place: .admin(agencyPage: context.agency.archived ? nil : SiteURL.agency(context.agency.slug).path))
    }

    /// The counter view through a link; an unknown or revoked link is no page.
    @Sendable func display(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = context.parameters.get(Route.Parameter.token),
            let agency = try await database.agency(counterToken: token)
        else { throw PageError.notFound }
        return try await page(
            agency, path: SiteURL.counterDisplay(token).path,
            place: .link(refreshing: request.uri.queryParameters["refresh"] == "1"))
    }

    @Sendable func makeLink(_ request: Request, context: AgencyContext) async throws -> Response {
        _ = try await bodies.checked(request, context.signedIn)
        guard !context.agency.archived else { throw Self.archived }
        let (_, token) = try await database.makeCounterLink(
            agency: context.agency, on: clock.today,
            audit: AuditEntry(context.admin.username, .counterLinkMade, agency: context.agency.slug, at: clock.now))
        let view = CounterLinkView(
            frame: context.signedIn.frame, agencyName: context.agency.nameTh,
            address: publicURL.address(.counterDisplay(token)), back: SiteURL.agency(context.agency.slug).path)
        return HTML.page(pages.render(.adminCounterLink, view))
    }

    @Sendable func revokeLink(_ request: Request, context: AgencyContext) async throws -> Response {
        _ = try await bodies.checked(request, context.signedIn)
        guard let id = context.parameters.number(Route.Parameter.link),
            try await database.revokeCounterLink(
                id: id, agency: context.agency,
                audit: AuditEntry(
                    context.admin.username, .counterLinkRevoked, agency: context.agency.slug, at: clock.now))
        else { throw PageError.notFound }
        return HTML.redirect(to: SiteURL.agency(context.agency.slug).path)
    }

    /// A hidden agency's links open nothing, so none is made.
    private static let archived = PageError(
        .conflict,
        MessagePage(
            heading: LocalizedText(th: "หน่วยงานนี้ถูกซ่อนไว้", en: "This agency is archived"),
            text: LocalizedText(
                th: "ลิงก์หน้าจอเคาน์เตอร์ของหน่วยงานที่ซ่อนไว้จะเปิดไม่ได้ กรุณานำหน่วยงานกลับมาใช้ก่อน",
                en: "Counter links of an archived agency open nothing. Please bring the agency back first.")))

    /// The counter view of an agency's current round at `path`; through a link it reloads itself only when its
    /// address asks to (`?refresh=1`), so that nobody reading it has the page change under them unless they chose
    /// the screen mode. The admin's page never reloads itself.
    private func page(_ agency: Agency, path: String, place: CounterView.Place) async throws -> Response {
        guard let round = try await database.currentRound(agencyId: agency.id, on: clock.today) else {
            throw PageError.notFound
        }
        let view = CounterView(
            agency: agency, round: round, release: try await releases.release(of: round), now: clock.now,
            path: path, place: place)
        return HTML.page(pages.render(.adminCounter, view))
    }
}

/// A new counter link, shown once: the database keeps only its hash.
struct CounterLinkView: Sendable {
    let styles = Stylesheets()
    let pageTitle = "ลิงก์หน้าจอเคาน์เตอร์"
    let frame: AdminFrame
    let agencyName: String
    let address: String
    let back: String
}
