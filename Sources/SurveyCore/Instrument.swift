/// One survey form of one version: its indicators, items and answer fields, loaded from a data file.
public struct Instrument: Sendable, Hashable {
    public let form: FormKind
    public let version: String
    /// The first fiscal year (พ.ศ.) this version applies to.
    public let fromYear: Int
    public let title: LocalizedText
    /// An example structure rather than official wording: never chosen by year, only by name.
    public let isExample: Bool
    public let indicators: [Indicator]

    public init(
        form: FormKind, version: String, fromYear: Int, title: LocalizedText, isExample: Bool = false,
        indicators: [Indicator]
    ) {
        self.form = form
        self.version = version
        self.fromYear = fromYear
        self.title = title
        self.isExample = isExample
        self.indicators = indicators
    }

    /// Every item in form order.
    public var items: [Item] { indicators.flatMap(\.items) }

    /// Every answer field in form order: `i1a`, `i1b`, `i2`, …
    public var fields: [Field] { items.flatMap(\.fields) }

    public func item(_ id: String) -> Item? {
        items.first { $0.id == id }
    }

    public func indicator(_ number: Int) -> Indicator? {
        indicators.first { $0.number == number }
    }

    /// The EIT parts (1, 2) the file assigns its items to, in order; empty when it declares none.
    public var parts: [Int] { Set(items.compactMap(\.part)).sorted() }
}

/// An ITA indicator (1–8) and the items that make it up.
public struct Indicator: Sendable, Hashable {
    public let number: Int
    public let name: LocalizedText
    public let items: [Item]
}

/// One numbered question; it is answered through one field, or one per sub-item.
public struct Item: Sendable, Hashable {
    public let id: String
    public let indicator: Int
    /// The question as the respondent reads it.
    public let text: LocalizedText
    /// A short summary for reports ("service follows the set procedure").
    public let topic: LocalizedText
    /// The EIT part (ส่วนที่ 1 or 2) the item belongs to, when the file declares parts.
    public let part: Int?
    public let fields: [Field]

    /// Whether the item is asked through sub-items (a, b, c…) rather than a single field.
    public var hasSubItems: Bool { fields.count > 1 || fields.first?.id != id }
}

/// One answer the respondent gives: an item without sub-items, or one sub-item.
public struct Field: Sendable, Hashable {
    /// The form field name: the item id plus the sub-item letter when there is one (`i1a`, `i2`).
    public let id: String
    public let itemID: String
    /// The sub-item's own text; for an item without sub-items, the item's text.
    public let text: LocalizedText
    /// The options the field offers and their points, with the item's own labels where it words them.
    public let scale: AnswerScale
}

extension Instrument {
    /// Everything of the instrument that decides a score, one line per answer field in form order: the version, then
    /// each field's id, indicator, EIT part and its options' codes with their exact points. A round's published
    /// digest covers it, so that changing points in a file in use no longer matches a printed digest.
    public var scoringText: String {
        var lines = ["\(form.rawValue) \(version)"]
        for item in items {
            for field in item.fields {
                let options = field.scale.options.map { "\($0.code)=\($0.points.numerator)/\($0.points.denominator)" }
                lines.append(
                    "\(field.id) \(item.indicator) \(item.part.map(String.init) ?? "-") \(options.joined(separator: ","))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
