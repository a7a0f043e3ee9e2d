import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@Suite("Exports: the interchange CSV and JSON, streamed, with small IIT cells blanked")
struct ExportTests {
    /// An IIT round where exactly one respondent is over 60 and two are `other` gender.
    static func smallCellRound(_ fixture: WebFixture) async throws -> Round {
        let round = try await fixture.agency()!
        var responses: [Response] = []
        for index in 0..<12 {
            var answers = WebFixture.answers(.iit)
            answers["age"] = index == 0 ? "gt60" : "31-40"
            answers["gender"] = index < 2 ? "other" : "female"
            responses.append(try WebFixture.instrument(.iit).validate(answers, day: .today).get())
        }
        responses.append(
            try WebFixture.instrument(.eit).validate(
                WebFixture.answers(.eit).merging(["age": "gt60"]) { $1 }, day: .today
            ).get())
        try await fixture.database.importResponses(responses, roundId: round.id!)
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
            #expect(rows.count == 1 && rows[0].profile[.age] == "gt60")
        }
    }

    @Test("in the raw IIT export a profile value shared by fewer than k respondents is blank, and the page says so")
    func smallCells() async throws {
        let fixture = try WebFixture()
        let round = try await Self.smallCellRound(fixture)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            let rows = try InterchangeCSV.read(csv, instruments: [.iit: WebFixture.instrument(.iit)])
            #expect(rows.count == 12)
            #expect(rows.allSatisfy { $0.profile[.age] != "gt60" && $0.profile[.gender] != "other" })
            #expect(rows.filter { $0.profile[.age] == nil }.count == 1)
            #expect(rows.filter { $0.profile[.gender] == nil }.count == 2)
            #expect(rows.filter { $0.profile[.age] == "31-40" }.count == 11)
            let json = try await admin.get("/admin/demo/\(round.fiscalYear)/export.json?form=iit")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(object["blanked"] as? [String: [String]] == ["gender": ["other"], "age": ["gt60"]])
            #expect(object["smallCellMinimum"] as? Int == 5)
            let responses = try #require(object["responses"] as? [[String: Any]])
            #expect(responses.count == 12)
            #expect(responses.filter { $0["age"] is NSNull }.count == 1)
            #expect((responses[0]["answers"] as? [String: String])?.count == 51)
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(dashboard.contains("data-blanked=\"iit\""))
            #expect(dashboard.contains("น้อยกว่า 5 คน"))
            #expect(dashboard.contains("อายุ มากกว่า 60 ปี") && dashboard.contains("เพศ อื่นๆ"))
            // The EIT export is not blanked: its one respondent over 60 stays.
            let eit = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=eit").html
            #expect(eit.contains(",gt60,"))
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
