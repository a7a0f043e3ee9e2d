import SurveyCore
import Testing

@Suite("Official results: tools, total, ranks and level computed exactly, under both schemes")
struct OfficialResultsTests {
    /// The published 2566 result of a เทศบาลตำบล.
    static let example2566 = [
        "95.01", "84.45", "88.62", "83.07", "86.04", "85.07", "84.54", "82.73", "100", "100",
    ]

    /// Typed indicators (and a total, a scheme) checked as the console and the file check them.
    static func results(
        _ scores: [String], year: Int = 2566, total: String? = nil, levels: String = "", extra: [String] = []
    ) -> Result<OfficialResults, OfficialFailure> {
        var entries = scores.enumerated().map { index, score in
            OfficialResults.Entry(source: .line(index + 2), id: String(index + 1), score: score)
        }
        if let total { entries.append(OfficialResults.Entry(source: .line(20), id: "total", score: total)) }
        for (index, row) in extra.enumerated() {
            let parts = row.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            entries.append(
                OfficialResults.Entry(
                    source: .line(30 + index), id: parts[0], score: parts.count > 1 ? parts[1] : "",
                    note: parts.count > 2 ? parts[2] : ""))
        }
        return OfficialResults.Draft(fiscalYear: year, entries: entries, levels: levels).validated()
    }

    @Test("the 2566 example: 91.47, ผ่าน under pass levels (EIT under 85), A under letters, ranked as published")
    func example() throws {
        let results = try Self.results(Self.example2566).get()
        #expect(results.iit == Rational(decimal: "87.438"))
        #expect(results.eit?.formatted == "84.11")
        #expect(results.oit == Rational(100))
        #expect(results.total?.formatted == "91.47")
        #expect(results.computedTotal == Rational(decimal: "91.4654"))
        #expect(results.scheme == .pass)
        #expect(results.level == .pass(.pass))
        #expect(results.level?.name.th == "ผ่าน")
        #expect(results.ranking.map(\.indicator.number) == [9, 10, 1, 3, 5, 6, 7, 2, 4, 8])
        #expect(
            results.ranking.map(\.score.formatted) == [
                "100.00", "100.00", "95.01", "88.62", "86.04", "85.07", "84.54", "84.45", "83.07", "82.73",
            ])
        #expect(results.ranking.map(\.rank) == [1, 1, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(results.ranking.filter(\.isStrength).map(\.indicator.number) == [9, 10, 1, 3, 5, 6])
        let letters = try Self.results(Self.example2566, levels: "letters").get()
        #expect(letters.level == .letter("A") && letters.levelScheme == .letters)
        #expect(try Self.results(Self.example2566, year: 2565).get().level == .letter("A"))
    }

    @Test("ties share a rank by the printed score and go by number; the next rank skips")
    func ties() throws {
        let scores = ["90", "95", "90.001", "80", "95", "70", "70", "60", "99.999", "100"]
        let results = try Self.results(scores).get()
        #expect(results.ranking.map(\.indicator.number) == [9, 10, 2, 5, 1, 3, 4, 6, 7, 8])
        #expect(results.ranking.map(\.rank) == [1, 1, 3, 3, 5, 5, 7, 8, 8, 10])
    }

    @Test(
        "a typed total within the 0.01 that rounding explains is the total shown, the indicators' own noted; one further apart is a problem in Thai and English"
    )
    func typedTotal() throws {
        let agreeing = try Self.results(Self.example2566, total: "91.47").get()
        #expect(agreeing.publishedTotal == Rational(decimal: "91.47") && agreeing.total?.formatted == "91.47")
        #expect(agreeing.computedTotalApart == nil)
        for published in ["91.46", "91.48"] {
            let rounded = try Self.results(Self.example2566, total: published).get()
            #expect(rounded.total?.formatted == published && rounded.computedTotalApart?.formatted == "91.47")
            let report = AnalysisReport(official: rounded, instruments: [])
            #expect(report.total?.formatted == published && report.computedTotalApart?.formatted == "91.47")
        }
        for published in ["91.49", "91.45"] {
            guard case .failure(let failure) = Self.results(Self.example2566, total: published) else {
                Issue.record("a total \(published) further than rounding explains was accepted")
                continue
            }
            #expect(failure.problems.count == 1)
            #expect(failure.problems[0].source == .line(20))
            #expect(failure.problems[0].message.en.contains("\(published) does not match 91.47"))
            #expect(failure.problems[0].message.th.contains("(\(published)) ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด (91.47)"))
        }
    }

    @Test("only a total: letters give the level; pass levels from 85 up say which tools are missing")
    func totalOnly() throws {
        let letters = try Self.results([], year: 2562, total: "54.66").get()
        #expect(letters.level == .letter("E") && letters.total?.formatted == "54.66")
        #expect(letters.missingTools == [.iit, .eit, .oit] && letters.ranking.isEmpty)
        let pass = try Self.results([], year: 2568, total: "94.64").get()
        #expect(pass.level == nil)
        #expect(pass.levelGap?.en == "Pass levels from 85 up need every tool's score; IIT, EIT, OIT is missing.")
        #expect(try Self.results([], year: 2568, total: "72").get().level == .pass(.needsImprovement))
        let chosen = try Self.results([], year: 2568, total: "94.64", levels: "letters").get()
        #expect(chosen.level == .letter("A"))
    }

    @Test("94.64 with EIT under 85 is ผ่าน, not ผ่านดี")
    func passWithWeakEIT() throws {
        let exact = try Self.results(
            ["98", "98", "98", "98", "98", "84.80", "84.80", "84.80", "99.5", "99.5"], total: "94.64"
        ).get()
        #expect(exact.eit?.formatted == "84.80" && exact.total?.formatted == "94.64")
        #expect(exact.level?.name.th == "ผ่าน")
    }

    @Test("items, per-id notes and general notes are kept, and the rows give them back")
    func itemsAndNotes() throws {
        let results = try Self.results(
            Self.example2566,
            extra: [
                "e11,72.5,แสดงการปรับปรุงเทียบกับปีก่อน", "O39,0,แผนต้องครอบคลุมทั้งปี", "i5,100,", "E13,,E-Service",
                ",,ข้อสังเกตทั่วไป",
            ]
        ).get()
        #expect(results.itemScores.count == 3)
        #expect(results.itemScores[OfficialItemID("e11")!] == Rational(decimal: "72.5"))
        #expect(results.itemScores[OfficialItemID("O39")!] == .zero)
        #expect(results.note(about: .item(OfficialItemID("e13")!)) == "E-Service")
        #expect(results.generalNotes == ["ข้อสังเกตทั่วไป"])
        #expect(
            results.rows.suffix(5).map(\.values) == [
                ["i5", "100", ""], ["e11", "72.5", "แสดงการปรับปรุงเทียบกับปีก่อน"], ["e13", "", "E-Service"],
                ["O39", "0", "แผนต้องครอบคลุมทั้งปี"], ["", "", "ข้อสังเกตทั่วไป"],
            ])
    }

    @Test(
        "a bad row is named by its line and nothing is accepted",
        arguments: [
            ("11,50,", "Unknown id “11”"), ("i31,50,", "Unknown id “i31”"), ("e16,1,", "Unknown id “e16”"),
            ("O61,1,", "Unknown id “O61”"), ("i05,1,", "Unknown id “i05”"), ("x1,1,", "Unknown id “x1”"),
            ("i3,100.5,", "a number from 0 to 100"), ("i3,-1,", "a number from 0 to 100"),
            ("i3,8o,", "a number from 0 to 100"), ("i3,,", "i3 needs a score or a note"),
            ("1,80,", "indicator 1 appears twice (also at line 2)"), (",5,", "A score needs an id"),
            ("total,,", "The total row takes the total and no note"),
            ("total,90,note", "The total row takes the total and no note"),
        ])
    func badRows(row: String, message: String) throws {
        guard case .failure(let failure) = Self.results(Self.example2566, extra: [row]) else {
            Issue.record("\(row) was accepted")
            return
        }
        #expect(failure.problems.map(\.source) == [.line(30)], "\(row)")
        #expect(failure.problems.first?.message.en.contains(message) == true, "\(failure)")
        #expect(!(failure.problems.first?.message.th.isEmpty ?? true))
    }

    @Test("an indicator without a score, no scores at all, a long note and an unknown scheme are refused")
    func otherRefusals() {
        guard case .failure(let missing) = Self.results([], extra: ["3,,ข้อสังเกต"]) else {
            Issue.record("an indicator without a score was accepted")
            return
        }
        #expect(missing.problems.map(\.message.en) == ["Indicator 3 needs a score."])
        guard case .failure(let empty) = Self.results([], extra: [",,แค่ข้อสังเกต"]) else {
            Issue.record("results without scores were accepted")
            return
        }
        #expect(empty.problems.map(\.source) == [nil])
        let long = String(repeating: "ก", count: OfficialResults.noteLimit + 1)
        guard case .failure(let tooLong) = Self.results(Self.example2566, extra: [",,\(long)"]) else {
            Issue.record("a long note was accepted")
            return
        }
        #expect(tooLong.problems.map(\.source) == [.line(30)])
        guard case .failure(let scheme) = Self.results(Self.example2566, levels: "grades") else {
            Issue.record("an unknown scheme was accepted")
            return
        }
        #expect(scheme.problems.map(\.source) == [.field("levels")])
    }

    @Test("the JSON carries the ranked indicators, tools, total, level and scheme as two-decimal numbers")
    func json() throws {
        let text = try Self.results(Self.example2566).get().json.serialized()
        #expect(text.hasPrefix("{\"year\":2566,\"scheme\":\"pass\",\"schemeChosen\":false,\"indicators\":["))
        #expect(text.contains("{\"number\":9,\"name\":\"การเปิดเผยข้อมูล\",\"score\":100.00,\"rank\":1}"))
        #expect(text.contains("{\"number\":8,\"name\":\"การปรับปรุงระบบการทำงาน\",\"score\":82.73,\"rank\":10}"))
        #expect(text.contains("\"iit\":87.44,\"eit\":84.11,\"oit\":100.00,\"total\":91.47,\"publishedTotal\":null"))
        #expect(text.contains("\"level\":\"ผ่าน\""))
    }
}
