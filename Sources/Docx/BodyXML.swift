/// Writes the body of `word/document.xml`: the blocks of every section, with the section properties that set each
/// section's page, and the numbering instances its lists need.
struct BodyXML {
    let document: Document
    /// The `w:numId` of each numbered list in order of appearance; bulleted lists share `bulletNumberingID`.
    private(set) var numberedListIDs: [Int] = []
    private var xml = ""

    static let bulletNumberingID = 1
    /// Where list text starts, and how far its number hangs left of it, in twentieths of a point.
    static let listIndent = 720
    static let listHanging = 360
    /// Points of space between the signature block and what precedes it.
    private static let signatureSpaceBefore = 36.0

    init(document: Document) {
        self.document = document
        for (index, section) in document.sections.enumerated() {
            for block in section.blocks { write(block, in: section) }
            let properties = sectionProperties(section)
            if index == document.sections.count - 1 {
                // Word never ends a body on a table; a paragraph after it keeps the file like the ones Word writes.
                if case .table = section.blocks.last { xml += "<w:p/>" }
                xml += properties
            } else {
                xml += "<w:p><w:pPr>\(properties)</w:pPr></w:p>"
            }
        }
    }

    /// The `w:body` element.
    var body: String { "<w:body>\(xml)</w:body>" }

    private mutating func write(_ block: Block, in section: Section) {
        switch block {
        case .heading(let text, let level):
            xml += paragraph(Paragraph(text), style: "Heading\(min(max(level, 1), 3))")
        case .paragraph(let paragraph):
            xml += self.paragraph(paragraph)
        case .list(let list) where list.style == .numbered && document.thaiDigits:
            // LibreOffice shows Word's "thaiNumbers" list format as 1, 2, 3, so Thai-digit numbers are written out.
            for (index, item) in list.items.enumerated() {
                var numbered = item
                numbered.runs.insert(Run("\(index + 1).\t"), at: 0)
                xml += paragraph(
                    numbered, style: "ListParagraph", indents: (Self.listIndent, 0), hanging: Self.listHanging)
            }
        case .list(let list):
            let numberingID: Int
            switch list.style {
            case .bulleted: numberingID = Self.bulletNumberingID
            case .numbered:
                numberingID = Self.bulletNumberingID + 1 + numberedListIDs.count
                numberedListIDs.append(numberingID)
            }
            for item in list.items { xml += paragraph(item, style: "ListParagraph", numberingID: numberingID) }
        case .table(let table) where table.headerRows.isEmpty && table.rows.isEmpty:
            break
        case .table(let table):
            xml += self.table(table, textWidth: section.textWidth)
        case .pageBreak:
            xml += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        case .signature(let signature):
            let indents = signature.indents(textWidth: section.textWidth)
            let lines = signature.lines
            for (number, line) in lines.enumerated() {
                xml += paragraph(
                    Paragraph(line, alignment: .center, keepWithNext: number < lines.count - 1),
                    indents: indents, spaceBefore: number == 0 ? Self.signatureSpaceBefore : 0, keepLines: true)
            }
        }
    }

    /// A `w:p` of `paragraph`; header cells pass `bold` to make every run bold.
    private func paragraph(
        _ paragraph: Paragraph, style: String? = nil, numberingID: Int? = nil, indents: (left: Int, right: Int)? = nil,
        hanging: Int = 0, spaceBefore: Double = 0, keepLines: Bool = false, bold: Bool = false
    ) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if paragraph.keepWithNext { properties += "<w:keepNext/>" }
        if keepLines { properties += "<w:keepLines/>" }
        if let numberingID {
            properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(numberingID)\"/></w:numPr>"
        }
        if spaceBefore > 0 || paragraph.spaceAfter > 0 {
            properties += "<w:spacing w:before=\"\(twips(spaceBefore))\" w:after=\"\(twips(paragraph.spaceAfter))\"/>"
        }
        if indents != nil || paragraph.firstLineIndent != 0 {
            properties += "<w:ind w:left=\"\(indents?.left ?? 0)\" w:right=\"\(indents?.right ?? 0)\""
            properties +=
                hanging > 0 ? " w:hanging=\"\(hanging)\"/>" : " w:firstLine=\"\(paragraph.firstLineIndent)\"/>"
        }
        if paragraph.alignment != .left { properties += "<w:jc w:val=\"\(paragraph.alignment.wordValue)\"/>" }
        let runs = paragraph.runs.map { run(bold ? Run(run: $0, bold: true) : $0) }.joined()
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }

    /// A `w:r` of `run`: its formatting set for Latin and complex-script (Thai) text alike, then its text, tabs and
    /// line breaks.
    private func run(_ run: Run) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if run.italic { properties += "<w:i/><w:iCs/>" }
        if let size = run.size {
            let halfPoints = Int((size * 2).rounded())
            properties += "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
        }
        if run.underline { properties += "<w:u w:val=\"single\"/>" }
        var content = ""
        var text = ""
        func flushText() {
            guard !text.isEmpty else { return }
            content += "<w:t xml:space=\"preserve\">\(XMLText.escaped(text))</w:t>"
            text = ""
        }
        var previous: Unicode.Scalar?
        for scalar in shown(run.text).unicodeScalars {
            switch scalar {
            case "\t":
                flushText()
                content += "<w:tab/>"
            case "\n" where previous == "\r":
                break
            case "\n", "\r":
                flushText()
                content += "<w:br/>"
            default: text.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        flushText()
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + content + "</w:r>"
    }

    /// `text` as printed: with Thai digits when the document asks for them.
    private func shown(_ text: String) -> String {
        guard document.thaiDigits else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar), let thai = Unicode.Scalar(scalar.value - 0x30 + 0x0E50) {
                result.unicodeScalars.append(thai)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A `w:tbl` spanning `textWidth`: single black borders, fixed column widths, header rows repeated on each page
    /// and no row split across pages.
    private func table(_ table: Table, textWidth: Int) -> String {
        let widths = table.columnWidths(textWidth: textWidth)
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblBorders>"
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(edge) \(border)/>" }
        xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\""
        xml += " w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        for width in widths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        let lastRow = table.headerRows.count + table.rows.count - 1
        for (index, row) in table.headerRows.enumerated() {
            xml += self.row(
                row, widths: widths, headerShading: table.headerShading,
                keepWithNext: table.keepTogether && index < lastRow)
        }
        for (index, row) in table.rows.enumerated() {
            xml += self.row(
                row, widths: widths, headerShading: nil,
                keepWithNext: table.keepTogether && table.headerRows.count + index < lastRow)
        }
        return xml + "</w:tbl>"
    }

    /// A `w:tr`; a header row (given `headerShading`) repeats on each page and has bold, shaded cells. Word keeps a
    /// table together when every paragraph of its rows but the last is kept with the next.
    private func row(_ row: TableRow, widths: [Int], headerShading: String?, keepWithNext: Bool) -> String {
        let isHeader = headerShading != nil
        var xml = "<w:tr><w:trPr><w:cantSplit/>" + (isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>"
        var column = 0
        for cell in row.cells {
            let span = min(cell.columnSpan, max(widths.count - column, 1))
            let width = widths.dropFirst(column).prefix(span).reduce(0, +)
            column += span
            var properties = "<w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
            if span > 1 { properties += "<w:gridSpan w:val=\"\(span)\"/>" }
            switch cell.verticalMerge {
            case .none: break
            case .start: properties += "<w:vMerge w:val=\"restart\"/>"
            case .continued: properties += "<w:vMerge/>"
            }
            if let fill = cell.shading ?? headerShading, let color = Self.hexColor(fill) {
                properties += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(color)\"/>"
            }
            if cell.verticalAlignment != .top {
                properties += "<w:vAlign w:val=\"\(cell.verticalAlignment.rawValue)\"/>"
            }
            let paragraphs =
                (cell.verticalMerge == .continued || cell.paragraphs.isEmpty
                ? [Paragraph(runs: [])] : cell.paragraphs).map { paragraph in
                    var kept = paragraph
                    kept.keepWithNext = kept.keepWithNext || keepWithNext
                    return kept
                }
            xml += "<w:tc><w:tcPr>\(properties)</w:tcPr>"
            xml += paragraphs.map { paragraph($0, bold: isHeader) }.joined() + "</w:tc>"
        }
        return xml + "</w:tr>"
    }

    /// `w:sectPr` for an A4 page of the section's orientation and margins.
    private func sectionProperties(_ section: Section) -> String {
        let size = section.orientation.pageSize
        let orientation = section.orientation == .landscape ? " w:orient=\"landscape\"" : ""
        let margins = section.margins
        return
            "<w:sectPr><w:type w:val=\"nextPage\"/><w:pgSz w:w=\"\(size.width)\" w:h=\"\(size.height)\"\(orientation)/>"
            + "<w:pgMar w:top=\"\(margins.top)\" w:right=\"\(margins.right)\" w:bottom=\"\(margins.bottom)\""
            + " w:left=\"\(margins.left)\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    }

    /// `points` in twentieths of a point.
    private func twips(_ points: Double) -> Int { Int((points * 20).rounded()) }

    /// Six hex digits in upper case, or nil for anything else (so a typo never breaks the file).
    static func hexColor(_ text: String) -> String? {
        let digits = text.uppercased()
        return digits.count == 6 && digits.allSatisfy(\.isHexDigit) ? digits : nil
    }
}

extension Run {
    /// `run` with its boldness replaced.
    fileprivate init(run: Run, bold: Bool) {
        self = run
        self.bold = bold
    }
}
