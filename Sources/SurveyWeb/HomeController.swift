import Hummingbird
import SurveyCore
import SurveyStore

/// The start page: the hosted agencies with links to their open forms, searchable without JavaScript.
struct HomeController: Sendable {
    let database: AppDatabase
    let directory: AgencyDirectory
    let pages: Pages

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(Route.home.pattern, use: index)
        router.get(Route.health.pattern) { _, _ in "ok" }
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(request)
        let query = String(request.uri.queryParameters["q"] ?? "").trimmingCharacters(in: .whitespaces)
        var entries: [HomeView.Entry] = []
        for agency in try await database.agencies() where Self.matches(agency, query) {
            let open = try await directory.listing(slug: agency.slug)?.current?.status == .open
            entries.append(
                HomeView.Entry(
                    name: agency.name(english: language == .en), open: open,
                    eit: SiteURL.form(agency.slug, .eit).path(language),
                    iit: SiteURL.form(agency.slug, .iit).path(language),
                    posterEIT: SiteURL.poster(agency.slug, .eit).path, posterIIT: SiteURL.poster(agency.slug, .iit).path
                ))
        }
        let view = HomeView(
            lang: language.rawValue, t: language.strings, pageTitle: language.strings.siteName, query: query,
            entries: entries, empty: entries.isEmpty, switchHref: SiteURL.home.path(language.other),
            english: language == .en)
        return HTML.page(pages.render(.home, view))
    }

    /// Whether the search words all appear in the agency's names or slug.
    static func matches(_ agency: Agency, _ query: String) -> Bool {
        let haystack = "\(agency.nameTh) \(agency.nameEn) \(agency.slug)".lowercased()
        return query.lowercased().split(separator: " ").allSatisfy { haystack.contains($0) }
    }
}

/// The start page's view model.
struct HomeView: Sendable {
    let styles = Stylesheets()
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let query: String
    let entries: [Entry]
    let empty: Bool
    let switchHref: String
    let english: Bool
    let search = SiteURL.home.path

    /// One agency in the list.
    struct Entry: Sendable {
        let name: String
        let open: Bool
        let eit: String
        let iit: String
        let posterEIT: String
        let posterIIT: String
    }
}
