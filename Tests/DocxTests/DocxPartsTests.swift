import Docx
import Foundation
import Testing

@Suite("The .docx package: its parts, well-formed XML, Thai typography, tables, sections")
struct DocxPartsTests {
    /// The parts of `document`, each parsed by XMLParser.
    private func parts(of document: Document) throws -> (unzipped: Unzipped, xml: [String: ParsedXML]) {
        let unzipped = try Unzipped(document.docx())
        var parsed: [String: ParsedXML] = [:]
        for name in unzipped.names { parsed[name] = ParsedXML(try unzipped.data(name)) }
        return (unzipped, parsed)
    }

    @Test("every part is there, well-formed, typed in [Content_Types].xml and reachable through the relationships")
    func packageParts() throws {
        let (unzipped, xml) = try parts(of: SampleReport.document)
        #expect(unzipped.names.first == "[Content_Types].xml")
        #expect(
            Set(unzipped.names) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
                "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
                "word/numbering.xml",
            ])
        for (name, part) in xml { #expect(part.error == nil, "\(name): \(part.error ?? "")") }
        let overrides = Set(xml["[Content_Types].xml"]?.attributes(of: "Override").compactMap { $0["PartName"] } ?? [])
        let typed = Set(
            unzipped.names.filter { !$0.hasSuffix(".rels") && $0 != "[Content_Types].xml" }.map { "/" + $0 })
        #expect(overrides == typed)
        let packageTargets = xml["_rels/.rels"]?.attributes(of: "Relationship").compactMap { $0["Target"] } ?? []
        let wordTargets =
            xml["word/_rels/document.xml.rels"]?.attributes(of: "Relationship").compactMap {
                $0["Target"].map { "word/" + $0 }
            }
            ?? []
        #expect(Set(packageTargets + wordTargets) == Set(typed.map { String($0.dropFirst()) }))
    }

    @Test("Thai is set as a complex script: the font on all four slots, sizes and bold for both scripts, th-TH")
    func thaiTypography() throws {
        let document = Document(blocks: [.paragraph(Paragraph(runs: [Run("ตัวหนา", bold: true, size: 18)]))])
        let (_, xml) = try parts(of: document)
        let styles = try #require(xml["word/styles.xml"])
        let fonts = try #require(styles.attributes(of: "w:rFonts").first)
        for slot in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] { #expect(fonts[slot] == "TH Sarabun New") }
        #expect(styles.attributes(of: "w:sz").first?["w:val"] == "32")
        #expect(styles.attributes(of: "w:szCs").first?["w:val"] == "32")
        #expect(styles.attributes(of: "w:lang").first?["w:bidi"] == "th-TH")
        #expect(xml["word/fontTable.xml"]?.attributes(of: "w:altName").first?["w:val"] == "TH SarabunPSK")
        let body = try #require(xml["word/document.xml"])
        #expect(body.elements.contains { $0.name == "w:bCs" })
        #expect(body.attributes(of: "w:szCs").first?["w:val"] == "36")
        #expect(body.paragraphs.first == "ตัวหนา")
    }

    @Test("text is escaped, spaces kept, characters XML 1.0 forbids dropped, tabs and line feeds become elements")
    func escaping() throws {
        let text = "  <ก & ข> \"ค\" 'ง'\u{1}\u{FFFE}\u{B}  "
        let document = Document(blocks: [.paragraph(Paragraph(text)), .paragraph("ก\tข\nค")])
        let (unzipped, xml) = try parts(of: document)
        let body = try #require(xml["word/document.xml"])
        #expect(body.error == nil)
        #expect(body.paragraphs.prefix(2) == ["  <ก & ข> \"ค\" 'ง'  ", "ก\tขค"])
        #expect(body.elements.contains { $0.name == "w:br" })
        #expect(try unzipped.text("word/document.xml").contains("xml:space=\"preserve\""))
    }

    @Test("Thai digits replace 0–9 in the text only, not in the markup")
    func thaiDigits() throws {
        let blocks: [Block] = [
            .heading("ผลการประเมิน ปี 2570", level: 1), .paragraph(Paragraph(runs: [Run("ร้อยละ 85.50", size: 14)])),
        ]
        let thai = try #require(try parts(of: Document(thaiDigits: true, blocks: blocks)).xml["word/document.xml"])
        #expect(thai.paragraphs.prefix(2) == ["ผลการประเมิน ปี ๒๕๗๐", "ร้อยละ ๘๕.๕๐"])
        #expect(thai.attributes(of: "w:sz").first?["w:val"] == "28")
        #expect(thai.attributes(of: "w:pgSz").first?["w:w"] == "11906")
        let arabic = try #require(try parts(of: Document(blocks: blocks)).xml["word/document.xml"])
        #expect(arabic.paragraphs.prefix(2) == ["ผลการประเมิน ปี 2570", "ร้อยละ 85.50"])
    }

    @Test("a table spans the text width, repeats its header rows, keeps rows whole, shades and merges cells")
    func table() throws {
        let table = Table(
            columnWeights: [1, 3],
            headerRows: [TableRow([TableCell("ตัวชี้วัด", columnSpan: 2)])],
            rows: [
                TableRow([TableCell("๑", verticalMerge: .start), TableCell("การปฏิบัติหน้าที่")]),
                TableRow([TableCell("", verticalMerge: .continued), TableCell("การใช้งบประมาณ", alignment: .right)]),
            ])
        let body = try #require(try parts(of: Document(blocks: [.table(table)])).xml["word/document.xml"])
        #expect(body.attributes(of: "w:gridCol").compactMap { $0["w:w"].flatMap(Int.init) } == [2267, 6804])
        #expect(body.attributes(of: "w:tblHeader").count == 1)
        #expect(body.attributes(of: "w:cantSplit").count == 3)
        #expect(body.attributes(of: "w:gridSpan").first?["w:val"] == "2")
        #expect(body.attributes(of: "w:tcW").first?["w:w"] == "9071")
        #expect(body.attributes(of: "w:shd").map { $0["w:fill"] } == ["D9D9D9"])
        #expect(body.attributes(of: "w:vMerge").map { $0["w:val"] } == ["restart", nil])
        #expect(body.attributes(of: "w:jc").map { $0["w:val"] } == ["right"])
        #expect(body.elements.filter { $0.name == "w:b" }.count == 1)
        #expect(
            try Unzipped(Document(blocks: [.table(table)]).docx()).text("word/document.xml").contains(
                "</w:tbl><w:p/><w:sectPr>"))
    }

    @Test("a table kept together keeps every paragraph but those of its last row with the next; others do not")
    func keptTogether() throws {
        let rows = [["ก", "1"], ["ข", "2"], ["ค", "3"]]
        let kept = Table(header: ["ชื่อ", "คะแนน"], rows: rows, keepTogether: true)
        let body = try #require(try parts(of: Document(blocks: [.table(kept)])).xml["word/document.xml"])
        // Header and the first two rows, two cells each, are kept with what follows; the last row is not.
        #expect(body.elements.filter { $0.name == "w:keepNext" }.count == 6)
        let loose = Table(header: ["ชื่อ", "คะแนน"], rows: rows)
        let looseBody = try #require(try parts(of: Document(blocks: [.table(loose)])).xml["word/document.xml"])
        #expect(!looseBody.elements.contains { $0.name == "w:keepNext" })
    }

    @Test("a table without rows is left out rather than written as an element Word would refuse")
    func emptyTable() throws {
        let document = Document(blocks: [.table(Table(columnWeights: [1], rows: [])), "ต่อไป"])
        let body = try #require(try parts(of: document).xml["word/document.xml"])
        #expect(!body.elements.contains { $0.name == "w:tbl" })
        #expect(body.paragraphs == ["ต่อไป"])
    }

    @Test("each section sets its own A4 page: portrait, then landscape for a wide table")
    func sections() throws {
        let document = Document(sections: [
            Section(blocks: ["แนวตั้ง"]),
            Section(orientation: .landscape, blocks: ["แนวนอน"]),
        ])
        let body = try #require(try parts(of: document).xml["word/document.xml"])
        let pages = body.attributes(of: "w:pgSz")
        #expect(pages.map { $0["w:w"] } == ["11906", "16838"])
        #expect(pages.map { $0["w:h"] } == ["16838", "11906"])
        #expect(pages.map { $0["w:orient"] } == [nil, "landscape"])
        #expect(body.attributes(of: "w:pgMar").first?["w:left"] == "1701")
    }

    @Test("the signature block sits at the right with dotted lines for what is not given")
    func signature() throws {
        let block = SignatureBlock(role: "ผู้รายงาน", name: "นางสาวสมศรี ใจดี", positions: ["ตำแหน่ง นักวิเคราะห์นโยบายและแผน"])
        let body = try #require(try parts(of: Document(blocks: [.signature(block)])).xml["word/document.xml"])
        #expect(body.paragraphs.count == 4)
        #expect(body.paragraphs.first?.hasPrefix("(ลงชื่อ)....") == true)
        #expect(body.paragraphs.first?.hasSuffix(" ผู้รายงาน") == true)
        #expect(body.paragraphs.dropFirst().first == "(นางสาวสมศรี ใจดี)")
        #expect(body.paragraphs.last?.hasPrefix("วันที่ ....") == true)
        #expect(body.attributes(of: "w:ind").allSatisfy { $0["w:left"] == "3628" })
        #expect(body.attributes(of: "w:keepNext").count == 3)
    }

    @Test("lists: bullets share one numbering, each numbered list starts again at 1")
    func lists() throws {
        let document = Document(blocks: [
            .list(List(.numbered, items: ["หนึ่ง", "สอง"])), .list(List(.bulleted, items: ["จุด"])),
            .list(List(.numbered, items: ["ใหม่"])),
        ])
        let (_, xml) = try parts(of: document)
        let used = xml["word/document.xml"]?.attributes(of: "w:numId").compactMap { $0["w:val"] } ?? []
        #expect(used == ["2", "2", "1", "3"])
        let numbering = try #require(xml["word/numbering.xml"])
        #expect(numbering.attributes(of: "w:num").compactMap { $0["w:numId"] } == ["1", "2", "3"])
        #expect(numbering.attributes(of: "w:startOverride").count == 2)
    }

    @Test(
        "with Thai digits a numbered list writes its numbers out, as LibreOffice shows Word's Thai list format in 1, 2, 3"
    )
    func thaiNumberedList() throws {
        let document = Document(thaiDigits: true, blocks: [.list(List(.numbered, items: ["หนึ่ง", "สอง"]))])
        let body = try #require(try parts(of: document).xml["word/document.xml"])
        #expect(body.paragraphs == ["๑.\tหนึ่ง", "๒.\tสอง"])
        #expect(body.attributes(of: "w:numId").isEmpty)
        #expect(body.attributes(of: "w:ind").map { $0["w:hanging"] } == ["360", "360"])
    }

    @Test("the same document always gives the same bytes")
    func deterministic() {
        #expect(SampleReport.document.docx() == SampleReport.document.docx())
    }
}
