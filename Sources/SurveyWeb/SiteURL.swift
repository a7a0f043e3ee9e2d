import Hummingbird
import SurveyCore

/// The server's addresses, in one table. A `SiteURL` is one address with its values, giving the path for links;
/// its `Route` gives the pattern the router matches. Pages get their links from here, never by joining strings.
public enum SiteURL: Hashable, Sendable {
    case home
    case health
    case stylesheet(Stylesheet)
    case form(String, FormKind)
    case formCode(String, FormKind)
    case formThanks(String, FormKind)
    case formReceived(String, FormKind)
    case favicon
    case qrSVG(String, FormKind)
    case qrPNG(String, FormKind)
    case poster(String, FormKind)
    case adminHome
    case login
    case logout
    case agencies
    case admins
    case adminDisabling
    case adminEnabling
    case passwordReset
    case ownPassword
    case agencyArchiving
    case agencyUnarchiving
    case audit
    case metrics
    case agency(String)
    case counter(String)
    case counterDisplay(String)
    case counterLinks(String)
    case counterLinkRevocation(String, Int64)
    case newRound(String)
    case rounds(String)
    case dashboard(String, Int)
    case roundSettings(String, Int)
    case report(String, Int)
    case reportDOCX(String, Int)
    case exportCSV(String, Int, FormKind)
    case exportJSON(String, Int, FormKind)
    case codes(String, Int)
    case codeSlips(String, Int, Int64)
    case codeWithdrawal(String, Int, Int64)
    case officialLinks(String, Int)
    case officialPoster(String, Int, FormKind)
    case officialQRPNG(String, Int, FormKind)
    case officialYears(String)
    case officialResults(String, Int)
    case measuresYears(String)
    case measures(String, Int)
    case measuresDraft(String, Int)
    case measuresPrint(String, Int)
    case measuresDocx(String, Int)
    case followUp(String, Int)
    case followUpPrint(String, Int)
    case followUpDocx(String, Int)
    case officialReport(String, Int)
    case officialReportDOCX(String, Int)
    case improvements(String, Int)

    /// The style sheets the pages link to.
    public enum Stylesheet: String, Sendable {
        case site = "prongsai.css"
        case admin = "admin.css"
    }

    /// The route of the address and the values that fill its parameters.
    private var parts: (route: Route, values: Route.Values) {
        switch self {
        case .home: (.home, .init())
        case .health: (.health, .init())
        case .stylesheet(let sheet): (.staticFile, .init(file: sheet.rawValue))
        case .form(let slug, let form): (.form, .init(agency: slug, form: form))
        case .formCode(let slug, let form): (.formCode, .init(agency: slug, form: form))
        case .formThanks(let slug, let form): (.formThanks, .init(agency: slug, form: form))
        case .formReceived(let slug, let form): (.formReceived, .init(agency: slug, form: form))
        case .favicon: (.staticFile, .init(file: Self.faviconFile))
        case .qrSVG(let slug, let form): (.qrSVG, .init(agency: slug, form: form))
        case .qrPNG(let slug, let form): (.qrPNG, .init(agency: slug, form: form))
        case .poster(let slug, let form): (.poster, .init(agency: slug, form: form))
        case .adminHome: (.adminHome, .init())
        case .login: (.login, .init())
        case .logout: (.logout, .init())
        case .agencies: (.agencies, .init())
        case .admins: (.admins, .init())
        case .adminDisabling: (.adminDisabling, .init())
        case .adminEnabling: (.adminEnabling, .init())
        case .passwordReset: (.passwordReset, .init())
        case .ownPassword: (.ownPassword, .init())
        case .agencyArchiving: (.agencyArchiving, .init())
        case .agencyUnarchiving: (.agencyUnarchiving, .init())
        case .audit: (.audit, .init())
        case .metrics: (.metrics, .init())
        case .agency(let slug): (.agency, .init(agency: slug))
        case .counter(let slug): (.counter, .init(agency: slug))
        case .counterDisplay(let token): (.counterDisplay, .init(token: token))
        case .counterLinks(let slug): (.counterLinks, .init(agency: slug))
        case .counterLinkRevocation(let slug, let link): (.counterLinkRevocation, .init(agency: slug, link: link))
        case .newRound(let slug): (.newRound, .init(agency: slug))
        case .rounds(let slug): (.rounds, .init(agency: slug))
        case .dashboard(let slug, let year): (.dashboard, .init(agency: slug, year: year))
        case .roundSettings(let slug, let year): (.roundSettings, .init(agency: slug, year: year))
        case .report(let slug, let year): (.report, .init(agency: slug, year: year))
        case .reportDOCX(let slug, let year): (.reportDOCX, .init(agency: slug, year: year))
        case .exportCSV(let slug, let year, let form): (.exportCSV, .init(agency: slug, year: year, form: form))
        case .exportJSON(let slug, let year, let form): (.exportJSON, .init(agency: slug, year: year, form: form))
        case .codes(let slug, let year): (.codes, .init(agency: slug, year: year))
        case .codeSlips(let slug, let year, let batch): (.codeSlips, .init(agency: slug, year: year, batch: batch))
        case .codeWithdrawal(let slug, let year, let batch):
            (.codeWithdrawal, .init(agency: slug, year: year, batch: batch))
        case .officialLinks(let slug, let year): (.officialLinks, .init(agency: slug, year: year))
        case .officialPoster(let slug, let year, let form):
            (.officialPoster, .init(agency: slug, year: year, form: form))
        case .officialQRPNG(let slug, let year, let form): (.officialQRPNG, .init(agency: slug, year: year, form: form))
        case .officialYears(let slug): (.officialYears, .init(agency: slug))
        case .officialResults(let slug, let year): (.officialResults, .init(agency: slug, year: year))
        case .measuresYears(let slug): (.measuresYears, .init(agency: slug))
        case .measures(let slug, let year): (.measures, .init(agency: slug, year: year))
        case .measuresDraft(let slug, let year): (.measuresDraft, .init(agency: slug, year: year))
        case .measuresPrint(let slug, let year): (.measuresPrint, .init(agency: slug, year: year))
        case .measuresDocx(let slug, let year): (.measuresDocx, .init(agency: slug, year: year))
        case .followUp(let slug, let year): (.followUp, .init(agency: slug, year: year))
        case .followUpPrint(let slug, let year): (.followUpPrint, .init(agency: slug, year: year))
        case .followUpDocx(let slug, let year): (.followUpDocx, .init(agency: slug, year: year))
        case .officialReport(let slug, let year): (.officialReport, .init(agency: slug, year: year))
        case .officialReportDOCX(let slug, let year): (.officialReportDOCX, .init(agency: slug, year: year))
        case .improvements(let slug, let year): (.improvements, .init(agency: slug, year: year))
        }
    }

    var route: Route { parts.route }

    /// The path, with the query an address carries (the form of an export).
    var path: String {
        let (route, values) = parts
        return route.path(values) + (values.form.map { route.takesFormQuery ? "?form=\($0.rawValue)" : "" } ?? "")
    }

    /// The icon every page links to, served with the style sheets.
    static let faviconFile = "favicon.svg"

    /// The path of a public page in a language, which the page's links carry so that a choice made once outranks
    /// the browser's `Accept-Language` on every page after it.
    func path(_ language: Language) -> String {
        path + "?lang=" + language.rawValue
    }

    /// The path with one query parameter added.
    func path(query name: String, _ value: String) -> String {
        path + (path.contains("?") ? "&" : "?") + name + "=" + value
    }

    /// Every literal word any route uses: an agency may not take one as its slug, since `/admin/{slug}` and
    /// `/{slug}/…` must never be read as another page.
    public static let reservedSlugs: Set<String> = Set(
        Route.allCases.flatMap { route in
            route.segments.compactMap { segment in
                if case .literal(let word) = segment { return word }
                return nil
            }
        })
}

/// One route of the router: the pattern of its path.
enum Route: CaseIterable, Sendable {
    case home, health, staticFile
    case form, formCode, formThanks, formReceived, qrSVG, qrPNG, poster
    case adminHome, login, logout, agencies, admins, audit, metrics
    case adminDisabling, adminEnabling, passwordReset, ownPassword, agencyArchiving, agencyUnarchiving
    case agency, counter, counterDisplay, counterLinks, counterLinkRevocation, newRound, rounds
    case dashboard, roundSettings, report, reportDOCX, exportCSV, exportJSON, codes, codeSlips, codeWithdrawal
    case officialLinks, officialPoster, officialQRPNG, officialYears, officialResults
    case measuresYears, measures, measuresDraft, measuresPrint, measuresDocx, followUp, followUpPrint, followUpDocx
    case officialReport, officialReportDOCX, improvements

    /// A part of a path: a fixed word or a parameter.
    enum Segment: Equatable {
        case literal(String)
        case agency, form, year, batch, file, token, link
    }

    /// The values of an address's parameters.
    struct Values {
        var agency: String?
        var year: Int?
        var form: FormKind?
        var batch: Int64?
        var file: String?
        var token: String?
        var link: Int64?
    }

    /// The parameter names the router and the handlers share.
    enum Parameter {
        static let agency = "agency"
        static let form = "form"
        static let year = "year"
        static let batch = "batch"
        static let file = "file"
        static let token = "token"
        static let link = "link"
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .health: [.literal("healthz")]
        case .staticFile: [.literal(Self.staticFolder), .file]
        case .form: [.agency, .form]
        case .formCode: [.agency, .form, .literal("code")]
        case .formThanks: [.agency, .form, .literal("thanks")]
        case .formReceived: [.agency, .form, .literal("received")]
        case .qrSVG: [.agency, .form, .literal("qr.svg")]
        case .qrPNG: [.agency, .form, .literal("qr.png")]
        case .poster: [.agency, .form, .literal("poster")]
        case .adminHome: [.literal("admin")]
        case .login: [.literal("admin"), .literal("login")]
        case .logout: [.literal("admin"), .literal("logout")]
        case .agencies: [.literal("admin"), .literal("agencies")]
        case .admins: [.literal("admin"), .literal("admins")]
        case .adminDisabling: [.literal("admin"), .literal("admins"), .literal("disable")]
        case .adminEnabling: [.literal("admin"), .literal("admins"), .literal("enable")]
        case .passwordReset: [.literal("admin"), .literal("admins"), .literal("password")]
        case .ownPassword: [.literal("admin"), .literal("password")]
        case .agencyArchiving: [.literal("admin"), .literal("agencies"), .literal("archive")]
        case .agencyUnarchiving: [.literal("admin"), .literal("agencies"), .literal("unarchive")]
        case .audit: [.literal("admin"), .literal("audit")]
        case .metrics: [.literal("admin"), .literal("metrics")]
        case .agency: [.literal("admin"), .agency]
        case .counter: [.literal("admin"), .agency, .literal("counter")]
        case .counterDisplay: [.literal("counter"), .token]
        case .counterLinks: [.literal("admin"), .agency, .literal("counter-links")]
        case .counterLinkRevocation: [.literal("admin"), .agency, .literal("counter-links"), .link, .literal("revoke")]
        case .newRound: [.literal("admin"), .agency, .literal("rounds"), .literal("new")]
        case .rounds: [.literal("admin"), .agency, .literal("rounds")]
        case .dashboard: [.literal("admin"), .agency, .year]
        case .roundSettings: [.literal("admin"), .agency, .year, .literal("edit")]
        case .report: [.literal("admin"), .agency, .year, .literal("report")]
        case .reportDOCX: [.literal("admin"), .agency, .year, .literal("report.docx")]
        case .exportCSV: [.literal("admin"), .agency, .year, .literal("export.csv")]
        case .exportJSON: [.literal("admin"), .agency, .year, .literal("export.json")]
        case .codes: [.literal("admin"), .agency, .year, .literal("codes")]
        case .codeSlips: [.literal("admin"), .agency, .year, .literal("codes"), .batch, .literal("slips")]
        case .codeWithdrawal: [.literal("admin"), .agency, .year, .literal("codes"), .batch, .literal("withdraw")]
        case .officialLinks: [.literal("admin"), .agency, .literal("itas"), .year]
        case .officialPoster: [.literal("admin"), .agency, .literal("itas"), .year, .form, .literal("poster")]
        case .officialQRPNG: [.literal("admin"), .agency, .literal("itas"), .year, .form, .literal("qr.png")]
        case .officialYears: [.literal("admin"), .agency, .literal("official")]
        case .officialResults: [.literal("admin"), .agency, .literal("official"), .year]
        case .measuresYears: [.literal("admin"), .agency, .literal("measures")]
        case .measures: [.literal("admin"), .agency, .literal("measures"), .year]
        case .measuresDraft: [.literal("admin"), .agency, .literal("measures"), .year, .literal("draft")]
        case .measuresPrint: [.literal("admin"), .agency, .literal("measures"), .year, .literal("print")]
        case .measuresDocx: [.literal("admin"), .agency, .literal("measures"), .year, .literal("measures.docx")]
        case .followUp: [.literal("admin"), .agency, .literal("measures"), .year, .literal("follow-up")]
        case .followUpPrint:
            [.literal("admin"), .agency, .literal("measures"), .year, .literal("follow-up"), .literal("print")]
        case .followUpDocx: [.literal("admin"), .agency, .literal("measures"), .year, .literal("follow-up.docx")]
        case .officialReport: [.literal("admin"), .agency, .literal("official"), .year, .literal("report")]
        case .officialReportDOCX:
            [.literal("admin"), .agency, .literal("official"), .year, .literal("report.docx")]
        case .improvements: [.literal("admin"), .agency, .literal("analysis"), .year, .literal("improvements")]
        }
    }

    /// The folder the style sheets are served from, as `/static/prongsai.css`.
    static let staticFolder = "static"

    /// The path the static files are served under.
    static var staticPath: String { "/" + staticFolder }

    /// Whether the form is a query parameter rather than a part of the path.
    var takesFormQuery: Bool { self == .exportCSV || self == .exportJSON }

    /// The pattern the router matches, such as `/admin/:agency/:year/codes`.
    var pattern: RouterPath {
        RouterPath(
            "/"
                + segments.map { segment in
                    switch segment {
                    case .literal(let word): word
                    case .agency: ":\(Parameter.agency)"
                    case .form: ":\(Parameter.form)"
                    case .year: ":\(Parameter.year)"
                    case .batch: ":\(Parameter.batch)"
                    case .file: ":\(Parameter.file)"
                    case .token: ":\(Parameter.token)"
                    case .link: ":\(Parameter.link)"
                    }
                }.joined(separator: "/"))
    }

    /// The path with the parameters filled in.
    func path(_ values: Values) -> String {
        "/"
            + segments.map { segment in
                switch segment {
                case .literal(let word): word
                case .agency: values.agency ?? ""
                case .form: values.form?.rawValue ?? ""
                case .year: values.year.map(String.init) ?? ""
                case .batch: values.batch.map(String.init) ?? ""
                case .file: values.file ?? ""
                case .token: values.token ?? ""
                case .link: values.link.map(String.init) ?? ""
                }
            }.joined(separator: "/")
    }
}

extension Route {
    /// The route a request path names, by its words: a fixed word counts before a parameter; nil for none. Every
    /// request is counted under its route, so the table is read from a list made once.
    static func matching(_ path: String) -> Route? {
        let parts = path.split(separator: "/")
        if parts.first.map({ $0 == staticFolder }) == true { return .staticFile }
        var best: (route: Route, literals: Int)?
        for (route, segments, literals) in byWords
        where segments.count == parts.count && literals > (best?.literals ?? -1) {
            let fits = zip(segments, parts).allSatisfy { segment, part in
                if case .literal(let word) = segment { return word == part }
                return true
            }
            if fits { best = (route, literals) }
        }
        return best?.route
    }

    /// Whether a request path is the console's, where failures are logged and every request is.
    static func isAdmin(_ path: String) -> Bool {
        path == consolePath || path.hasPrefix(consolePrefix)
    }

    private static let consolePath = Route.adminHome.path(Values())
    private static let consolePrefix = consolePath + "/"

    /// Each route with its segments and how many of them are fixed words.
    private static let byWords: [(Route, [Segment], Int)] = allCases.map { route in
        (route, route.segments, route.segments.filter { if case .literal = $0 { true } else { false } }.count)
    }
}

extension Parameters {
    /// A number parameter as a number is written: one address per page, so `02570` or `+5` names no page.
    func number(_ name: String) -> Int64? {
        guard let typed = get(name), let value = Int64(typed), String(value) == typed else { return nil }
        return value
    }
}
