import Foundation
import SurveyCore

/// Opening and changing rounds, the same for the console and the command line: checks the settings, refuses a k
/// changed after its form released answers, and stores the round with its targets, its prepared rows and the
/// audit line in one transaction.
public struct RoundService: Sendable {
    let database: AppDatabase
    let catalog: InstrumentCatalog

    public init(database: AppDatabase, catalog: InstrumentCatalog) {
        self.database = database
        self.catalog = catalog
    }

    /// Opens a round of `agency` with the settings as typed, or names every problem.
    public func open(_ draft: RoundSettings.Draft, agency: Agency, by actor: String, at time: Date = Date())
        async throws
        -> Result<Round, ValidationFailure>
    {
        let settings: RoundSettings
        switch draft.validated() {
        case .failure(let failure): return .failure(failure)
        case .success(let checked): settings = checked
        }
        guard let iit = catalog.instrument(.iit, year: settings.fiscalYear),
            let eit = catalog.instrument(.eit, year: settings.fiscalYear)
        else {
            return .failure(
                Self.refusal(
                    .year,
                    LocalizedText(
                        th: "ยังไม่มีแบบวัดสำหรับปีงบประมาณ \(settings.fiscalYear)",
                        en: "There are no instruments for fiscal year \(settings.fiscalYear).")))
        }
        return try await storing {
            try await database.openRound(
                settings, agency: agency, instruments: RoundInstruments(iit: iit, eit: eit), by: actor, at: time)
        }
    }

    /// Changes a round's settings as typed, or names every problem.
    public func update(
        _ round: Round, with draft: RoundSettings.Draft, agency: Agency, by actor: String, at time: Date, today: Day
    ) async throws -> Result<Round, ValidationFailure> {
        let settings: RoundSettings
        switch draft.validated() {
        case .failure(let failure): return .failure(failure)
        case .success(let checked): settings = checked
        }
        let frozen = try await frozenSettings(round, changedTo: settings, today: today)
        guard frozen.isEmpty else { return .failure(ValidationFailure(problems: frozen)) }
        return try await storing {
            try await database.updateRound(round, to: settings, agency: agency, by: actor, at: time)
        }
    }

    /// The instruments a round was opened with, when the catalog still has them.
    private func instruments(of round: Round) -> RoundInstruments? {
        guard let iit = catalog.instrument(.iit, version: round.iitInstrument),
            let eit = catalog.instrument(.eit, version: round.eitInstrument)
        else { return nil }
        return RoundInstruments(iit: iit, eit: eit)
    }

    /// Makes the rows of every round of every agency, for databases made before rounds were prepared.
    public func prepareAllRounds() async throws {
        for agency in try await database.agencies(includingArchived: true) {
            for round in try await database.rounds(agencyId: agency.id) {
                guard let instruments = instruments(of: round) else { continue }
                try await database.prepareRound(round.id, instruments: instruments.all)
            }
        }
    }

    /// Refusals for a first day, or a form's k, changed after answers were released: periods cut under one and then
    /// another would let two views be subtracted down to a single answer.
    private func frozenSettings(_ round: Round, changedTo settings: RoundSettings, today: Day) async throws
        -> [ValidationProblem]
    {
        let tallies = try await database.tallies(roundId: round.id)
        let released = FormKind.allCases.filter {
            !round.settings.periods(of: tallies[$0].days, form: $0, today: today).periods.isEmpty
        }
        var problems: [ValidationProblem] = []
        // Periods are cut from the first day on: moving it would cut released days again.
        if !released.isEmpty, settings.opens != round.opens {
            problems.append(
                ValidationProblem(
                    field: RoundSettings.Field.opens.rawValue,
                    message: LocalizedText(
                        th: "เปลี่ยนวันเปิดรับคำตอบไม่ได้แล้ว เพราะเผยแพร่คำตอบไปแล้ว"
                            + " การตัดช่วงเวลาใหม่จะทำให้นำหน้าก่อนและหลังมาหักลบจนเห็นคำตอบรายคนได้",
                        en: "The first day cannot change now that answers have been released:"
                            + " periods cut again could be subtracted down to one answer.")))
        }
        return problems
            + released.compactMap { form in
                guard round.settings.releaseRule(form) != settings.releaseRule(form) else { return nil }
                let name = form.rawValue.uppercased()
                return ValidationProblem(
                    field: RoundSettings.Field.smallCells(form).rawValue,
                    message: LocalizedText(
                        th: "เปลี่ยนขนาดกลุ่มเล็กสุด (k) ของ \(name) ไม่ได้แล้ว เพราะเผยแพร่คำตอบไปแล้ว"
                            + " การเปลี่ยน k จะทำให้นำหน้าก่อนและหลังมาหักลบจนเห็นคำตอบรายคนได้",
                        en: "The \(name) k cannot change now that answers have been released:"
                            + " views before and after the change could be subtracted down to one answer."))
            }
    }

    /// The stored round, or the store's refusal as a problem of the field it concerns.
    private func storing(_ work: () async throws -> Round) async throws -> Result<Round, ValidationFailure> {
        do {
            return .success(try await work())
        } catch let error as StoreError {
            if case .overlappingRound = error { return .failure(Self.refusal(.opens, error.message)) }
            return .failure(Self.refusal(.year, error.message))
        }
    }

    private static func refusal(_ field: RoundSettings.Field, _ message: LocalizedText) -> ValidationFailure {
        ValidationFailure(problems: [ValidationProblem(field: field.rawValue, message: message)])
    }
}
