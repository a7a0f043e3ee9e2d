import Hummingbird
import SurveyCore
import SurveyStore

/// The start page: the hosted agencies with links to their open forms, searchable without JavaScript.
struct HomeController: Sendable {
    let site: Site

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: index)
        router.get("healthz") { _, _ in "ok" }
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(query: request.uri.queryParameters["lang"])
        let query = String(request.uri.queryParameters["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let today = Day.today
        var entries: [HomeView.Entry] = []
        for agency in try await site.database.agencies() where Self.matches(agency, query) {
            let open = try await site.listing(slug: agency.slug)?.current(on: today)?.status == .open
            entries.append(
                HomeView.Entry(
                    name: language == .th ? agency.nameTh : agency.nameEn, slug: agency.slug, open: open,
                    langSuffix: language == .en ? "?lang=en" : ""))
        }
        let view = HomeView(
            lang: language.rawValue, t: language.strings, pageTitle: language.strings.siteName, query: query,
            entries: entries, empty: entries.isEmpty, switchHref: language == .th ? "/?lang=en" : "/",
            english: language == .en)
        return HTML.page(site.render("home", view))
    }

    /// Whether the search words all appear in the agency's names or slug.
    static func matches(_ agency: Agency, _ query: String) -> Bool {
        let haystack = "\(agency.nameTh) \(agency.nameEn) \(agency.slug)".lowercased()
        return query.lowercased().split(separator: " ").allSatisfy { haystack.contains($0) }
    }
}

/// The start page's view model.
struct HomeView: Sendable {
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let query: String
    let entries: [Entry]
    let empty: Bool
    let switchHref: String
    let english: Bool

    /// One agency in the list.
    struct Entry: Sendable {
        let name: String
        let slug: String
        let open: Bool
        let langSuffix: String
    }
}
