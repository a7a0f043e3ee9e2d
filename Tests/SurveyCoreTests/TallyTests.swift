import SurveyCore
import Testing

@Suite("Tallies count what a scan of the responses would")
struct TallyTests {
    /// Random complete responses of one form with random profiles and days.
    static func randomResponses(_ form: FormKind, count: Int, seed: UInt64) -> [Response] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var profile: [String: String] = [:]
            for dimension in form.profileDimensions {
                profile[dimension.rawValue] = dimension.codes.randomElement(using: &generator)!
            }
            let day = Day(year: 2026, month: 11, day: Int.random(in: 1...28, using: &generator))
            let values = Fixtures.submission(form, profile: profile) {
                $0.scale.codes.randomElement(using: &generator)!
            }
            return try! Fixtures.instrument(form).validate(values, day: day).get()
        }
    }

    @Test("every count equals a recount of the rows")
    func equalsRecount() {
        let responses = Self.randomResponses(.eit, count: 300, seed: 7)
        let tally = Tally(form: .eit, responses: responses)
        #expect(tally.responses == 300)
        for field in Fixtures.eit.fields {
            for code in field.scale.codes {
                let recount = responses.filter { $0.answers[field.id] == code }.count
                #expect(tally.answers[field.id]?[code] ?? 0 == recount)
            }
        }
        for dimension in FormKind.eit.crossedDimensions {
            for code in dimension.codes {
                for gender in ProfileDimension.gender.codes {
                    let recount = responses.filter { $0.profile[dimension] == code && $0.profile[.gender] == gender }
                        .count
                    #expect(tally.profile[dimension]?[code]?[gender] ?? 0 == recount)
                }
            }
        }
        for (day, count) in tally.days {
            #expect(responses.filter { $0.day == day }.count == count)
        }
        #expect(tally.count(.gender, "female") == responses.filter { $0.profile[.gender] == "female" }.count)
        #expect(tally.count(.contact, "business") == responses.filter { $0.profile[.contact] == "business" }.count)
    }

    @Test("merging two tallies equals tallying all their responses")
    func mergeEqualsWhole() {
        let responses = Self.randomResponses(.iit, count: 120, seed: 11)
        var merged = Tally(form: .iit, responses: responses.prefix(50))
        merged.merge(Tally(form: .iit, responses: responses.dropFirst(50)))
        #expect(merged == Tally(form: .iit, responses: responses))
    }

    @Test("a profile table lists every category and gender, zeros included, with totals")
    func profileTable() {
        let responses = Self.randomResponses(.iit, count: 40, seed: 3)
        let table = Tally(form: .iit, responses: responses).table(.age)
        #expect(table.rows.map(\.category.code) == ["lt20", "20-30", "31-40", "41-50", "51-60", "gt60"])
        #expect(table.genders.map(\.code) == ["male", "female", "other"])
        #expect(table.total == 40)
        #expect(table.genderTotals.reduce(0, +) == 40)
        let empty = Tally(form: .eit).table(.contact)
        #expect(empty.rows.count == 4 && empty.rows.allSatisfy { $0.counts == [0, 0, 0] })
    }

    @Test("responses of the other form are not counted")
    func otherFormSkipped() {
        let responses = Self.randomResponses(.iit, count: 5, seed: 1) + Self.randomResponses(.eit, count: 3, seed: 2)
        #expect(Tally(form: .eit, responses: responses).responses == 3)
    }
}

@Suite("The analysis ranks indicators and names strengths, weaknesses and weak items")
struct AnalysisTests {
    @Test("ranking best first with ties by number; strengths ≥ 85; weak items under 85")
    func analysis() {
        // IIT: indicator 1 perfect except i2 at 0 → (5 × 100 + 0) / 6 = 83.33; every other IIT indicator 100.
        let iit = Fixtures.response(.iit) { $0.id == "i2" ? "1" : Fixtures.best($0) }
        // EIT: e11 and e12 "much" (66.67), the rest perfect → indicator 8 = (3 × 100 + 2 × 66.67) / 5 = 86.67.
        let eit = Fixtures.response(.eit) { ["e11", "e12"].contains($0.id) ? "3" : Fixtures.best($0) }
        let result = AssessmentResult(
            settings: AssessmentSettings(year: 2570),
            iit: (Tally(form: .iit, responses: [iit]), Fixtures.iit),
            eit: (Tally(form: .eit, responses: [eit]), Fixtures.eit))
        let analysis = result.analysis
        #expect(analysis.ranking.map(\.indicator.number) == [2, 3, 4, 5, 6, 7, 8, 1])
        #expect(analysis.strengths.map(\.indicator.number) == [2, 3, 4, 5, 6, 7, 8])
        #expect(analysis.weaknesses.map(\.indicator.number) == [1])
        #expect(analysis.weakItems[1]?.map(\.item.id) == ["i2"])
        #expect(analysis.weakItems[1]?.first?.item.topic.th == "ให้บริการทุกคนอย่างเท่าเทียม")
    }

    @Test("a form without responses stays out of the ranking")
    func emptyFormNotRanked() {
        let eit = Fixtures.response(.eit, answer: Fixtures.best)
        let result = AssessmentResult(
            settings: AssessmentSettings(year: 2570), iit: (Tally(form: .iit), Fixtures.iit),
            eit: (Tally(form: .eit, responses: [eit]), Fixtures.eit))
        #expect(result.analysis.ranking.map(\.indicator.number) == [6, 7, 8])
    }
}
