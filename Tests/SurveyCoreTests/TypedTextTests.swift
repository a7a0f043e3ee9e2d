import SurveyCore
import Testing

@Suite("Admin-typed text: what cannot be printed or reorders the text around it is refused everywhere it is kept")
struct TypedTextTests {
    static let unprintable = [
        "เสียง\u{07}", "ข้อความ\u{202E}txt.exe", "a\u{2067}b", "ศูนย์\u{0}", "\u{1B}[31m", "ซ้าย\u{200F}ขวา",
        "บรรทัด\u{2028}ใหม่", "\u{FEFF}หัว",
    ]

    @Test("control and direction-changing characters are found; line breaks, tabs and Thai zero-width spaces are not")
    func finds() {
        for text in Self.unprintable {
            #expect(TypedText.holdsUnprintable(text), "\(text.unicodeScalars.map(\.value))")
        }
        for text in ["ประชาสัมพันธ์\u{200B}ช่องทาง", "หนึ่ง\nสอง\tสาม\r\nสี่", "E-Service 100%", ""] {
            #expect(!TypedText.holdsUnprintable(text))
        }
    }

    @Test("an official note, a measure's cell, a signer's name and a วิธีการพัฒนา refuse them, naming the place")
    func refusedWhereKept() throws {
        for text in Self.unprintable {
            let results = OfficialResults.Draft(
                fiscalYear: 2566,
                entries: [OfficialResults.Entry(source: .line(2), id: "1", score: "90", note: text)], levels: ""
            ).validated()
            guard case .failure(let failure) = results else {
                Issue.record("an official note with \(text.unicodeScalars.map(\.value)) was kept")
                continue
            }
            #expect(failure.problems.contains { $0.message.th.contains("อักขระพิเศษที่มองไม่เห็น") })

            var row = MeasuresPlan.TypedRow()
            row[.measure] = "ประกาศ No Gift"
            row[.indicators] = "1"
            row[.owner] = "สำนักปลัด" + text
            var typed = MeasuresPlan.Typed(rows: [row], signer: Signatory(name: "นายสมชาย ใจดี"))
            guard case .failure(let plan) = typed.validated(fiscalYear: 2567, basis: nil) else {
                Issue.record("a measure's owner with \(text.unicodeScalars.map(\.value)) was kept")
                continue
            }
            #expect(plan.problems.map(\.field) == [MeasuresPlan.Field.owner.name(row: 1)])
            #expect(
                plan.problems[0].message.th
                    == "ผู้รับผิดชอบ ของแถวที่ 1 มีอักขระพิเศษที่มองไม่เห็น (มักติดมากับการคัดลอก) กรุณาลบแล้วพิมพ์ข้อความนี้ใหม่")

            row[.owner] = "สำนักปลัด"
            typed = MeasuresPlan.Typed(rows: [row], signer: Signatory(name: "นายสมชาย" + text))
            guard case .failure(let signer) = typed.validated(fiscalYear: 2567, basis: nil) else {
                Issue.record("a signer's name with \(text.unicodeScalars.map(\.value)) was kept")
                continue
            }
            #expect(signer.problems.map(\.field) == [MeasuresPlan.Typed.signerName])

            guard case .failure = ImprovementNote.checked("จัดอบรม" + text, field: "note-i7") else {
                Issue.record("an improvement note with \(text.unicodeScalars.map(\.value)) was kept")
                continue
            }
        }
    }
}
