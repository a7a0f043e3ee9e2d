import Foundation

/// A document to write as .docx: its sections in order, the typeface and size of its text, and whether its digits
/// are written as Thai digits.
public struct Document: Sendable {
    /// The title kept in the file's properties (what Word shows under File › Info), not printed.
    public var title: String
    /// Who wrote the document, kept in the file's properties.
    public var author: String
    /// When the document was made, kept in the file's properties; nil writes none (a date would make the bytes differ from one day to the next).
    public var created: Date?
    /// The typeface of every run.
    public var font: Font
    /// The size of body text in points (headings are larger); Thai official documents use 16.
    public var bodySize: Double
    /// Writes the digits 0–9 of the text as ๐–๙ (never in markup or numbers the file itself needs).
    public var thaiDigits: Bool
    /// The sections, each starting on a new page with its own orientation.
    public var sections: [Section]

    /// A document of the given sections.
    public init(
        title: String = "", author: String = "", created: Date? = nil, font: Font = .thSarabunNew,
        bodySize: Double = 16, thaiDigits: Bool = false, sections: [Section]
    ) {
        self.title = title
        self.author = author
        self.created = created
        self.font = font
        self.bodySize = bodySize
        self.thaiDigits = thaiDigits
        self.sections = sections
    }

    /// A document of one portrait A4 section holding `blocks`.
    public init(
        title: String = "", author: String = "", created: Date? = nil, font: Font = .thSarabunNew,
        bodySize: Double = 16, thaiDigits: Bool = false, blocks: [Block]
    ) {
        self.init(
            title: title, author: author, created: created, font: font, bodySize: bodySize, thaiDigits: thaiDigits,
            sections: [Section(blocks: blocks)])
    }

    /// The .docx file of this document.
    public func docx() -> [UInt8] { DocxPackage(document: self).bytes }
}

/// A typeface named for Latin and Thai text alike, with the alternate name a reader may know it by.
public struct Font: Sendable, Equatable {
    /// The name written on every run.
    public var name: String
    /// Another name of the same face, written in the font table for a reader that lacks `name`.
    public var alternateName: String?

    /// A typeface named `name`.
    public init(name: String, alternateName: String? = nil) {
        self.name = name
        self.alternateName = alternateName
    }

    /// TH Sarabun New, the typeface of Thai official documents; where it is missing, Word tries TH SarabunPSK and
    /// LibreOffice on Debian substitutes TLWG's Laksaman (fonts-thai-tlwg declares it a metric-compatible stand-in).
    public static let thSarabunNew = Font(name: "TH Sarabun New", alternateName: "TH SarabunPSK")
}

/// A run of pages of one orientation; each section after the first starts on a new page.
public struct Section: Sendable {
    /// Portrait or landscape A4.
    public var orientation: Orientation
    /// The page margins.
    public var margins: Margins
    /// What the section holds, in order.
    public var blocks: [Block]

    /// A section of `blocks`, portrait with the margins of Thai official documents unless told otherwise.
    public init(orientation: Orientation = .portrait, margins: Margins = .thaiOfficial, blocks: [Block]) {
        self.orientation = orientation
        self.margins = margins
        self.blocks = blocks
    }

    /// The width between the margins, in twentieths of a point, which tables share among their columns.
    public var textWidth: Int { orientation.pageSize.width - margins.left - margins.right }
}

/// Which way up an A4 page is.
public enum Orientation: Sendable {
    case portrait
    case landscape

    /// The page's width and height in twentieths of a point (A4 is 11906 × 16838).
    var pageSize: (width: Int, height: Int) {
        switch self {
        case .portrait: (11906, 16838)
        case .landscape: (16838, 11906)
        }
    }
}

/// Page margins in twentieths of a point (1 cm is about 567).
public struct Margins: Sendable, Equatable {
    public var top: Int
    public var right: Int
    public var bottom: Int
    public var left: Int

    /// Margins of the given sizes.
    public init(top: Int, right: Int, bottom: Int, left: Int) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// 2.5 cm at the top, 3 cm at the left and 2 cm at the right and bottom, as Thai official documents are set.
    public static let thaiOfficial = Margins(top: 1418, right: 1134, bottom: 1134, left: 1701)
}

/// One thing in the flow of a section.
public enum Block: Sendable {
    /// A heading of level 1 (largest) to 3, in Word's built-in heading styles so that it appears in the navigation.
    case heading(String, level: Int)
    /// A paragraph.
    case paragraph(Paragraph)
    /// A bulleted or numbered list, one paragraph per item.
    case list(List)
    /// A table.
    case table(Table)
    /// The next block starts on a new page.
    case pageBreak
    /// Lines to sign on: (ลงชื่อ) with a dotted line, the name, positions and a date.
    case signature(SignatureBlock)
}

/// A list whose items are numbered 1, 2, 3… (restarting with each list) or bulleted.
public struct List: Sendable {
    /// How items are marked.
    public enum Style: Sendable {
        case bulleted
        case numbered
    }

    public var style: Style
    public var items: [Paragraph]

    /// A list of `items`.
    public init(_ style: Style, items: [Paragraph]) {
        self.style = style
        self.items = items
    }
}

extension Block: ExpressibleByStringLiteral {
    /// A plain paragraph of the literal's text.
    public init(stringLiteral text: String) { self = .paragraph(Paragraph(text)) }
}
