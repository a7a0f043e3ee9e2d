import Docx

/// The analysis report as a .docx: the same sections and tables as the printed page, from the same view, on A4 in
/// TH Sarabun New. The view's texts are already in the chosen digits, so the document converts none itself (the
/// digest keeps its own).
enum AnalysisReportDocument {
    /// The document of a report.
    static func document(_ view: AnalysisReportView) -> Document {
        var blocks: [Block] = [
            .heading(view.title, level: 1),
            .paragraph(Paragraph(view.subtitle, bold: true, alignment: .center, spaceAfter: 6)),
            .paragraph(Paragraph(view.source, spaceAfter: 3)),
        ]
        if let other = view.otherReport {
            blocks.append(.paragraph(Paragraph("ดูเพิ่มเติม: " + other.text, spaceAfter: 3)))
        }
        for line in [view.window, view.printed, view.digest].compactMap({ $0 }) {
            blocks.append(.paragraph(Paragraph(runs: [Run(line, size: 12)], spaceAfter: 2)))
        }
        blocks += warnings(view)

        blocks.append(.heading(view.headings.criteria, level: 2))
        blocks.append(.paragraph(Paragraph(view.scheme, spaceAfter: 3, keepWithNext: true)))
        blocks.append(
            .table(
                Table(
                    header: ["ระดับผลการประเมิน", "เกณฑ์"], rows: view.criteria.map { [$0.level, $0.rule] },
                    columnWeights: [2, 5], keepTogether: true)))

        blocks.append(.heading(view.headings.totals, level: 2))
        blocks += warnings(view)
        var totals = view.tools.map { tool in
            TableRow([
                TableCell(
                    paragraphs: [Paragraph(tool.name)] + (tool.shortNote.map { [Paragraph($0, bold: true)] } ?? [])),
                TableCell(tool.weight, alignment: .center), TableCell(tool.score, alignment: .right),
            ])
        }
        totals.append(
            TableRow([
                TableCell("คะแนนรวม", bold: true), TableCell("ร้อยละ 100".digits(view), alignment: .center),
                TableCell(view.total, bold: true, alignment: .right),
            ]))
        totals.append(
            TableRow([
                TableCell("ระดับผลการประเมิน", bold: true), TableCell(""),
                TableCell(view.level, bold: true, alignment: .right),
            ]))
        var totalsTable = table(["เครื่องมือ", "น้ำหนัก", "คะแนน"], totals, [5.6, 2, 1.6])
        totalsTable.keepTogether = true
        blocks.append(.table(totalsTable))
        if let note = view.totalNote { blocks.append(.paragraph(Paragraph(note))) }
        if let note = view.levelNote { blocks.append(.paragraph(Paragraph(note))) }

        blocks.append(.heading(view.headings.ranking, level: 2))
        blocks += view.withheld.map { .paragraph(Paragraph($0)) }
        let rankedHeader =
            ["อันดับ", "ตัวชี้วัด", "เครื่องมือ", "คะแนน", "ผล"]
            + (view.hasPrevious ? ["ปี \(view.previousYear)", "เปลี่ยนแปลง"] : [])
        let ranked = view.ranked.map { row in
            TableRow(
                [
                    TableCell(row.rank, alignment: .center), TableCell(row.name),
                    TableCell(row.tool, alignment: .center),
                    TableCell(row.score, bold: true, alignment: .right), TableCell(row.result),
                ]
                    + (view.hasPrevious
                        ? [TableCell(row.previous, alignment: .right), TableCell(row.change, alignment: .right)] : []))
        }
        blocks.append(
            .table(
                table(
                    rankedHeader, ranked,
                    // Wide enough that อันดับ, เครื่องมือ and 100.00 stay on one line, with the year columns too.
                    [1.5, 4.1, 1.9, 1.7, 2.3] + (view.hasPrevious ? [1.7, 1.9] : []))))

        blocks.append(.heading(view.headings.strengths, level: 2))
        blocks += paragraphs(view.strengths, none: "ไม่มีตัวชี้วัดที่ได้ 85 คะแนนขึ้นไป")
        blocks.append(.heading(view.headings.weaknesses, level: 2))
        blocks += paragraphs(view.weaknesses, none: "ไม่มีตัวชี้วัดที่ได้ต่ำกว่า 85 คะแนน")

        blocks.append(.heading(view.headings.weakQuestions, level: 2))
        if view.hasWeakRows {
            blocks.append(.table(weakQuestions(view)))
        } else {
            blocks.append("ไม่มีข้อคำถามที่ได้ต่ำกว่า 85 คะแนน")
        }

        blocks.append(.heading(view.headings.notes, level: 2))
        if view.hasNotes {
            blocks.append(.list(Docx.List(.bulleted, items: view.notes.map { Paragraph($0) })))
        } else {
            blocks.append(.paragraph(Paragraph(view.noNotes)))
        }

        if let respondents = view.headings.respondents {
            blocks.append(.heading(respondents, level: 2))
            blocks.append(
                .table(
                    Table(
                        header: ["แบบวัด", "ผู้ตอบ", "ขั้นต่ำ", "เกณฑ์"],
                        rows: view.forms.map { [$0.title, $0.responses, $0.minimum, $0.rule] },
                        columnWeights: [4, 1.4, 1.4, 3])))
            for form in view.tables {
                blocks.append(.heading("\(form.title) (\(form.responses) คน)", level: 3))
                for profile in form.tables {
                    blocks.append(.paragraph(Paragraph(profile.caption, bold: true, keepWithNext: true)))
                    let rows =
                        profile.rows.map { [$0.label] + $0.counts + [$0.total] }
                        + [["รวม"] + profile.totals + [profile.total]]
                    blocks.append(
                        .table(
                            Table(
                                header: [""] + profile.genders + ["รวม"], rows: rows,
                                columnWeights: [3] + profile.genders.map { _ in 1.2 } + [1.2])))
                }
                blocks.append(.paragraph(Paragraph(runs: [Run(form.note, size: 12)], spaceAfter: 4)))
            }
        }

        blocks.append(.heading(view.headings.measures, level: 2))
        blocks.append(.paragraph(Paragraph(view.measures, alignment: .justified, firstLineIndent: 709)))
        return Document(title: view.pageTitle, author: "Prongsai", blocks: blocks)
    }

    /// The warnings, each in a shaded box of its own.
    private static func warnings(_ view: AnalysisReportView) -> [Block] {
        view.warnings.map { warning in
            .table(
                Table(
                    columnWeights: [1],
                    rows: [
                        TableRow([
                            TableCell(
                                paragraphs: [Paragraph(runs: [Run("คำเตือน: ", bold: true), Run(warning, bold: true)])],
                                shading: "FBE3E1")
                        ])
                    ]))
        }
    }

    /// A table with one header row.
    private static func table(_ header: [String], _ rows: [TableRow], _ weights: [Double]) -> Table {
        Table(
            columnWeights: weights, headerRows: [TableRow(header.map { TableCell($0, alignment: .center) })],
            rows: rows)
    }

    /// Each indicator's heading and what it measures, or one line saying there are none.
    private static func paragraphs(_ indicators: [AnalysisReportView.IndicatorParagraph], none: String) -> [Block] {
        guard !indicators.isEmpty else { return [.paragraph(Paragraph(none))] }
        return indicators.flatMap { indicator -> [Block] in
            [
                .paragraph(Paragraph(indicator.heading, bold: true, keepWithNext: true)),
                .paragraph(Paragraph(indicator.text, alignment: .justified, firstLineIndent: 709, spaceAfter: 4)),
            ]
        }
    }

    /// The weak-questions table: an indicator's cell merged down its questions, as the agencies lay it out.
    private static func weakQuestions(_ view: AnalysisReportView) -> Table {
        let header = ["ตัวชี้วัด", "ข้อคำถามที่ได้คะแนนต่ำกว่า 85 (และข้อ OIT ที่ได้ 0)", "คะแนน", "วิธีการพัฒนา"]
        let rows = view.weakRows.map { row in
            let question =
                [Paragraph(row.question)] + (row.note.map { [Paragraph(runs: [Run($0, italic: true)])] } ?? [])
            return TableRow([
                TableCell(
                    paragraphs: [Paragraph(row.indicator?.label ?? "")],
                    verticalMerge: row.indicator == nil ? .continued : .start),
                TableCell(paragraphs: question), TableCell(row.score, alignment: .right),
                TableCell(row.howToImprove),
            ])
        }
        return table(header, rows, [2.2, 5, 1.2, 4.2])
    }
}

extension String {
    /// The text in the report's digits.
    fileprivate func digits(_ view: AnalysisReportView) -> String {
        Digits(thai: view.thaiDigits)(self)
    }
}
