import SurveyCore
import SurveyStore
import Synchronization

/// What the console may show of a round: each form's closed periods, the released tallies and tables, and the
/// result scored from released answers only. The recoded profile classes of closed periods are kept, since a
/// closed period never changes.
final class Releases: Sendable {
    private let database: AppDatabase
    private let catalog: InstrumentCatalog
    private let clock: WallClock
    private let periodClasses = Mutex<[ReleasedClassesKey: ReleasedClasses]>([:])

    init(database: AppDatabase, catalog: InstrumentCatalog, clock: WallClock) {
        self.database = database
        self.catalog = catalog
        self.clock = clock
    }

    /// Each form's release of a round and the result scored from it.
    func release(of round: Round) async throws -> RoundRelease {
        guard let iit = catalog.instrument(.iit, version: round.iitInstrument),
            let eit = catalog.instrument(.eit, version: round.eitInstrument)
        else { throw PageError.serverError }
        let today = clock.today
        // The released tallies count the days of the closed periods only, cut from the daily counts read in the
        // same transaction, so no page reads the responses themselves.
        let (tallies, released) = try await database.tallies(roundId: round.id) { form, days in
            round.settings.periods(of: days, form: form, today: today).lastReleasedDay
        }
        func release(_ form: FormKind) async throws -> FormRelease {
            let periods = round.settings.periods(of: tallies[form].days, form: form, today: today)
            let rule = round.settings.releaseRule(form)
            return FormRelease(
                released: released[form], classes: try await releasedClasses(round, form, periods, rule),
                periods: periods, rule: rule)
        }
        let (iitRelease, eitRelease) = (try await release(.iit), try await release(.eit))
        let result = AssessmentResult(
            settings: round.settings.assessment, iit: (iitRelease.scoredTally, iit), eit: (eitRelease.scoredTally, eit))
        return RoundRelease(iit: iitRelease, eit: eitRelease, result: result)
    }

    /// The released responses of a round's form, from its tally alone.
    func releasedCount(_ round: Round, _ tally: Tally) -> String {
        ReleaseNote.count(
            round.settings.periods(of: tally.days, form: tally.form, today: clock.today).releasedCount,
            round.settings.releaseRule(tally.form))
    }

    /// The line that names a round's digest, for the dashboard and the report, once the round has closed. While
    /// it collects, the digest changes with every answer, and a page polled for it would date each one; the
    /// operator's `prongsai verify` prints it at any time.
    func digestLine(of round: Round) async throws -> String {
        guard case .closed = round.status(on: clock.today) else {
            return "ลายนิ้วมือข้อมูล (digest) ของคำตอบทั้งหมดจะแสดงเมื่อปิดรับคำตอบแล้ว"
        }
        let instruments = FormKind.allCases.compactMap { catalog.instrument($0, version: round.instrumentVersion($0)) }
        let digest = try await database.publishedDigest(of: round, instruments: instruments)
        return "ลายนิ้วมือข้อมูล (digest) ของคำตอบทั้งหมดและการตั้งค่ารอบ: \(digest)"
            + " · ตรวจได้ด้วย prongsai verify --expect"
    }

    /// The recoded profile classes of a form's closed periods. A closed period never changes (its k is frozen
    /// once anything is released), so each is recoded once and kept; a period whose count changed (an import
    /// into past days) is a new key.
    private func releasedClasses(_ round: Round, _ form: FormKind, _ periods: DayPeriods, _ rule: SmallCellRule)
        async throws -> ReleasedClasses
    {
        let keys = periods.periods.map {
            ReleasedClassesKey(roundId: round.id, form: form, period: $0, minimum: rule.minimum)
        }
        var found = periodClasses.withLock { cache in
            keys.reduce(into: [ReleasedClassesKey: ReleasedClasses]()) { $0[$1] = cache[$1] }
        }
        let missing = keys.filter { found[$0] == nil }
        if !missing.isEmpty {
            let profiles = ProfileCounts(
                days: try await database.profileCombinations(roundId: round.id, form: form), periods: periods)
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
