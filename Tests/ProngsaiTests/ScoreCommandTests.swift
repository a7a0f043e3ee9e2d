import Foundation
import SurveyCore
import Testing

@Suite("`prongsai score` scores a CSV exactly as the ITA does")
struct ScoreCommandTests {
    /// A few hundred generated rows of both forms, scored by hand below, row by row, in floating point.
    static let generated = GeneratedSurvey(seed: 2570, iitCount: 140, eitCount: 190)

    @Test("the JSON equals a hand computation from the rows")
    func jsonMatchesHandComputation() throws {
        let csv = try TemporaryFile(contents: Self.generated.csv)
        let run = try Program.run([
            "score", csv.path, "--json", "--year", "2570", "--kind", "sao-m", "--iit-population", "60", "--oit", "92.5",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let expected = Self.generated.handScores(oit: 92.5)

        #expect(json["year"] as? Int == 2570)
        let iit = try #require(json["iit"] as? [String: Any])
        let eit = try #require(json["eit"] as? [String: Any])
        #expect(iit["responses"] as? Int == 140)
        #expect(eit["responses"] as? Int == 190)
        #expect(iit["population"] as? Int == 60)
        #expect(iit["minimum"] as? Int == 52)
        #expect(eit["population"] is NSNull)
        #expect(eit["minimum"] as? Int == 40)
        let items = (iit["items"] as! [String: Double]).merging(eit["items"] as! [String: Double]) { $1 }
        #expect(items.count == 45)
        for (id, value) in expected.items {
            #expect(abs(items[id]! - value) < 0.0051, "item \(id): \(items[id]!) against \(value)")
        }
        let indicators = (iit["indicators"] as! [String: Double]).merging(eit["indicators"] as! [String: Double]) { $1 }
        for (number, value) in expected.indicators {
            #expect(abs(indicators[String(number)]! - value) < 0.0051, "indicator \(number)")
        }
        #expect(abs((iit["score"] as! Double) - expected.iit) < 0.0051)
        #expect(abs((eit["score"] as! Double) - expected.eit) < 0.0051)
        #expect(abs((json["total"] as! Double) - expected.total) < 0.0051)
        #expect(json["oit"] as? Double == 92.5)
        #expect(expected.total < 70)
        #expect(json["level"] as? String == "ต้องปรับปรุงโดยด่วน")

        let analysis = try #require(json["analysis"] as? [String: Any])
        let ranking = analysis["ranking"] as! [String]
        #expect(
            ranking == expected.indicators.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map { String($0.key) })
        #expect(analysis["strengths"] as? [String] == [])
        #expect(analysis["weaknesses"] as? [String] == ranking)
        let weakItems = analysis["weakItems"] as! [String: [String]]
        #expect(weakItems["6"] == ["e1", "e2", "e3", "e4", "e5"])
    }

    @Test("profile tables list every category and gender, zeros included, and match the rows")
    func profileTables() throws {
        let csv = try TemporaryFile(contents: Self.generated.csv)
        let run = try Program.run(["score", csv.path, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let iitProfile = (json["iit"] as! [String: Any])["profile"] as! [String: [String: [String: Int]]]
        let eitProfile = (json["eit"] as! [String: Any])["profile"] as! [String: [String: [String: Int]]]
        #expect(Set(iitProfile.keys) == ["age", "education"])
        #expect(Set(eitProfile.keys) == ["age", "education", "contact"])
        #expect(Set(eitProfile["contact"]!.keys) == ["public", "government", "business", "other"])
        #expect(Set(iitProfile["age"]!.keys) == ["lt20", "20-30", "31-40", "41-50", "51-60", "gt60"])
        for (code, genders) in eitProfile["contact"]! {
            #expect(Set(genders.keys) == ["male", "female", "other"])
            for (gender, count) in genders {
                #expect(count == Self.generated.count(form: "eit", "contact", code, gender: gender))
            }
        }
    }

    @Test("without --json it prints a Thai/English table")
    func table() throws {
        let csv = try TemporaryFile(contents: Self.generated.csv)
        let run = try Program.run(["score", csv.path, "--year", "2570", "--oit", "92.5"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2570 / ITA result, fiscal year 2570"))
        #expect(run.stdout.contains("ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน / Quality of operations"))
        #expect(run.stdout.contains("ระดับผลการประเมิน / level: ต้องปรับปรุงโดยด่วน"))
    }

    @Test("a bad row stops the command with its line number and prints no score")
    func badRow() throws {
        var lines = Self.generated.csv.components(separatedBy: "\n")
        lines[7] = lines[7].replacingOccurrences(of: ",female,", with: ",woman,")
            .replacingOccurrences(of: ",male,", with: ",woman,").replacingOccurrences(of: ",other,", with: ",woman,")
        let csv = try TemporaryFile(contents: lines.joined(separator: "\n"))
        let run = try Program.run(["score", csv.path, "--json"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("line 8 / บรรทัด 8: gender: “woman” is not one of the choices"))
    }

    @Test(
        "bad options are refused with a message",
        arguments: [["--oit", "120"], ["--year", "2026"], ["--kind", "city"]])
    func badOptions(options: [String]) throws {
        let csv = try TemporaryFile(contents: Self.generated.csv)
        let run = try Program.run(["score", csv.path] + options)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }
}
