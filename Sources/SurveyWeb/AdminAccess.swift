import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// A response that ends a request early: a redirect to the login, a refusal, a missing page.
struct PageResponse: Error {
    let response: Response
}

/// The frame every admin page shares: who is signed in and the CSRF token of their forms.
struct AdminFrame: Sendable {
    let adminName: String
    let managesAll: Bool
    let csrf: String
}

extension Site {
    /// The signed-in admin, or a redirect to the login page.
    func requireAdmin(_ context: AppRequestContext) throws -> Admin {
        guard let admin = context.admin else { throw PageResponse(response: HTML.redirect(to: "/admin/login")) }
        return admin
    }

    /// The signed-in admin of every agency, or a refusal.
    func requireAllAdmin(_ context: AppRequestContext) throws -> Admin {
        let admin = try requireAdmin(context)
        guard admin.managesAll else { throw PageResponse(response: forbidden()) }
        return admin
    }

    /// The agency of the `:agency` path if the signed-in admin manages it; 404 or 403 otherwise.
    func managedAgency(_ context: AppRequestContext) async throws -> (Admin, Agency) {
        let admin = try requireAdmin(context)
        guard let slug = context.parameters.get("agency"), let agency = try await database.agency(slug: slug) else {
            throw PageResponse(response: messageResponse(.notFound, status: .notFound))
        }
        guard admin.manages(agencyId: agency.id!) else { throw PageResponse(response: forbidden()) }
        return (admin, agency)
    }

    /// The agency and round of the `:agency/:year` path, checked as `managedAgency`.
    func managedRound(_ context: AppRequestContext) async throws -> (Admin, Agency, Round) {
        let (admin, agency) = try await managedAgency(context)
        guard let year = context.parameters.get("year", as: Int.self),
            let round = try await database.round(agencyId: agency.id!, year: year)
        else { throw PageResponse(response: messageResponse(.notFound, status: .notFound)) }
        return (admin, agency, round)
    }

    func frame(_ admin: Admin, _ context: AppRequestContext) -> AdminFrame {
        AdminFrame(adminName: admin.username, managesAll: admin.managesAll, csrf: csrfToken(context))
    }

    /// The line that names a round's digest, for the dashboard and the report, once the round has closed. While
    /// it collects, the digest changes with every answer, and a page polled for it would date each one; the
    /// operator's `prongsai verify` prints it at any time.
    func digestLine(of round: Round, today: Day = .today) async throws -> String {
        guard case .closed = round.status(on: today) else {
            return "ลายนิ้วมือข้อมูล (digest) ของคำตอบทั้งหมดจะแสดงเมื่อปิดรับคำตอบแล้ว"
        }
        let digest = try await database.digest(roundId: round.id!)
        return "ลายนิ้วมือข้อมูล (digest) ของคำตอบทั้งหมด: \(digest.fingerprint)"
    }

    /// What the console may show of a round: each form's release and the result scored from released answers only.
    func release(of round: Round, today: Day = .today) async throws -> RoundRelease {
        guard let iit = catalog.instrument(.iit, version: round.iitInstrument),
            let eit = catalog.instrument(.eit, version: round.eitInstrument)
        else { throw PageResponse(response: messageResponse(.serverError, status: .internalServerError)) }
        // The released tallies count the days of the closed periods only, cut from the daily counts read in the
        // same transaction, so no page reads the responses themselves.
        let (tallies, released) = try await database.tallies(roundId: round.id!) { form, days in
            round.periods(of: days, form: form, today: today).lastReleasedDay
        }
        var releases: [FormKind: FormRelease] = [:]
        for form in FormKind.allCases {
            let periods = round.periods(of: tallies[form], today: today)
            let rule = round.releaseRule(form)
            releases[form] = FormRelease(
                released: released[form], classes: try await releasedClasses(round, form, periods, rule),
                periods: periods, rule: rule)
        }
        let result = AssessmentResult(
            settings: round.settings(), iit: (releases[.iit]!.scoredTally, iit),
            eit: (releases[.eit]!.scoredTally, eit))
        return RoundRelease(iit: releases[.iit]!, eit: releases[.eit]!, result: result)
    }
}

extension Site {
    /// The recoded profile classes of a form's closed periods. A closed period never changes (its k is frozen
    /// once anything is released), so each is recoded once and kept; a period whose count changed (an import
    /// into past days) is a new key.
    func releasedClasses(_ round: Round, _ form: FormKind, _ periods: DayPeriods, _ rule: SmallCellRule)
        async throws -> ReleasedClasses
    {
        let keys = periods.periods.map {
            ReleasedClassesKey(roundId: round.id!, form: form, period: $0, minimum: rule.minimum)
        }
        var found = periodClasses.withLock { cache in
            keys.reduce(into: [ReleasedClassesKey: ReleasedClasses]()) {
                $0[$1] = cache[$1]
            }
        }
        let missing = keys.filter { found[$0] == nil }
        if !missing.isEmpty {
            let profiles = ProfileCounts(
                days: try await database.profileCombinations(roundId: round.id!, form: form), periods: periods)
            for key in missing {
                found[key] =
                    PeriodGeneralization(
                        counts: profiles.restricted(to: key.period), dimensions: form.profileDimensions,
                        minimum: rule.minimum
                    ).releasedClasses
            }
            periodClasses.withLock { cache in
                if cache.count > 10_000 { cache.removeAll() }
                for key in missing { cache[key] = found[key] }
            }
        }
        return keys.flatMap { found[$0] ?? [] }
    }
}

/// A closed period of a round's form under a k: what its recoded classes are kept under.
struct ReleasedClassesKey: Hashable, Sendable {
    let roundId: Int64
    let form: FormKind
    let period: DayPeriod
    let minimum: Int
}

/// What the console shows of a round: per form the closed periods, the released tally and suppressed tables, and
/// the result scored from the released tallies.
struct RoundRelease: Sendable {
    let iit: FormRelease
    let eit: FormRelease
    let result: AssessmentResult

    func form(_ form: FormKind) -> FormRelease {
        form == .iit ? iit : eit
    }
}

extension Round {
    /// The k of a form's releases: the round's small-cell minimum for IIT, its EIT minimum for EIT.
    func releaseRule(_ form: FormKind) -> SmallCellRule {
        SmallCellRule(minimum: form == .iit ? smallCellMinimum : eitSmallCellMinimum)
    }

    /// The closed periods of a form's days under its k.
    func periods(of tally: Tally, today: Day = .today) -> DayPeriods {
        periods(of: tally.days, form: tally.form, today: today)
    }

    /// The closed periods of a form's answers per day under its k.
    func periods(of days: [Day: Int], form: FormKind, today: Day = .today) -> DayPeriods {
        DayPeriods(days: days, opens: Day(opensOn) ?? today, today: today, minimum: releaseRule(form).minimum)
    }
}
