import Foundation
import SurveyCore
import SurveyStore
import Testing

@Suite("prongsai official: a year's official results from a file, then in report --json")
struct OfficialCommandTests {
    static let example = """
        \u{FEFF}id,score,note\r
        1,95.01\r
        2,84.45\r
        3,88.62\r
        4,83.07\r
        5,86.04\r
        6,85.07\r
        7,84.54\r
        8,82.73\r
        9,100\r
        10,100\r
        e13,61.5,"E13: E-Service, คู่มือ"\r
        ,,ข้อสังเกตทั่วไป\r

        """

    /// A database with the agency `tambon` and no round.
    static func database() throws -> String {
        let db = StoreCommandTests.databasePath()
        let added = try Program.run([
            "agency", "add", "tambon", "--name-th", "เทศบาลตำบลตัวอย่าง", "--kind", "tm-s", "--db", db,
        ])
        #expect(added.status == 0, "\(added.stderr)")
        return db
    }

    @Test("official then report --json, for a year without a round: the ranked 2566 example, 91.47, ผ่าน")
    func officialWithoutRound() throws {
        let db = try Self.database()
        let file = try TemporaryFile(contents: Self.example)
        let stored = try Program.run(["official", "tambon", "--year", "2566", file.path, "--db", db])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(stored.stdout.contains("stored the official results of tambon 2566"))
        #expect(stored.stdout.contains("ระดับผลการประเมิน / level: ผ่าน / Pass"))
        let report = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let official = try #require(json["official"] as? [String: Any])
        let indicators = try #require(official["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["number"] as? Int } == [9, 10, 1, 3, 5, 6, 7, 2, 4, 8])
        #expect(indicators.map { $0["rank"] as? Int } == [1, 1, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(
            indicators.map { String(format: "%.2f", $0["score"] as? Double ?? -1) } == [
                "100.00", "100.00", "95.01", "88.62", "86.04", "85.07", "84.54", "84.45", "83.07", "82.73",
            ])
        #expect(report.stdout.contains("{\"number\":1,\"name\":\"การปฏิบัติหน้าที่\",\"score\":95.01,\"rank\":3}"))
        #expect(report.stdout.contains("\"iit\":87.44,\"eit\":84.11,\"oit\":100.00,\"total\":91.47"))
        #expect(official["level"] as? String == "ผ่าน" && official["scheme"] as? String == "pass")
        #expect((official["items"] as? [String: Any])?["e13"] as? Double == 61.5)
        let table = try Program.run(["report", "tambon", "--year", "2566", "--db", db])
        #expect(table.stdout.contains("   1  100.00  9 การเปิดเผยข้อมูล (OIT)"))
        #expect(table.stdout.contains("      91.47  คะแนนรวม / total"))
        #expect(table.stdout.contains("e13: E13: E-Service, คู่มือ"))
        let letters = try Program.run([
            "official", "tambon", "--year", "2566", file.path, "--levels", "letters", "--db", db,
        ])
        #expect(letters.status == 0 && letters.stdout.contains("replaced the official results of tambon 2566"))
        let again = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(again.stdout.contains("\"level\":\"A\""))
        let deleted = try Program.run(["official", "tambon", "--year", "2566", "--delete", "--db", db])
        #expect(deleted.status == 0 && deleted.stdout.contains("deleted the official results of tambon 2566"))
        let gone = try Program.run(["official", "tambon", "--year", "2566", "--delete", "--db", db])
        #expect(gone.status != 0 && gone.stderr.contains("tambon has no official results for fiscal year 2566"))
        let both = try Program.run(["official", "tambon", "--year", "2566", file.path, "--delete", "--db", db])
        #expect(both.status != 0 && both.stderr.contains("give either a FILE to store or --delete"))
    }

    @Test("a bad file exits non-zero naming each bad line, and nothing is stored")
    func badFile() async throws {
        let db = try Self.database()
        let file = try TemporaryFile(contents: Self.example + "i31,50,\ntotal,91.40\n")
        let refused = try Program.run(["official", "tambon", "--year", "2566", file.path, "--db", db])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("nothing stored"))
        #expect(refused.stderr.contains("line 14 / บรรทัด 14: Unknown id “i31”"))
        #expect(refused.stderr.contains("line 15 / บรรทัด 15: The typed total 91.40 does not match 91.47"))
        let agency = try #require(try await AppDatabase.open(path: db).agency(slug: "tambon"))
        #expect(try await AppDatabase.open(path: db).officialResults(agencyId: agency.id, year: 2566) == nil)
        let report = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(report.status != 0 && report.stderr.contains("tambon has no round for fiscal year 2566"))
        let badScheme = try Program.run([
            "official", "tambon", "--year", "2566", file.path, "--levels", "abc", "--db", db,
        ])
        #expect(badScheme.status != 0 && badScheme.stderr.contains("--levels takes letters or pass"))
    }

    @Test("round open and set take --levels; the round's report and its official results carry their own levels")
    func roundLevels() throws {
        let db = try Self.database()
        let opened = try Program.run([
            "round", "open", "tambon", "--year", "2566", "--opens", "2023-01-01", "--closes", "2023-03-31",
            "--oit", "100", "--levels", "letters", "--db", db,
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains("levels: letter grades (AA–F) (chosen)"))
        #expect(try Program.run(["generate", "tambon", "--year", "2566", "--count", "60", "--db", db]).status == 0)
        let graded = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(graded.stdout.contains("\"scheme\":\"letters\""))
        #expect(graded.stdout.firstMatch(of: /"level":"(AA|A|B|C|D|E|F)","scheme"/) != nil, "\(graded.stdout)")
        let file = try TemporaryFile(contents: "id,score,note\ntotal,54.66\n")
        #expect(try Program.run(["official", "tambon", "--year", "2566", file.path, "--db", db]).status == 0)
        let report = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("{\"year\":2566,\"iit\":"))
        #expect(report.stdout.contains(",\"official\":{\"year\":2566,\"scheme\":\"pass\",\"schemeChosen\":false"))
        #expect(
            report.stdout.contains(
                "\"total\":54.66,\"publishedTotal\":54.66,\"computedTotal\":null,\"level\":\"ต้องปรับปรุงโดยด่วน\""))
        let cleared = try Program.run(["round", "set", "tambon", "--year", "2566", "--levels", "", "--db", db])
        #expect(cleared.status == 0 && cleared.stdout.contains("levels: pass levels (the year's own)"))
        let passed = try Program.run(["report", "tambon", "--year", "2566", "--json", "--db", db])
        #expect(passed.stdout.firstMatch(of: /"level":"(ผ่าน|ต้อง)[^"]*","scheme":"pass"/) != nil, "\(passed.stdout)")
        let refused = try Program.run(["round", "set", "tambon", "--year", "2566", "--levels", "grades", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("--levels: The level scheme is letters or pass"))
    }
}

@Suite("--year on every command: a Buddhist-era fiscal year written plainly, as the console takes it")
struct YearOptionTests {
    @Test("02570, +2570, 2570.0 and 1999 are refused with the reason; nothing is stored")
    func refusesUnplainYears() throws {
        let db = try OfficialCommandTests.database()
        let file = try TemporaryFile(contents: OfficialCommandTests.example)
        for year in ["02570", "+2570", "2570.0", "1999", "๒๕๗๐"] {
            for command in [
                ["official", "tambon", "--year", year, file.path], ["measures", "tambon", "--year", year],
                ["report", "tambon", "--year", year], ["verify", "tambon", "--year", year],
            ] {
                let outcome = try Program.run(command + ["--db", db])
                #expect(outcome.status != 0, "\(command)")
                #expect(
                    outcome.stderr.contains("--year takes a Buddhist-era fiscal year written plainly"), "\(command)")
            }
        }
        #expect(try Program.run(["official", "tambon", "--year", "2570", file.path, "--db", db]).status == 0)
    }
}
