import Docx

/// A report shaped like the analysis report agencies publish: Thai headings and text with tone marks and vowels
/// above and below, the ten indicators ranked in a table long enough to run onto a second page, a signature, and a
/// landscape section with a wide table; Thai digits on.
enum SampleReport {
    /// The paragraph whose every mark the conversion test looks for.
    static let markedSentence = "ผู้ประสานงาน การปฏิบัติหน้าที่ ที่ได้คะแนนต่ำกว่าร้อยละ 85 กี่ข้อ"
    static let markedSentenceInThaiDigits = "ผู้ประสานงาน การปฏิบัติหน้าที่ ที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ กี่ข้อ"
    static let tableHeader = ["ลำดับ", "ตัวชี้วัด", "คะแนน", "ผล"]

    /// The ten ITA indicators with made-up scores, highest first.
    static let indicators: [(name: String, score: String)] = [
        ("การป้องกันการทุจริต", "98.75"), ("การเปิดเผยข้อมูล", "96.30"), ("การใช้อำนาจ", "93.12"),
        ("การปฏิบัติหน้าที่", "91.04"), ("คุณภาพการดำเนินงาน", "88.47"), ("การใช้ทรัพย์สินของราชการ", "86.20"),
        ("ประสิทธิภาพการสื่อสาร", "84.91"), ("การแก้ไขปัญหาการทุจริต", "82.35"), ("การปรับปรุงการทำงาน", "79.66"),
        ("การใช้งบประมาณ", "76.08"),
    ]

    static var document: Document {
        let ranked = indicators.enumerated().map { index, indicator in
            let passes = (Double(indicator.score) ?? 0) >= 85
            return TableRow([
                TableCell("\(index + 1)", alignment: .center),
                TableCell(paragraphs: [
                    Paragraph(indicator.name, bold: true),
                    Paragraph("ประเมินการรับรู้ของผู้มีส่วนได้ส่วนเสียต่อการดำเนินงานของหน่วยงาน"),
                ]),
                TableCell(indicator.score, alignment: .right),
                TableCell(passes ? "ผ่าน" : "ต่ำกว่า 85", alignment: .center, verticalAlignment: .center),
            ])
        }
        let weakQuestions = Table(
            header: ["ข้อ", "คำถาม", "คะแนน", "วิธีการพัฒนา"],
            rows: [
                [
                    "i12", "บุคลากรในหน่วยงานของท่าน ใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตัว กลุ่ม หรือพวกพ้อง มากน้อยเพียงใด",
                    "78.40", "จัดทำคู่มือการใช้ทรัพย์สินของราชการ และเผยแพร่ให้บุคลากรทราบ",
                ],
                ["O12", "รายงานผลการใช้จ่ายงบประมาณประจำปี", "0.00", "เผยแพร่รายงานบนเว็บไซต์ภายในเดือนตุลาคม"],
            ],
            columnWeights: [1, 6, 1.5, 5])
        return Document(
            title: "รายงานการวิเคราะห์ผลการประเมิน ITA", author: "Prongsai", thaiDigits: true,
            sections: [
                Section(blocks: [
                    .heading("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", level: 1),
                    .heading("ประจำปีงบประมาณ พ.ศ. 2570", level: 2),
                    .paragraph(Paragraph(markedSentence)),
                    .paragraph(
                        Paragraph(
                            runs: [
                                Run("ผลคะแนนรวม ", bold: true), Run("89.47 คะแนน", bold: true, underline: true),
                                Run(" อยู่ในระดับ "), Run("ผ่าน", italic: true),
                            ], alignment: .justified, firstLineIndent: 709, spaceAfter: 6)),
                    .heading("ผลคะแนนรายตัวชี้วัด เรียงจากมากไปน้อย", level: 3),
                    .table(
                        Table(
                            columnWeights: [1.4, 6, 1.6, 2.2],
                            headerRows: [TableRow(tableHeader.map { TableCell($0, alignment: .center) })],
                            rows: ranked)),
                    .list(List(.numbered, items: ["จุดแข็ง 6 ตัวชี้วัด", "จุดที่ต้องพัฒนา 4 ตัวชี้วัด"])),
                    .signature(
                        SignatureBlock(
                            role: "ผู้รายงาน", name: "นางสาวสมศรี ใจดี", positions: ["ตำแหน่ง นักวิเคราะห์นโยบายและแผน"],
                            date: "วันที่ 15 มกราคม พ.ศ. 2571")),
                ]),
                Section(
                    orientation: .landscape,
                    blocks: [.heading("ข้อคำถามที่ได้คะแนนต่ำกว่า 85", level: 2), .table(weakQuestions)]),
            ])
    }
}
