import Foundation
import SurveyCore
import Testing

@Suite("The interchange CSV: written with a BOM, read by header name, bad rows refused by line")
struct InterchangeCSVTests {
    let instruments: [FormKind: Instrument] = [.iit: Fixtures.iit, .eit: Fixtures.eit]

    @Test("values a spreadsheet would run as formulas are written as text")
    func formulaCells() {
        #expect(
            InterchangeCSV.line(["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "2569-11-20", "yes"])
                == "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,2569-11-20,yes\r\n")
    }

    @Test("a file of both forms survives a round trip")
    func roundTrip() throws {
        let responses =
            TallyTests.randomResponses(.iit, count: 30, seed: 5) + TallyTests.randomResponses(.eit, count: 40, seed: 6)
        // Written the way the export writes it: mark, header, one line per response.
        let columns = InterchangeCSV.columns(for: [Fixtures.eit, Fixtures.iit])
        let text =
            InterchangeCSV.byteOrderMark + InterchangeCSV.line(columns)
            + responses.map { InterchangeCSV.line(InterchangeCSV.values(of: $0, columns: columns)) }.joined()
        #expect(text.hasPrefix("\u{FEFF}form,day,gender,age,education,contact,i1a,i1b,i2,"))
        #expect(text.contains(",i30d,e1a,e1b,e2,"))
        #expect(try InterchangeCSV.read(text, instruments: instruments) == responses)
        let withoutBOM = String(text.dropFirst())
        #expect(try InterchangeCSV.read(withoutBOM, instruments: instruments) == responses)
    }

    @Test("a file of one form, with columns in another order and LF line ends, reads alike")
    func oneFormReordered() throws {
        let responses = TallyTests.randomResponses(.eit, count: 5, seed: 8)
        var columns = InterchangeCSV.columns(for: [Fixtures.eit])
        columns.reverse()
        var text = columns.joined(separator: ",") + "\n"
        for response in responses {
            text += InterchangeCSV.values(of: response, columns: columns).joined(separator: ",") + "\n"
        }
        #expect(try InterchangeCSV.read(text, instruments: instruments) == responses)
    }

    @Test("quoted values and blank profile cells are accepted")
    func quotedAndBlank() throws {
        let response = Fixtures.response(.iit, answer: Fixtures.best)
        let columns = InterchangeCSV.columns(for: [Fixtures.iit])
        var values = InterchangeCSV.values(of: response, columns: columns)
        values[2] = ""
        values[6] = "\"4\""
        let text = columns.joined(separator: ",") + "\r\n" + values.joined(separator: ",") + "\r\n"
        let read = try InterchangeCSV.read(text, instruments: instruments)
        #expect(read.count == 1)
        #expect(read[0].profile[.gender] == nil)
        #expect(read[0].answers == response.answers)
    }

    static func brokenFile(_ change: (inout [String: String]) -> Void, columnsChange: ([String]) -> [String] = { $0 })
        -> String
    {
        let columns = InterchangeCSV.columns(for: [Fixtures.iit, Fixtures.eit])
        let good = Fixtures.response(.eit, answer: Fixtures.best)
        var bad = Dictionary(uniqueKeysWithValues: zip(columns, InterchangeCSV.values(of: good, columns: columns)))
        change(&bad)
        let header = columnsChange(columns)
        return
            ([header.joined(separator: ",")]
            + [good, good].map {
                InterchangeCSV.values(of: $0, columns: columns).joined(separator: ",")
            } + [header.map { bad[$0] ?? "" }.joined(separator: ",")]).joined(separator: "\n") + "\n"
    }

    @Test(
        "a bad row stops the read with its line number and the problem",
        arguments: [
            ("e3", "7", "line 4 / บรรทัด 4: e3: “7” is not one of the choices"),
            ("e3", "", "line 4 / บรรทัด 4: e3: Please answer question 3."),
            ("age", "old", "line 4 / บรรทัด 4: age: “old” is not one of"),
            ("day", "2026-02-30", "line 4 / บรรทัด 4: day “2026-02-30” is not"),
            ("form", "oit", "line 4 / บรรทัด 4: form “oit” must be iit or eit"),
            ("i5a", "no", "line 4 / บรรทัด 4: i5a must be empty on a eit row"),
            ("e1a", "4,4", "line 4 / บรรทัด 4: has 77 values, the header has 76"),
        ])
    func badRow(column: String, value: String, message: String) {
        let text = Self.brokenFile { $0[column] = value }
        #expect {
            try InterchangeCSV.read(text, instruments: instruments)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("a header with an unknown, repeated or missing column is refused at line 1")
    func badHeader() {
        for (columnsChange, message) in [
            ({ (columns: [String]) in columns + ["comment"] }, "unknown column “comment”"),
            ({ (columns: [String]) in columns + ["e2"] }, "column “e2” appears twice"),
            ({ (columns: [String]) in columns.filter { $0 != "day" } }, "column “day” is missing"),
        ] {
            let text = Self.brokenFile({ _ in }, columnsChange: columnsChange)
            #expect {
                try InterchangeCSV.read(text, instruments: instruments)
            } throws: { error in
                "\(error)".hasPrefix("line 1 / บรรทัด 1: \(message)")
            }
        }
        #expect(throws: CSVError(line: 1, message: "the file is empty")) {
            try InterchangeCSV.read("", instruments: instruments)
        }
    }
}
