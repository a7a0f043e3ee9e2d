/// A table with borders: header rows that repeat at the top of every page it spans, then body rows, none of which
/// splits across a page.
public struct Table: Sendable {
    /// The columns' shares of the section's text width (`[1, 6, 2]` gives the middle column two thirds).
    public var columnWeights: [Double]
    /// Rows repeated on each page, bold and shaded.
    public var headerRows: [TableRow]
    public var rows: [TableRow]
    /// The fill of header cells as RGB hex, such as "D9D9D9" (light grey).
    public var headerShading: String
    /// Whether the whole table moves to the next page rather than break, for short tables read as one.
    public var keepTogether: Bool

    /// A table of the given columns and rows.
    public init(
        columnWeights: [Double], headerRows: [TableRow] = [], rows: [TableRow], headerShading: String = "D9D9D9",
        keepTogether: Bool = false
    ) {
        self.columnWeights = columnWeights
        self.headerRows = headerRows
        self.rows = rows
        self.headerShading = headerShading
        self.keepTogether = keepTogether
    }

    /// A table whose one header row holds `header` and whose body rows hold the strings of `rows`, one paragraph
    /// per cell; columns take the given weights, or equal shares.
    public init(header: [String], rows: [[String]], columnWeights: [Double]? = nil, keepTogether: Bool = false) {
        self.init(
            columnWeights: columnWeights ?? Array(repeating: 1, count: header.count),
            headerRows: [TableRow(header.map { TableCell($0, alignment: .center) })],
            rows: rows.map { TableRow($0.map { TableCell($0) }) }, keepTogether: keepTogether)
    }

    /// The width of each column in twentieths of a point, sharing `textWidth` by weight; the last column takes what
    /// rounding leaves so that the table spans the width exactly.
    func columnWidths(textWidth: Int) -> [Int] {
        let total = columnWeights.reduce(0) { $0 + max($1, 0) }
        guard total > 0 else { return columnWeights.map { _ in textWidth / max(columnWeights.count, 1) } }
        var widths = columnWeights.map { Int((Double(textWidth) * max($0, 0) / total).rounded(.down)) }
        if !widths.isEmpty { widths[widths.count - 1] += textWidth - widths.reduce(0, +) }
        return widths
    }
}

/// One row of a table.
public struct TableRow: Sendable {
    public var cells: [TableCell]

    /// A row of `cells`.
    public init(_ cells: [TableCell]) { self.cells = cells }
}

/// One cell: its paragraphs, how they sit, and how far it spans.
public struct TableCell: Sendable {
    /// Where a cell stands in a run of cells merged down a column.
    public enum VerticalMerge: Sendable {
        case none
        /// The first cell of the run, holding the text.
        case start
        /// A cell below it, merged into it; its paragraphs are not shown.
        case continued
    }

    /// Where the text sits between a cell's top and bottom.
    public enum VerticalAlignment: String, Sendable {
        case top
        case center
        case bottom
    }

    public var paragraphs: [Paragraph]
    /// How many grid columns the cell covers (merged across).
    public var columnSpan: Int
    public var verticalMerge: VerticalMerge
    public var verticalAlignment: VerticalAlignment
    /// A fill as RGB hex; nil leaves the cell white (header cells take the table's header shading).
    public var shading: String?

    /// A cell of `paragraphs`.
    public init(
        paragraphs: [Paragraph], columnSpan: Int = 1, verticalMerge: VerticalMerge = .none,
        verticalAlignment: VerticalAlignment = .top, shading: String? = nil
    ) {
        self.paragraphs = paragraphs
        self.columnSpan = max(columnSpan, 1)
        self.verticalMerge = verticalMerge
        self.verticalAlignment = verticalAlignment
        self.shading = shading
    }

    /// A cell of one paragraph of `text`.
    public init(
        _ text: String, bold: Bool = false, alignment: Alignment = .left, columnSpan: Int = 1,
        verticalMerge: VerticalMerge = .none, verticalAlignment: VerticalAlignment = .top, shading: String? = nil
    ) {
        self.init(
            paragraphs: [Paragraph(text, bold: bold, alignment: alignment)], columnSpan: columnSpan,
            verticalMerge: verticalMerge, verticalAlignment: verticalAlignment, shading: shading)
    }
}
