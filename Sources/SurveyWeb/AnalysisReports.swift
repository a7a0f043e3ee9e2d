import SurveyCore
import SurveyStore

/// Builds an agency's analysis reports of a fiscal year from what the console may show: the year's official results,
/// or a round's release (scores from released answers only), each compared with the year before where known.
struct AnalysisReports: Sendable {
    let database: AppDatabase
    let releases: Releases
    let catalog: InstrumentCatalog

    /// The report of a year's official results, compared with the official results of the year before; nil when the
    /// year has none.
    func official(_ agency: Agency, year: Int) async throws -> OfficialReport? {
        guard let results = try await database.officialResults(agencyId: agency.id, year: year) else { return nil }
        let before = try await database.officialResults(agencyId: agency.id, year: year - 1)
        let instruments = FormKind.allCases.compactMap { catalog.instrument($0, year: year) }
        return OfficialReport(
            report: AnalysisReport(
                official: results, instruments: instruments, previous: before?.indicatorScores ?? [:]),
            previousYear: before.map { _ in year - 1 })
    }

    /// The report of a round, compared with the agency's round before it.
    func ownRound(_ agency: Agency, round: Round) async throws -> OwnRoundReport {
        let release = try await releases.release(of: round)
        var previous: [Int: Rational] = [:]
        var previousYear: Int?
        if let before = try await database.previousRound(agencyId: agency.id, before: round.fiscalYear) {
            let result = try await releases.release(of: before).result
            for indicator in result.iit.score.indicators + result.eit.score.indicators {
                previous[indicator.indicator.number] = indicator.score
            }
            previousYear = before.fiscalYear
        }
        return OwnRoundReport(
            report: AnalysisReport(round: release.result, previous: previous), release: release,
            previousYear: previousYear)
    }

    /// The weak questions of a year's reports, official first, then those only the round has, each once.
    func weakQuestions(_ agency: Agency, year: Int) async throws -> [WeakQuestion] {
        var questions = try await official(agency, year: year)?.report.weakQuestions ?? []
        if let round = try await database.round(agencyId: agency.id, year: year) {
            let known = Set(questions.map(\.id))
            questions += try await ownRound(agency, round: round).report.weakQuestions.filter { !known.contains($0.id) }
        }
        return questions.sorted { ($0.indicator, Self.order($0.id)) < ($1.indicator, Self.order($1.id)) }
    }

    /// Sorts `i2` before `i10` within an indicator.
    private static func order(_ id: String) -> Int {
        Int(id.drop { !$0.isNumber }) ?? 0
    }
}

/// A year's official results as an analysis report, and the year it is compared with.
struct OfficialReport: Sendable {
    let report: AnalysisReport
    let previousYear: Int?
}

/// A round as an analysis report, with the release its respondent tables come from and the year it is compared with.
struct OwnRoundReport: Sendable {
    let report: AnalysisReport
    let release: RoundRelease
    let previousYear: Int?
}
