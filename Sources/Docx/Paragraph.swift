/// A paragraph: runs of text with one alignment and spacing.
public struct Paragraph: Sendable, ExpressibleByStringLiteral {
    public var runs: [Run]
    public var alignment: Alignment
    /// Extra indent of the first line in twentieths of a point (Thai reports indent body paragraphs by 1.25 cm, 709).
    public var firstLineIndent: Int
    /// Space after the paragraph in points.
    public var spaceAfter: Double
    /// Keeps the paragraph on the same page as the next one, as for a caption above a table.
    public var keepWithNext: Bool

    /// A paragraph of `runs`.
    public init(
        runs: [Run], alignment: Alignment = .left, firstLineIndent: Int = 0, spaceAfter: Double = 0,
        keepWithNext: Bool = false
    ) {
        self.runs = runs
        self.alignment = alignment
        self.firstLineIndent = firstLineIndent
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
    }

    /// A paragraph of one run of `text`.
    public init(
        _ text: String, bold: Bool = false, alignment: Alignment = .left, firstLineIndent: Int = 0,
        spaceAfter: Double = 0, keepWithNext: Bool = false
    ) {
        self.init(
            runs: [Run(text, bold: bold)], alignment: alignment, firstLineIndent: firstLineIndent,
            spaceAfter: spaceAfter, keepWithNext: keepWithNext)
    }

    /// A left-aligned paragraph of the literal's text.
    public init(stringLiteral text: String) { self.init(text) }
}

/// Text in one style. A tab in the text becomes a tab, a line feed a line break within the paragraph.
public struct Run: Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// The size in points; nil takes the paragraph's (the document's body size, or the heading's).
    public var size: Double?

    /// A run of `text`.
    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, size: Double? = nil)
    {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.size = size
    }

    /// A plain run of the literal's text.
    public init(stringLiteral text: String) { self.init(text) }
}

/// How the lines of a paragraph sit between the margins (or a cell's edges).
public enum Alignment: String, Sendable {
    case left
    case center
    case right
    /// Both edges straight.
    case justified

    /// The value of `w:jc`.
    var wordValue: String {
        switch self {
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .justified: "both"
        }
    }
}
