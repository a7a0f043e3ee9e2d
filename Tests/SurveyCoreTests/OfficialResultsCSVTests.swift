import SurveyCore
import Testing

@Suite("The id,score,note file of official results: header, BOM, CRLF, quotes, bad lines by number")
struct OfficialResultsCSVTests {
    static let example =
        "id,score,note\n1,95.01\n2,84.45\n3,88.62\n4,83.07\n5,86.04\n6,85.07\n7,84.54\n8,82.73\n9,100\n10,100\n"

    static func read(_ text: String, year: Int = 2566) -> Result<OfficialResults, OfficialFailure> {
        OfficialResultsCSV.results(file: text, fiscalYear: year)
    }

    @Test("a file with a BOM, CRLF and quoted notes with commas and quotes reads as typed")
    func quotedNotes() throws {
        let text =
            "\u{FEFF}" + Self.example.replacingOccurrences(of: "\n", with: "\r\n")
            + "e11,70,\"E11, E12: แสดงผลการปรับปรุง \"\"เทียบกับปีก่อน\"\"\"\r\n"
            + ",,\"บรรทัดแรก\nบรรทัดที่สอง\"\r\n\r\n"
        let results = try Self.read(text).get()
        #expect(results.total?.formatted == "91.47")
        #expect(results.note(about: .item(OfficialItemID("e11")!)) == "E11, E12: แสดงผลการปรับปรุง \"เทียบกับปีก่อน\"")
        #expect(results.generalNotes == ["บรรทัดแรก\nบรรทัดที่สอง"])
        // What the console shows back reads back to the same results.
        let again = OfficialResultsCSV.read(pasted: OfficialResultsCSV.text(results.rows)).entries
        #expect(try OfficialResults.Draft(fiscalYear: 2566, entries: again).validated().get() == results)
    }

    @Test("every bad line is named with its number, in English and Thai")
    func badLines() {
        let text = Self.example + "i40,50,\nO3,abc,\n1,90,\ni2,1,2,3\n"
        guard case .failure(let failure) = Self.read(text) else {
            Issue.record("a bad file was accepted")
            return
        }
        #expect(failure.problems.map(\.source) == [.line(12), .line(13), .line(14), .line(15)])
        let lines = failure.description.split(separator: "\n")
        #expect(lines[0].hasPrefix("line 12 / บรรทัด 12: Unknown id “i40”"))
        #expect(
            lines[1].contains("The score of item O3 is a number from 0 to 100") && lines[1].contains("คะแนนของข้อ O3"))
        #expect(lines[2].contains("indicator 1 appears twice (also at line 2)"))
        #expect(lines[3].hasPrefix("line 15 / บรรทัด 15: has 4 values"))
    }

    @Test("a wrong or missing header, an empty file and an unclosed quote are refused")
    func headers() {
        for (text, message) in [
            ("id;score;note\n1,90\n", "The first line must be the header"),
            ("1,95.01\n", "The first line must be the header"), ("", "The file is empty"),
            ("\u{FEFF}", "The file is empty"), (Self.example + ",,\"never closed\n", "A quoted value is never closed"),
        ] {
            guard case .failure(let failure) = Self.read(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(failure.description.contains(message), "\(failure)")
        }
    }

    @Test("pasted rows may leave the header off; their lines count from the first pasted")
    func pasted() throws {
        let rows = OfficialResultsCSV.read(pasted: "i5,80\n\nO1,100,ครบ")
        #expect(rows.entries.map(\.source) == [.line(1), .line(3)] && rows.problems.isEmpty)
        #expect(OfficialResultsCSV.read(pasted: "id,score,note\ni5,80").entries.map(\.id) == ["i5"])
    }
}
