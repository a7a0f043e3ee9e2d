import Foundation
import SurveyCore
import SurveyStore
import Testing

@Suite("prongsai measures: the plan of Y+1 drafted from the results of Y, printed as JSON")
struct MeasuresCommandTests {
    /// The parsed JSON a run printed.
    static func json(_ run: Program.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("--draft from the 2566 official results: rows for 2, 4, 7, 8 with library measures, e13 linked; --json")
    func draftFromOfficial() throws {
        let db = try OfficialCommandTests.database()
        let file = try TemporaryFile(contents: OfficialCommandTests.example)
        #expect(try Program.run(["official", "tambon", "--year", "2566", file.path, "--db", db]).status == 0)
        let none = try Program.run(["measures", "tambon", "--year", "2567", "--json", "--db", db])
        #expect(none.status != 0 && none.stderr.contains("tambon has no measures plan for fiscal year 2567"))

        let drafted = try Program.run(["measures", "tambon", "--year", "2567", "--draft", "--json", "--db", db])
        #expect(drafted.status == 0, "\(drafted.stderr)")
        let plan = try Self.json(drafted)
        #expect(plan["year"] as? Int == 2567)
        let basedOn = try #require(plan["basedOn"] as? [String: Any])
        #expect(basedOn["year"] as? Int == 2566 && basedOn["source"] as? String == "official")
        let rows = try #require(plan["rows"] as? [[String: Any]])
        #expect(rows.map { $0["indicator"] as? Int } == [2, 4, 7, 8])
        #expect(rows.map { $0["items"] as? [String] } == [[], [], [], ["e13"]])
        let budget = MeasureLibrary.suggestions(for: 2)[0]
        #expect(rows[0]["measure"] as? String == budget.measure && rows[0]["steps"] as? String == budget.steps)
        #expect(rows[0]["period"] as? String == budget.period && rows[0]["owner"] as? String == "กองคลัง")
        #expect(rows[0]["followUp"] as? String == budget.followUp)
        #expect(rows.allSatisfy { $0["output"] as? String == "" && $0["outcome"] as? String == "" })
        #expect(rows.allSatisfy { $0["indicators"] == nil })
        #expect(drafted.stdout.hasPrefix("{\"year\":2567,\"basedOn\":{\"year\":2566,\"source\":\"official\"},"))

        let printed = try Program.run(["measures", "tambon", "--year", "2567", "--json", "--db", db])
        #expect(printed.status == 0 && printed.stdout == drafted.stdout)
        let text = try Program.run(["measures", "tambon", "--year", "2567", "--db", db])
        #expect(text.stdout.contains("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567"))
        #expect(text.stdout.contains("4. พัฒนาการให้บริการออนไลน์ (E-Service) — ตัวชี้วัดที่ 8 (e13)"))
    }

    @Test("a plan edited since its draft is kept unless --replace; a round's own answers draft too")
    func keepsEditsAndDraftsFromRound() async throws {
        let db = try OfficialCommandTests.database()
        let file = try TemporaryFile(contents: OfficialCommandTests.example)
        #expect(try Program.run(["official", "tambon", "--year", "2566", file.path, "--db", db]).status == 0)
        #expect(try Program.run(["measures", "tambon", "--year", "2567", "--draft", "--db", db]).status == 0)
        let database = try AppDatabase.open(path: db)
        let agency = try #require(try await database.agency(slug: "tambon"))
        var plan = try #require(try await database.measuresPlan(agencyId: agency.id, year: 2567))
        plan.rows[0].measure = "มาตรการที่แก้ไขแล้ว"
        plan.rows[0].indicators = [2, 5]
        plan.edited = true
        try await database.saveMeasuresPlan(plan, agency: agency, action: .measuresPlanSaved, by: "clerk")
        let kept = try Program.run(["measures", "tambon", "--year", "2567", "--draft", "--db", db])
        #expect(kept.status != 0 && kept.stderr.contains("was edited since it was drafted; nothing changed"))
        let json = try Program.run(["measures", "tambon", "--year", "2567", "--json", "--db", db])
        let first = try #require((try Self.json(json)["rows"] as? [[String: Any]])?.first)
        #expect(first["measure"] as? String == "มาตรการที่แก้ไขแล้ว")
        #expect(first["indicator"] as? Int == 2 && first["indicators"] as? [Int] == [2, 5])
        let replaced = try Program.run(["measures", "tambon", "--year", "2567", "--draft", "--replace", "--db", db])
        #expect(replaced.status == 0 && replaced.stdout.contains("drafted the measures plan of tambon 2567"))
        #expect(try await database.measuresPlan(agencyId: agency.id, year: 2567)?.edited == false)
        #expect(
            try Program.run(["measures", "tambon", "--year", "2567", "--replace", "--db", db]).stderr.contains(
                "--replace goes with --draft"))

        for arguments in [
            ["round", "open", "tambon", "--year", "2570"], ["generate", "tambon", "--year", "2570", "--count", "40"],
        ] {
            let run = try Program.run(arguments + ["--db", db])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let fromRound = try Program.run(["measures", "tambon", "--year", "2571", "--draft", "--json", "--db", db])
        #expect(fromRound.status == 0, "\(fromRound.stderr)")
        let report = try Self.json(try Program.run(["report", "tambon", "--year", "2570", "--json", "--db", db]))
        let weaknesses = try #require((report["analysis"] as? [String: Any])?["weaknesses"] as? [String])
        let rows = try #require(try Self.json(fromRound)["rows"] as? [[String: Any]])
        let drafted = Set(rows.compactMap { $0["indicator"] as? Int })
        #expect(Set(weaknesses.compactMap(Int.init)).isSubset(of: drafted))
        #expect(rows.allSatisfy { ($0["measure"] as? String)?.isEmpty == false })
        #expect((try Self.json(fromRound)["basedOn"] as? [String: Any])?["source"] as? String == "ownRound")
        let nothing = try Program.run(["measures", "tambon", "--year", "2569", "--draft", "--db", db])
        #expect(
            nothing.status != 0 && nothing.stderr.contains("neither official results nor a round of fiscal year 2568"))
    }
}
