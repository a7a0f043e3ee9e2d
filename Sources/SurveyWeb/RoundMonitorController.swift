import Hummingbird
import SurveyCore
import SurveyStore

/// Watching an agency's rounds: its list of rounds and the dashboard, from what each form's release may show.
struct RoundMonitorController: Sendable {
    let database: AppDatabase
    let releases: Releases
    let bursts: SubmissionBursts
    let pages: Pages
    let publicURL: PublicURL
    let clock: WallClock

    func addRoutes(agency: RouterGroup<AgencyContext>, round: RouterGroup<RoundContext>) {
        agency.get(Route.agency.pattern, use: agencyPage)
        round.get(Route.dashboard.pattern, use: dashboard)
    }

    @Sendable func agencyPage(_ request: Request, context: AgencyContext) async throws -> Response {
        let agency = context.agency
        var entries: [AgencyView.Entry] = []
        for round in try await database.rounds(agencyId: agency.id) {
            let tallies = try await database.tallies(roundId: round.id)
            entries.append(
                AgencyView.Entry(
                    summary: RoundSummary(round, today: clock.today).text,
                    dashboard: SiteURL.dashboard(agency.slug, round.fiscalYear).path,
                    settings: SiteURL.roundSettings(agency.slug, round.fiscalYear).path,
                    report: SiteURL.report(agency.slug, round.fiscalYear).path,
                    iit: releases.releasedCount(round, tallies.iit), eit: releases.releasedCount(round, tallies.eit)))
        }
        let links = try await database.counterLinks(agencyId: agency.id).map {
            AgencyView.CounterLinkEntry(
                madeOn: $0.madeOn.thai, revoke: SiteURL.counterLinkRevocation(agency.slug, $0.id).path)
        }
        let rounds = try await database.rounds(agencyId: agency.id).map(\.fiscalYear)
        let entered = try await database.officialResultYears(agencyId: agency.id)
        var official: [AgencyView.OfficialEntry] = []
        for year in Set(rounds + entered).sorted(by: >) {
            var status = "ยังไม่ได้บันทึก"
            if entered.contains(year), let results = try await database.officialResults(agencyId: agency.id, year: year)
            {
                status = "คะแนนรวม \(results.total?.formatted ?? "—") · \(results.level?.name.th ?? "ยังไม่มีระดับ")"
            }
            official.append(
                AgencyView.OfficialEntry(
                    year: year, status: status, href: SiteURL.officialResults(agency.slug, year).path))
        }
        var measures: [AgencyView.MeasuresEntry] = []
        for year in try await database.measuresPlanYears(agencyId: agency.id) {
            guard let plan = try await database.measuresPlan(agencyId: agency.id, year: year) else { continue }
            let followedUp = plan.rows.filter { !$0.output.isEmpty || !$0.outcome.isEmpty }.count
            measures.append(
                AgencyView.MeasuresEntry(
                    year: year, status: "\(plan.rows.count) มาตรการ · รายงานผลแล้ว \(followedUp)",
                    href: SiteURL.measures(agency.slug, year).path))
        }
        let view = AgencyView(
            pageTitle: "\(agency.nameTh) — โปร่งใส", frame: context.signedIn.frame, name: agency.nameTh,
            kind: agency.kind.label.th, archived: agency.archived, rounds: entries, hasRounds: !entries.isEmpty,
            newRound: SiteURL.newRound(agency.slug).path, counter: SiteURL.counter(agency.slug).path,
            counterLinks: links, makeCounterLink: SiteURL.counterLinks(agency.slug).path,
            publicEIT: publicURL.address(.form(agency.slug, .eit)),
            publicIIT: publicURL.address(.form(agency.slug, .iit)),
            officialLinks: SiteURL.officialLinks(agency.slug, clock.today.fiscalYear).path,
            officialYear: clock.today.fiscalYear, official: official,
            chooseOfficialYear: SiteURL.officialYears(agency.slug).path,
            suggestedOfficialYear: clock.today.fiscalYear - 1, measures: measures,
            chooseMeasuresYear: SiteURL.measuresYears(agency.slug).path, suggestedMeasuresYear: clock.today.fiscalYear)
        return HTML.page(pages.render(.adminAgency, view))
    }

    @Sendable func dashboard(_ request: Request, context: RoundContext) async throws -> Response {
        let round = context.round
        var codes: [(FormKind, AccessCodeCounts)] = []
        for form in round.settings.codedForms {
            codes.append((form, try await database.accessCodeCounts(roundId: round.id, form: form)))
        }
        let view = DashboardView(
            frame: context.signedIn.frame, agency: context.agency, round: round,
            release: try await releases.release(of: round), codes: codes,
            bursts: bursts.days(roundId: round.id, before: clock.today),
            losses: try await database.answerLosses().filter { $0.concerns(round) },
            digest: try await releases.digestLine(of: round), today: clock.today)
        return HTML.page(pages.render(.adminDashboard, view))
    }
}

/// The address people type or scan, without a trailing slash: QR codes, posters and the console's links to the
/// forms start with it.
struct PublicURL: Sendable {
    let base: String

    init(_ base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    func address(_ url: SiteURL) -> String {
        base + url.path
    }

    /// Whether cookies must carry `Secure`.
    var isSecure: Bool { base.hasPrefix("https://") }
}
