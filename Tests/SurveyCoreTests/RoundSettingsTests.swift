import Testing

@testable import SurveyCore

@Suite("Round settings as typed: one check for the console and the command line")
struct RoundSettingsDraftTests {
    static let standard = RoundSettings.Draft(
        RoundSettings.standard(kind: .saoM, opening: Day(year: 2026, month: 11, day: 20)))

    /// The fields a draft with `changes` is refused for.
    static func refused(_ changes: [RoundSettings.Field: String]) -> Set<String> {
        var draft = standard
        for (field, value) in changes { draft[field] = value }
        guard case .failure(let failure) = draft.validated() else { return [] }
        return Set(failure.problems.map(\.field))
    }

    @Test("the defaults of a new round are valid and read back as the same draft")
    func roundTrip() throws {
        let settings = try Self.standard.validated().get()
        #expect(RoundSettings.Draft(settings) == Self.standard)
        #expect(settings.fiscalYear == 2570 && settings.smallCellMinimum == 5 && settings.eitSmallCellMinimum == 3)
    }

    @Test(
        "days outside the fiscal years, rules out of bounds, and group for the IIT are refused",
        arguments: [
            ([RoundSettings.Field.opens: "0999-10-01"], "opens"), ([.opens: "0001-01-01"], "opens"),
            ([.closes: "9999-12-31"], "closes"), ([.iitRule: "fixed:0"], "iitRule"),
            ([.eitRule: "fixed:50000000"], "eitRule"), ([.iitRule: "percent:10:0:0"], "iitRule"),
            ([.iitRule: "group"], "iitRule"), ([.iitRule: "fixed", .iitFixed: "0"], "iitFixed"),
            ([.smallCells: "2"], "smallCells"), ([.eitSmallCells: "1001"], "eitSmallCells"),
            ([.oit: "100.001"], "oit"), ([.oit: "1e2"], "oit"), ([.year: "2499"], "year"), ([.year: "02570"], "year"),
            ([.year: "+2570"], "year"),
        ])
    func refusals(changes: [RoundSettings.Field: String], field: String) {
        #expect(Self.refused(changes) == [field])
    }

    @Test("a stored day always reads back: years before 1000 are written with four digits")
    func dayText() {
        #expect(Day(year: 999, month: 10, day: 1).description == "0999-10-01")
        #expect(Day(Day(year: 999, month: 10, day: 1).description) == Day(year: 999, month: 10, day: 1))
    }

    @Test("an OIT score is a plain decimal from 0 to 100, read exactly")
    func oitScores() {
        #expect(RoundSettings.oitScore("92.35") == Rational(9235, 100))
        #expect(RoundSettings.oitScore("100") == Rational(100))
        #expect(RoundSettings.oitScore("-1") == nil && RoundSettings.oitScore("100.01") == nil)
        #expect(Rational(9235, 100).exactDecimal == "92.35" && Rational(1, 8).exactDecimal == "0.125")
        #expect(Rational(1, 3).exactDecimal == nil)
    }
}

@Suite("A round's level scheme: the year's own unless chosen, named in the digest only when chosen")
struct RoundLevelSchemeTests {
    static let draft = RoundSettingsDraftTests.standard

    @Test("letters or pass are kept, empty is the year's own, anything else is refused")
    func levels() throws {
        var draft = Self.draft
        #expect(try draft.validated().get().levelScheme == nil)
        draft[.levels] = "letters"
        let settings = try draft.validated().get()
        #expect(settings.levelScheme == .letters && settings.assessment.scheme == .letters)
        #expect(RoundSettings.Draft(settings)[.levels] == "letters")
        draft[.levels] = "grades"
        #expect(RoundSettingsDraftTests.refused([.levels: "grades"]) == ["levels"])
    }

    @Test("the summary, and so the published digest, is unchanged unless a scheme is chosen")
    func summary() throws {
        let plain = try Self.draft.validated().get()
        #expect(!plain.summary.contains("levels"))
        var chosen = plain
        chosen.levelScheme = .pass
        #expect(chosen.summary == plain.summary + ", levels pass")
    }
}
