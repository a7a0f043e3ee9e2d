import Foundation
import Testing

@Suite("`prongsai round … --instruments` picks a round's instrument set, until its first answer")
struct InstrumentSetCommandTests {
    @Test("an unknown set is refused with the sets available; a known one is used, and frozen by answers")
    func pickAndFreeze() throws {
        let db = StoreCommandTests.databasePath()
        #expect(try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db]).status == 0)
        let unknown = try Program.run(["round", "open", "demo", "--year", "2570", "--instruments", "2599", "--db", db])
        #expect(unknown.status != 0)
        #expect(
            unknown.stderr.contains(
                "--instruments: there is no instrument set “2599”; the sets available: 2568.1, example-6"))
        let opened = try Program.run(
            ["round", "open", "demo", "--year", "2570", "--instruments", "example-6", "--db", db])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains("instruments: IIT example-6, EIT example-6"))
        let back = try Program.run(["round", "set", "demo", "--year", "2570", "--instruments", "2568.1", "--db", db])
        #expect(back.status == 0 && back.stdout.contains("instruments: IIT 2568.1, EIT 2568.1"), "\(back.stderr)")
        let again = try Program.run([
            "round", "set", "demo", "--year", "2570", "--instruments", "example-6", "--db", db,
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let generated = try Program.run(["generate", "demo", "--year", "2570", "--count", "40", "--db", db])
        #expect(generated.status == 0, "\(generated.stderr)")
        let frozen = try Program.run(["round", "set", "demo", "--year", "2570", "--instruments", "2568.1", "--db", db])
        #expect(frozen.status != 0)
        #expect(
            frozen.stderr.contains("--instruments: the instrument set cannot change now that the round has answers"))
        let verified = try Program.run(["verify", "demo", "--year", "2570", "--db", db])
        #expect(
            verified.status == 0 && verified.stdout.contains("tallies equal a recount of the rows"),
            "\(verified.stdout)")
        let report = try Program.run(["report", "demo", "--year", "2570", "--json", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let iit = try #require(json["iit"] as? [String: Any])
        let eit = try #require(json["eit"] as? [String: Any])
        #expect(iit["instruments"] as? String == "example-6" && eit["instruments"] as? String == "example-6")
        #expect((iit["responses"] as? Int ?? 0) + (eit["responses"] as? Int ?? 0) == 40)
        #expect(eit["parts"] == nil)
    }

    @Test("`prongsai score --instruments` refuses an unknown set by name")
    func scoreUnknownSet() throws {
        let csv = try TemporaryFile(contents: "form,day,gender,age,education,contact\n", suffix: ".csv")
        let run = try Program.run(["score", csv.url.path, "--instruments", "nope"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("there is no instrument set “nope”; the sets available: 2568.1, example-6"))
    }

    @Test("`prongsai instruments` lists each set with its year or example mark and its forms' sizes and scales")
    func listsSets() throws {
        let run = try Program.run(["instruments"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("2568.1\tfrom fiscal year 2568") == true)
        #expect(lines.first?.contains("IIT 30 items, 51 answers, 2/4-option scales") == true)
        #expect(lines.last?.hasPrefix("example-6\texample structure, not official wording") == true)
        #expect(lines.last?.contains("EIT 15 items, 19 answers, 2/6-option scales") == true)
    }
}
