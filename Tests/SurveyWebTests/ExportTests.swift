import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Exports: the interchange CSV and JSON, streamed, k-anonymous")
struct ExportTests {
    /// An IIT round where exactly one respondent is over 60 and two are `other` gender, all answering last week,
    /// and three EIT respondents, one over 60.
    static func smallCellRound(_ fixture: WebFixture) async throws -> Round {
        let round = try await fixture.agency(opens: WebFixture.today.adding(days: -14))!
        let day = WebFixture.today.adding(days: -7)
        var responses: [Response] = []
        for index in 0..<12 {
            var answers = WebFixture.answers(.iit)
            answers["age"] = index == 0 ? "gt60" : "31-40"
            answers["gender"] = index < 2 ? "other" : "female"
            responses.append(try WebFixture.instrument(.iit).validate(answers, day: day).get())
        }
        for index in 0..<3 {
            responses.append(
                try WebFixture.instrument(.eit).validate(
                    WebFixture.answers(.eit).merging(["age": index == 0 ? "gt60" : "31-40"]) { $1 }, day: day
                ).get())
        }
        try await fixture.database.importResponses(responses, roundId: round.id)
        try await fixture.admin("root", agency: nil)
        return round
    }

    @Test("the CSV is the interchange format with a BOM, one row per response, readable by the scorer")
    func csv() async throws {
        let fixture = try WebFixture()
        let round = try await Self.smallCellRound(fixture)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let response = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=eit")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(
                response.headers[.contentDisposition]?.contains("prongsai-demo-\(round.fiscalYear)-eit.csv") == true)
            let text = response.html
            #expect(text.hasPrefix("\u{FEFF}form,day,gender,age,education,contact,e1a,e1b,e2,"))
            let rows = try InterchangeCSV.read(text, instruments: [.eit: WebFixture.instrument(.eit)])
            #expect(rows.count == 3 && rows.allSatisfy { $0.day == WebFixture.today.adding(days: -14) })
            // The one EIT respondent over 60 is not singled out under EIT's k of 3.
            #expect(!rows.contains { $0.profile[.age] == "gt60" })
        }
    }

    @Test("in the IIT export no combination of released values has fewer than k rows, and nothing names a withheld one")
    func smallCells() async throws {
        let fixture = try WebFixture()
        let round = try await Self.smallCellRound(fixture)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            let rows = try InterchangeCSV.read(csv, instruments: [.iit: WebFixture.instrument(.iit)])
            #expect(rows.count == 12)
            #expect(rows.allSatisfy { $0.profile[.age] != "gt60" && $0.profile[.gender] != "other" })
            var classes: [String: Int] = [:]
            for row in rows {
                let key = [row.day.description] + FormKind.iit.profileDimensions.map { row.profile[$0] ?? "" }
                classes[key.joined(separator: "|"), default: 0] += 1
            }
            #expect(classes.values.allSatisfy { $0 >= 5 }, "\(classes)")
            // A blank is shared by at least k rows or by none.
            for dimension in FormKind.iit.profileDimensions {
                let blanks = rows.filter { $0.profile[dimension] == nil }.count
                #expect(blanks == 0 || blanks >= 5, "\(dimension)")
            }
            let json = try await admin.get("/admin/demo/\(round.fiscalYear)/export.json?form=iit")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(object["blanked"] == nil)
            #expect(!json.html.contains("gt60"))
            #expect(object["smallCellMinimum"] as? Int == 5)
            let responses = try #require(object["responses"] as? [[String: Any]])
            #expect(responses.count == 12)
            #expect((responses[0]["answers"] as? [String: String])?.count == 51)
            #expect(!responses.contains { $0["gender"] as? String == "other" })
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(!dashboard.contains("data-blanked"))
            #expect(dashboard.contains("data-release=\"iit\"") && dashboard.contains("น้อยกว่า 5 คน"))
            #expect(!dashboard.contains("ช่วงอายุ มากกว่า 60 ปี") && !dashboard.contains("เพศ อื่น ๆ"))
        }
        let audit = try await fixture.database.auditEvents().map(\.action)
        #expect(audit.contains("export csv") && audit.contains("export json"))
    }

    @Test("k follows the round's setting but never drops below 3")
    func smallCellFloor() {
        #expect(SmallCellRule(minimum: 1).minimum == 3)
        #expect(SmallCellRule(minimum: 8).minimum == 8)
    }

    @Test("an export names its form")
    func formRequired() async throws {
        let fixture = try WebFixture()
        let round = try await Self.smallCellRound(fixture)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            #expect(try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv").status == .badRequest)
            #expect(try await admin.get("/admin/demo/\(round.fiscalYear)/export.json?form=oit").status == .badRequest)
        }
    }
}
