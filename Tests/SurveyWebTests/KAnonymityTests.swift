import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

@testable import SurveyWeb

/// One profile of a respondent, for building data sets.
struct Staff {
    let gender: String
    let age: String
    let education: String
    let daysAgo: Int
}

/// What an attacker reads off the pages: profile tables as the HTML shows them.
struct ParsedTable {
    let caption: String
    /// Rows of shown cells ("*" or a number), the last column the row total; the last row the column totals.
    let rows: [[String]]
    let labels: [String]

    /// Every table of class `profile` on a page.
    static func all(in html: String) -> [ParsedTable] {
        html.matches(of: /<table class="data profile">([\s\S]*?)<\/table>/).map { match in
            let body = String(match.output.1)
            let caption = body.firstMatch(of: /<caption>([^<]*)<\/caption>/).map { String($0.output.1) } ?? ""
            var rows: [[String]] = []
            var labels: [String] = []
            for row in body.matches(of: /<tr[^>]*><td>([^<]*)<\/td>((?:<td class="n">[^<]*<\/td>)+)<\/tr>/) {
                labels.append(String(row.output.1))
                rows.append(row.output.2.matches(of: /<td class="n">([^<]*)<\/td>/).map { String($0.output.1) })
            }
            return ParsedTable(caption: caption, rows: rows, labels: labels)
        }
    }

    /// The numbers shown, hidden ones as nil.
    var shown: [[Int?]] { rows.map { $0.map { Int($0) } } }
}

/// Solves a shown table as an attacker would: a hidden number is pinned unless another table with the same shown
/// numbers, sums that add up and no negative count differs in it (found along a cycle of hidden entries).
enum HiddenCellSolver {
    /// The hidden entries of `shown` (cells with totals, as parsed) that the shown numbers pin, given the truth.
    static func pinned(truth: [[Int]], shown: [[Int?]]) -> [[Int]] {
        let rows = truth.count - 1
        let columns = truth[0].count - 1
        var hidden = Set<[Int]>()
        for row in 0...rows {
            for column in 0...columns where shown[row][column] == nil { hidden.insert([row, column]) }
        }
        return hidden.sorted { $0.lexicographicallyPrecedes($1) }.filter { entry in
            !alternative(entry, truth: truth, hidden: hidden, rows: rows, columns: columns)
        }
    }

    private static func alternative(_ entry: [Int], truth: [[Int]], hidden: Set<[Int]>, rows: Int, columns: Int)
        -> Bool
    {
        var found = false
        func search(_ path: [[Int]], atColumn: Bool, node: Int) {
            if found { return }
            if !atColumn && node == entry[0] && path.count > 1 {
                for delta in [1, -1] {
                    var trial = truth
                    for (index, step) in path.enumerated() {
                        let isTotal = (step[0] == rows) != (step[1] == columns)
                        trial[step[0]][step[1]] += (index.isMultiple(of: 2) ? delta : -delta) * (isTotal ? -1 : 1)
                    }
                    let sums =
                        (0..<rows).allSatisfy { r in (0..<columns).reduce(0) { $0 + trial[r][$1] } == trial[r][columns]
                        }
                        && (0...columns).allSatisfy { c in (0..<rows).reduce(0) { $0 + trial[$1][c] } == trial[rows][c]
                        }
                    if sums && trial.joined().allSatisfy({ $0 >= 0 }) { found = true }
                }
                return
            }
            for next in hidden where !path.contains(next) {
                if atColumn && next[1] == node {
                    search(path + [next], atColumn: false, node: next[0])
                } else if !atColumn && next[0] == node {
                    search(path + [next], atColumn: true, node: next[1])
                }
            }
        }
        search([entry], atColumn: true, node: entry[1])
        return found
    }
}

@Suite("k-anonymity of every release: exports, dashboard, counter, report")
struct KAnonymityTests {
    static let iitDimensions = FormKind.iit.profileDimensions

    /// A round opened 30 days ago with the given IIT staff (and EIT residents) stored on their days.
    static func round(
        _ fixture: WebFixture, iit: [Staff], eit: [Staff] = [], targets: [ProfileTarget] = []
    ) async throws -> Round {
        let round = try await fixture.agency(opens: WebFixture.today.adding(days: -30))!
        var responses: [Response] = []
        for (form, people) in [(FormKind.iit, iit), (.eit, eit)] {
            for person in people {
                var answers = WebFixture.answers(form)
                answers["gender"] = person.gender
                answers["age"] = person.age
                answers["education"] = person.education
                responses.append(
                    try WebFixture.instrument(form).validate(
                        answers, day: WebFixture.today.adding(days: -person.daysAgo)
                    )
                    .get())
            }
        }
        try await fixture.database.importResponses(responses, roundId: round.id)
        var settings = round.settings
        settings.targets = targets
        let agency = try await fixture.database.requireAgency(slug: "demo")
        let withTargets = try await fixture.database.updateRound(round, to: settings, agency: agency, by: "test")
        try await fixture.admin("root", agency: nil)
        return withTargets
    }

    /// Five women over two days and one man alone on a day between them, plus one woman answering today.
    static let fiveWomenOneMan = [
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 12),
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 12),
        Staff(gender: "male", age: "31-40", education: "bachelor", daysAgo: 9),
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 6),
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 6),
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 6),
        Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 0),
    ]

    /// The released combinations of CSV rows (day and profile) and how many rows share each.
    static func classes(_ rows: [Response], _ dimensions: [ProfileDimension]) -> [String: Int] {
        var classes: [String: Int] = [:]
        for row in rows {
            classes[
                ([row.day.description] + dimensions.map { row.profile[$0] ?? "" }).joined(separator: "|"), default: 0] +=
                1
        }
        return classes
    }

    @Test("five women and one man: no exported combination under k, the man's row looks like the others, nothing named")
    func fiveWomenOneManExport() async throws {
        let fixture = try WebFixture()
        let round = try await Self.round(fixture, iit: Self.fiveWomenOneMan)
        let lone = WebFixture.today.adding(days: -9)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            let rows = try InterchangeCSV.read(csv, instruments: [.iit: WebFixture.instrument(.iit)])
            // Today's answer waits for its period to close; the six of the closed period are all there.
            #expect(rows.count == 6)
            let classes = Self.classes(rows, Self.iitDimensions)
            #expect(classes.values.allSatisfy { $0 >= 5 }, "\(classes)")
            #expect(!rows.contains { $0.profile[.gender] == "male" })
            // Gender is either shown for no one or blank for at least k rows: the blank marks nobody.
            let blankGender = rows.filter { $0.profile[.gender] == nil }.count
            #expect(blankGender == 0 || blankGender >= 5)
            #expect(!csv.contains(lone.description))
            let json = try await admin.get("/admin/demo/\(round.fiscalYear)/export.json?form=iit")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(object["blanked"] == nil)
            #expect(object["smallCellMinimum"] as? Int == 5)
            let text = json.html
            #expect(!text.contains("\"male\"") && !text.contains(lone.description))
            let responses = try #require(object["responses"] as? [[String: Any]])
            #expect(responses.count == 6)
            var jsonClasses: [String: Int] = [:]
            for row in responses {
                let key = ["day", "dayTo", "gender", "age", "education"].map { "\(row[$0] ?? "")" }
                jsonClasses[key.joined(separator: "|"), default: 0] += 1
            }
            #expect(jsonClasses.values.allSatisfy { $0 >= 5 }, "\(jsonClasses)")
            #expect((responses[0]["answers"] as? [String: String])?.count == 51)
            // The export still scores: `prongsai score` reads it.
            #expect(rows.allSatisfy { Day($0.day.description) != nil })
            // The dashboard no longer names what the export leaves out, and its chart dates no lone answer.
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(!dashboard.contains("data-blanked") && !dashboard.contains("เพศ ชาย"))
            #expect(!dashboard.contains("\(lone.thai):"))
            let titles = dashboard.matches(of: /<title>[^<]*: (\d+) คน<\/title>/).map { Int($0.output.1)! }
            #expect(!titles.isEmpty && titles.allSatisfy { $0 >= 5 }, "\(titles)")
        }
    }

    @Test("one answer on a day is not released as such: not in the export, not on the chart, not in the counts")
    func loneAnswer() async throws {
        let fixture = try WebFixture()
        let staff =
            (0..<5).map { _ in Staff(gender: "female", age: "41-50", education: "bachelor", daysAgo: 20) }
            + [Staff(gender: "female", age: "41-50", education: "bachelor", daysAgo: 3)]
        let round = try await Self.round(fixture, iit: staff)
        let lone = WebFixture.today.adding(days: -3)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            let rows = try InterchangeCSV.read(csv, instruments: [.iit: WebFixture.instrument(.iit)])
            #expect(rows.count == 5 && !csv.contains(lone.description))
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            #expect(!dashboard.contains(lone.thai))
            #expect(dashboard.contains("<span data-responses=\"iit\">5</span>"))
            #expect(!dashboard.contains(": 6 คน") && !dashboard.contains(": 1 คน"))
        }
    }

    /// Staff with small groups everywhere: 31-40 (5 women, 1 man), 41-50 (4 women, 2 men), 51-60 (1 other), in two
    /// closed periods.
    static let mixedStaff: [Staff] =
        Array(repeating: Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 15), count: 5)
        + [Staff(gender: "male", age: "31-40", education: "postgrad", daysAgo: 14)]
        + Array(repeating: Staff(gender: "female", age: "41-50", education: "bachelor", daysAgo: 10), count: 4)
        + Array(repeating: Staff(gender: "male", age: "41-50", education: "secondary", daysAgo: 10), count: 2)
        + [Staff(gender: "other", age: "51-60", education: "bachelor", daysAgo: 10)]

    /// The table of a dimension by gender with totals that the exported rows give, laid out as the page lays it
    /// out: a "not given" row and column last when some rows are blank there.
    static func exported(_ csv: String, _ dimension: ProfileDimension) -> [[Int]] {
        let lines = csv.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = lines[0].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) }
        let rows = lines.dropFirst().map { line in
            (
                gender: String(line[header.firstIndex(of: "gender")!]),
                code: String(line[header.firstIndex(of: dimension.rawValue)!])
            )
        }
        let genders = ProfileDimension.gender.codes + (rows.contains { $0.gender.isEmpty } ? [""] : [])
        let codes = dimension.codes + (rows.contains { $0.code.isEmpty } ? [""] : [])
        var table = codes.map { code in genders.map { gender in rows.filter { $0 == (gender, code) }.count } }
        table = table.map { $0 + [$0.reduce(0, +)] }
        table.append((0...genders.count).map { column in table.reduce(0) { $0 + $1[column] } })
        return table
    }

    /// The true table of a dimension by gender with totals, laid out as the page lays it out.
    static func truth(_ staff: [Staff], _ dimension: ProfileDimension) -> [[Int]] {
        let genders = ProfileDimension.gender.codes
        var table = dimension.codes.map { code in
            genders.map { gender in
                staff.filter {
                    (dimension == .age ? $0.age : $0.education) == code && $0.gender == gender
                }.count
            }
        }
        table = table.map { $0 + [$0.reduce(0, +)] }
        table.append((0...genders.count).map { column in table.reduce(0) { $0 + $1[column] } })
        return table
    }

    @Test("no number from 1 to k−1 in any IIT table of the dashboard, counter or report, and no hidden cell solvable")
    func tables() async throws {
        let fixture = try WebFixture()
        let round = try await Self.round(
            fixture, iit: Self.mixedStaff,
            targets: [
                ProfileTarget(form: .iit, dimension: .gender, code: "male", minimum: 5),
                ProfileTarget(form: .iit, dimension: .age, code: "51-60", minimum: 2),
            ])
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            let report = try await admin.get("/admin/demo/\(round.fiscalYear)/report").html
            let export = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            for page in [dashboard, report] {
                let tables = ParsedTable.all(in: page).filter { $0.caption.hasPrefix("IIT") }
                #expect(tables.count == 2)
                for table in tables {
                    let numbers = table.shown.joined().compactMap { $0 }
                    #expect(!numbers.contains { (1..<5).contains($0) }, "\(table.caption): \(table.rows)")
                    // The tables count the rows as the export releases them, so each number is a sum of classes
                    // of at least k, and what they hide of the true table is what the export blanks.
                    let dimension: ProfileDimension = table.caption.contains("ช่วงอายุ") ? .age : .education
                    let truth = Self.exported(export, dimension)
                    #expect(truth != Self.truth(Self.mixedStaff, dimension), "the man's row is recoded")
                    #expect(table.shown.count == truth.count)
                    for (shown, real) in zip(table.shown.joined(), truth.joined()) where shown != nil {
                        #expect(shown == real)
                    }
                    #expect(HiddenCellSolver.pinned(truth: truth, shown: table.shown).isEmpty, "\(table.caption)")
                }
                // A gender total hidden in one table is hidden in the other.
                #expect(Set(tables.map { $0.rows.last!.map { $0 == "*" } }).count == 1)
            }
            // The targets: the count of men (3) is not shown, nor what is still needed (which would give it away).
            let targets = dashboard.matches(
                of: /<td class="n">(\d+|\*)<\/td><td class="n" data-needed="([^"]+)">([^<]*)</)
            for target in targets {
                if let count = Int(target.output.1) { #expect(count == 0 || count >= 5) }
            }
            #expect(dashboard.contains("data-needed=\"เพศ: ชาย\">*</td>"))
            #expect(dashboard.contains("data-needed=\"ช่วงอายุ: 51–60 ปี\">*</td>"))
            let counter = try await admin.get("/admin/demo/counter").html
            #expect(counter.contains("IIT · ชาย</span> <span class=\"count\">*</span>"))
            #expect(counter.contains("IIT · 51–60 ปี</span> <span class=\"count\">*</span>"))
            #expect(!counter.contains("<span class=\"count\">2</span>") && !counter.contains("count\">4<"))
            #expect(!dashboard.contains("data-blanked"))
        }
    }

    @Test("scores wait for k IIT respondents, and say so in Thai")
    func scoresWithheld() async throws {
        let fixture = try WebFixture()
        let staff = (0..<4).map { _ in Staff(gender: "female", age: "41-50", education: "bachelor", daysAgo: 5) }
        let round = try await Self.round(fixture, iit: staff)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            for path in ["/admin/demo/\(round.fiscalYear)", "/admin/demo/\(round.fiscalYear)/report"] {
                let page = try await admin.get(path).html
                #expect(page.contains("คะแนน IIT จะแสดงเมื่อมีผู้ตอบอย่างน้อย 5 คน"))
                #expect(page.contains("data-tool=\"iit\">—<"))
                #expect(page.contains("data-indicator=\"1\">—<"))
                #expect(!page.contains("data-responses=\"iit\">4<") && !page.contains(">4<"))
                #expect(page.contains("น้อยกว่า 5"))
            }
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=iit").html
            #expect(try InterchangeCSV.read(csv, instruments: [.iit: WebFixture.instrument(.iit)]).isEmpty)
            for path in ["/admin", "/admin/demo"] {
                let list = try await admin.get(path).html
                #expect(list.contains("<td class=\"n\">น้อยกว่า 5</td>") && !list.contains(">4<"), "\(path)")
            }
        }
    }

    @Test("an answer given today changes nothing shown: views before and after it are the same page")
    func differencing() async throws {
        let fixture = try WebFixture()
        let round = try await Self.round(fixture, iit: Self.mixedStaff)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let paths = [
                "/admin/demo/\(round.fiscalYear)", "/admin/demo/\(round.fiscalYear)/report", "/admin/demo/counter",
            ]
            func pages() async throws -> [String] {
                var pages: [String] = []
                for path in paths {
                    let html = try await admin.get(path).html
                    // The counter prints the time; the digest, which would change, is not shown while the round
                    // collects.
                    pages.append(html.replacing(/ปรับปรุงเมื่อ [^·]*/, with: ""))
                }
                return pages
            }
            let before = try await pages()
            var answers = WebFixture.answers(.iit)
            answers["gender"] = "male"
            answers["age"] = "gt60"
            for field in WebFixture.instrument(.iit).fields { answers[field.id] = field.scale.codes.first! }
            #expect(try await client.fillAndSubmit("/demo/iit", answers).response.status == .seeOther)
            #expect(try await fixture.database.tallies(roundId: round.id).iit.responses == 14)
            let after = try await pages()
            #expect(before == after)
        }
    }

    @Test("k cannot change once its form released answers: views under two k's would subtract to one answer")
    func frozenK() async throws {
        let fixture = try WebFixture()
        let round = try await Self.round(fixture, iit: Self.mixedStaff)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let path = "/admin/demo/\(round.fiscalYear)/edit"
            var values = Dictionary(
                uniqueKeysWithValues: RoundSettings.Draft(round.settings).text.map { ($0.key.rawValue, $0.value) })
            values["smallCells"] = "4"
            let refused = try await admin.post(path, values)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("เปลี่ยนขนาดกลุ่มเล็กสุด (k) ของ IIT ไม่ได้แล้ว"))
            #expect(refused.html.contains("value=\"4\""))
            // Moving the first day would cut the released days into other periods.
            values["smallCells"] = String(round.smallCellMinimum)
            values["opens"] = round.opens.adding(days: -3).description
            let moved = try await admin.post(path, values)
            #expect(moved.status == .unprocessableContent && moved.html.contains("เปลี่ยนวันเปิดรับคำตอบไม่ได้แล้ว"))
            values["opens"] = round.opens.description
            // EIT released nothing yet: its k may still change, and other settings save as before.
            values["eitSmallCells"] = "6"
            #expect(try await admin.post(path, values).status == .seeOther)
        }
        let stored = try #require(try await fixture.database.round(id: round.id))
        #expect(stored.smallCellMinimum == round.smallCellMinimum && stored.eitSmallCellMinimum == 6)
    }

    @Test("the digest shows on the dashboard and report only once the round has closed")
    func digestAfterClose() async throws {
        let fixture = try WebFixture()
        let open = try await Self.round(fixture, iit: Self.mixedStaff)
        let agency = try #require(try await fixture.database.agency(slug: "demo"))
        let closed = try await fixture.database.openRound(
            RoundSettings(
                fiscalYear: open.fiscalYear - 1, opens: WebFixture.today.adding(days: -90),
                closes: WebFixture.today.adding(days: -60), kind: .saoM),
            agency: agency, instruments: WebFixture.instruments, by: "test")
        try await fixture.database.importResponses(
            [
                try WebFixture.instrument(.eit).validate(
                    WebFixture.answers(.eit), day: WebFixture.today.adding(days: -70)
                )
                .get()
            ],
            roundId: closed.id)
        func instruments(_ round: Round) -> [Instrument] {
            FormKind.allCases.compactMap { WebFixture.catalog.instrument($0, version: round.instrumentVersion($0)) }
        }
        let fingerprint = try await fixture.database.publishedDigest(of: closed, instruments: instruments(closed))
        let openFingerprint = try await fixture.database.publishedDigest(of: open, instruments: instruments(open))
        #expect(try await fixture.database.publishedDigest(of: closed, instruments: []) != fingerprint)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            for page in ["", "/report"] {
                let collecting = try await admin.get("/admin/demo/\(open.fiscalYear)\(page)").html
                #expect(!collecting.contains(openFingerprint) && collecting.contains("จะแสดงเมื่อปิดรับคำตอบแล้ว"))
                let done = try await admin.get("/admin/demo/\(closed.fiscalYear)\(page)").html
                #expect(done.contains(fingerprint))
            }
        }
    }

    @Test("EIT releases follow its own k (3 by default): combinations, days and tables")
    func eit() async throws {
        let fixture = try WebFixture()
        let residents =
            Array(repeating: Staff(gender: "female", age: "31-40", education: "bachelor", daysAgo: 10), count: 4)
            + [Staff(gender: "male", age: "gt60", education: "primary", daysAgo: 4)]
            + Array(repeating: Staff(gender: "female", age: "20-30", education: "bachelor", daysAgo: 3), count: 2)
        let round = try await Self.round(fixture, iit: [], eit: residents)
        #expect(round.eitSmallCellMinimum == 3)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csv = try await admin.get("/admin/demo/\(round.fiscalYear)/export.csv?form=eit").html
            let rows = try InterchangeCSV.read(csv, instruments: [.eit: WebFixture.instrument(.eit)])
            #expect(rows.count == 7)
            let classes = Self.classes(rows, FormKind.eit.profileDimensions)
            #expect(classes.values.allSatisfy { $0 >= 3 }, "\(classes)")
            #expect(!csv.contains(WebFixture.today.adding(days: -4).description))
            #expect(!rows.contains { $0.profile[.age] == "gt60" || $0.profile[.gender] == "male" })
            let dashboard = try await admin.get("/admin/demo/\(round.fiscalYear)").html
            for table in ParsedTable.all(in: dashboard).filter({ $0.caption.hasPrefix("EIT") }) {
                #expect(!table.shown.joined().contains { ($0 ?? 0) == 1 || ($0 ?? 0) == 2 }, "\(table.rows)")
            }
            let titles = dashboard.matches(of: /<title>[^<]*: (\d+) คน<\/title>/).map { Int($0.output.1)! }
            #expect(titles.allSatisfy { $0 >= 3 })
        }
    }
}
