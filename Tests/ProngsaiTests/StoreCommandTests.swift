import Foundation
import SurveyCore
import SurveyStore
import Testing

@Suite("The commands that set up and read the store")
struct StoreCommandTests {
    /// A fresh database path in a temporary folder; the folder does not exist yet.
    static func databasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-cli-\(UUID().uuidString)/db.sqlite")
            .path
    }

    @Test("agency add, round open and their refusals")
    func setUp() throws {
        let db = Self.databasePath()
        let added = try Program.run([
            "agency", "add", "nongbua", "--name-th", "อบต.หนองบัว", "--kind", "sao-s", "--db", db,
        ])
        #expect(added.status == 0)
        #expect(added.stdout.contains("added nongbua: อบต.หนองบัว (อบต. ขนาดเล็ก)"))
        let again = try Program.run(["agency", "add", "nongbua", "--name-th", "ซ้ำ", "--db", db])
        #expect(again.status != 0)
        #expect(again.stderr.contains("an agency with the slug “nongbua” already exists"))
        let opened = try Program.run([
            "round", "open", "nongbua", "--year", "2570", "--iit-population", "60", "--closes", "2027-01-31", "--db",
            db,
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains("IIT minimum 52 by Krejcie & Morgan"))
        #expect(opened.stdout.contains("EIT minimum 30 by Agency-group table"))
        let twice = try Program.run(["round", "open", "nongbua", "--year", "2570", "--db", db])
        #expect(twice.stderr.contains("nongbua already has a round for fiscal year 2570"))
        // An overlap is told at the day that makes it: the opening day inside the other round, or the closing day.
        let opensInside = try Program.run([
            "round", "open", "nongbua", "--year", "2571", "--opens", "2027-01-01", "--closes", "2027-03-01", "--db", db,
        ])
        #expect(opensInside.status != 0 && opensInside.stderr.contains("--opens: the days overlap nongbua's round"))
        let closesInside = try Program.run([
            "round", "open", "nongbua", "--year", "2569", "--opens", "2025-10-01", "--closes", "2027-01-15", "--db", db,
        ])
        #expect(closesInside.status != 0 && closesInside.stderr.contains("--closes: the days overlap nongbua's round"))
        let unknown = try Program.run(["round", "open", "nobody", "--db", db])
        #expect(unknown.stderr.contains("no agency with the slug “nobody”"))
        let listed = try Program.run(["agency", "list"], environment: ["PRONGSAI_DB": db])
        #expect(listed.stdout == "nongbua\tsao-s\tอบต.หนองบัว\n")
        let badDate = try Program.run(["round", "open", "nongbua", "--closes", "31/01/2027", "--db", db])
        #expect(badDate.status != 0 && badDate.stderr.contains("--closes: The last day of answers is a date such as"))
        let reserved = try Program.run(["agency", "add", "login", "--name-th", "อบต.ล็อกอิน", "--db", db])
        #expect(reserved.status != 0 && reserved.stderr.contains("“login” is part of the server's own addresses"))
    }

    @Test("agency add refuses a name over 200 characters in English and Thai, and stores nothing")
    func agencyNameBound() async throws {
        let db = Self.databasePath()
        let long = String(repeating: "ก", count: Agency.nameLimit + 1)
        let refused = try Program.run(["agency", "add", "long", "--name-th", long, "--db", db])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the agency's Thai name may have at most 200 characters"))
        #expect(refused.stderr.contains("ชื่อหน่วยงานภาษาไทยยาวได้ไม่เกิน 200 ตัวอักษร"))
        let english = try Program.run([
            "agency", "add", "long", "--name-th", "อบต.ยาว", "--name-en", String(repeating: "a", count: 201), "--db",
            db,
        ])
        #expect(english.status != 0 && english.stderr.contains("English name may have at most 200 characters"))
        #expect(try await AppDatabase.open(path: db).agencies().isEmpty)
    }

    @Test("round set changes a round's settings through the console's checks, and refuses what the console refuses")
    func roundSet() async throws {
        let db = Self.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        _ = try Program.run(["round", "open", "demo", "--year", "2570", "--iit-codes", "--db", db])
        let changed = try Program.run([
            "round", "set", "demo", "--year", "2570", "--oit", "91.5", "--no-iit-codes", "--iit-rule", "fixed:45",
            "--eit-small-cells", "4", "--db", db,
        ])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("changed demo 2570") && changed.stdout.contains("IIT minimum 45"))
        let refused = try Program.run([
            "round", "set", "demo", "--year", "2570", "--small-cells", "2", "--iit-rule", "fixed:0", "--db", db,
        ])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--small-cells: The smallest group shown is a whole number from 3 to 1000"))
        #expect(refused.stderr.contains("--iit-rule: The sample rule is one of"))
        let round = try #require(try await AppDatabase.open(path: db).round(agencyId: 1, year: 2570))
        #expect(round.oit == Rational(915, 10) && !round.iitCodes && round.iitRule == .fixed(45))
        #expect(round.smallCellMinimum == 5 && round.eitSmallCellMinimum == 4)
        let audit = try await AppDatabase.open(path: db).auditEvents()
        #expect(audit.contains { $0.username == "cli" && $0.action == AuditAction.roundChanged.rawValue })
    }

    @Test("codes prints new codes only for a form that uses them, and writes the batch to the audit log")
    func codes() async throws {
        let db = Self.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        _ = try Program.run(["round", "open", "demo", "--year", "2570", "--db", db])
        let refused = try Program.run(["codes", "demo", "--year", "2570", "--count", "3", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("does not use access codes"))
        _ = try Program.run(["agency", "add", "staff", "--name-th", "ตัวอย่าง", "--db", db])
        _ = try Program.run(["round", "open", "staff", "--year", "2570", "--iit-codes", "--db", db])
        let printed = try Program.run(["codes", "staff", "--year", "2570", "--count", "25", "--db", db])
        let codes = printed.stdout.split(separator: "\n")
        #expect(codes.count == 25 && Set(codes).count == 25)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil })
        // Counter slips are the EIT's codes: refused until the round's EIT asks for them, then made for the EIT.
        let noSlips = try Program.run(["codes", "staff", "--year", "2570", "--form", "eit", "--count", "3", "--db", db])
        #expect(noSlips.status != 0 && noSlips.stderr.contains("--eit-codes"))
        #expect(try Program.run(["round", "set", "staff", "--year", "2570", "--eit-codes", "--db", db]).status == 0)
        let slips = try Program.run(["codes", "staff", "--year", "2570", "--form", "eit", "--count", "4", "--db", db])
        #expect(slips.status == 0 && slips.stdout.split(separator: "\n").count == 4)
        let audit = try await AppDatabase.open(path: db).auditEvents()
        #expect(audit.contains { $0.username == "cli" && $0.detail == "2570 iit: batch 1, 25 codes" })
        #expect(audit.contains { $0.username == "cli" && $0.detail == "2570 eit: batch 1, 4 codes" })
        let badForm = try Program.run(["codes", "staff", "--year", "2570", "--form", "oit", "--count", "4", "--db", db])
        #expect(badForm.status != 0 && badForm.stderr.contains("--form"))
    }

    @Test("report prints from the stored tallies the same JSON as score does for the same responses")
    func reportEqualsScore() async throws {
        let db = Self.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--kind", "sao-m", "--db", db])
        _ = try Program.run(["round", "open", "demo", "--year", "2570", "--iit-population", "60", "--db", db])
        let survey = ScoreCommandTests.generated
        let catalog = try InstrumentCatalog(
            directory: Program.repositoryRoot.appendingPathComponent("WebForms/instruments"))
        let responses = try InterchangeCSV.read(
            survey.csv,
            instruments: [.iit: catalog.instrument(.iit, year: 2570)!, .eit: catalog.instrument(.eit, year: 2570)!])
        let database = try AppDatabase.open(path: db)
        let round = try #require(try await database.round(agencyId: 1, year: 2570))
        for response in responses {
            _ = try await database.record(
                Submission(response: response, roundId: round.id, token: nil))
        }
        let csv = try TemporaryFile(contents: survey.csv)
        let report = try Program.run(["report", "demo", "--year", "2570", "--oit", "88.5", "--json", "--db", db])
        let score = try Program.run([
            "score", csv.path, "--year", "2570", "--kind", "sao-m", "--iit-population", "60", "--oit", "88.5", "--json",
        ])
        #expect(report.status == 0, "\(report.stderr)")
        let reported = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! NSDictionary
        let scored = try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as! NSDictionary
        #expect(reported == scored)
        #expect((reported["iit"] as! NSDictionary)["responses"] as? Int == 140)
        let table = try Program.run(["report", "demo", "--year", "2570", "--db", db])
        #expect(table.stdout.contains("ผู้ตอบ / responses 190"))
        let missing = try Program.run(["report", "demo", "--year", "2569", "--db", db])
        #expect(missing.stderr.contains("demo has no round for fiscal year 2569"))
    }
}
