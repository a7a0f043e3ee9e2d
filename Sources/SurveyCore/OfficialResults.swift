/// The result the NACC published for one agency and fiscal year, as typed from ITAS or its documents: the ten
/// indicator scores, item scores, the assessor's notes and, for years whose documents give only that, the total.
///
/// Everything else is computed, exactly: IIT = mean of indicators 1–5, EIT = mean of 6–8, OIT = mean of 9–10,
/// total = 0.30 × IIT + 0.30 × EIT + 0.40 × OIT; the indicators ranked; the level under the scheme. Values are
/// checked by `OfficialResults.Draft`; this type trusts what it is given.
public struct OfficialResults: Sendable, Hashable {
    /// Buddhist-era fiscal year of the assessment.
    public let fiscalYear: Int
    /// Indicator scores by number (1–10), as published.
    public let indicatorScores: [Int: Rational]
    /// Item scores as published (ITAS shows them per question and OIT item).
    public let itemScores: [OfficialItemID: Rational]
    /// The assessor's notes, in the order typed: about an indicator or item, or about the whole result.
    public let notes: [OfficialNote]
    /// The total as published, when typed; it agrees with the indicators' total within rounding.
    public let publishedTotal: Rational?
    /// The level scheme chosen for these results; nil for the fiscal year's own.
    public let levelScheme: LevelScheme?

    public init(
        fiscalYear: Int, indicatorScores: [Int: Rational], itemScores: [OfficialItemID: Rational] = [:],
        notes: [OfficialNote] = [], publishedTotal: Rational? = nil, levelScheme: LevelScheme? = nil
    ) {
        self.fiscalYear = fiscalYear
        self.indicatorScores = indicatorScores
        self.itemScores = itemScores
        self.notes = notes
        self.publishedTotal = publishedTotal
        self.levelScheme = levelScheme
    }

    /// The scheme the level is read under: the chosen one, else the year's.
    public var scheme: LevelScheme { .effective(levelScheme, fiscalYear: fiscalYear) }

    /// A tool's score: the mean of its indicators; nil unless every one of them is known.
    public func score(_ tool: ITATool) -> Rational? {
        let scores = tool.indicatorNumbers.compactMap { indicatorScores[$0] }
        guard scores.count == tool.indicatorNumbers.count else { return nil }
        return Rational.mean(scores)
    }

    public var iit: Rational? { score(.iit) }
    public var eit: Rational? { score(.eit) }
    public var oit: Rational? { score(.oit) }

    /// The tools whose indicators are not all known.
    public var missingTools: [ITATool] { ITATool.allCases.filter { score($0) == nil } }

    /// The total from the tools, weighted 30/30/40; nil unless all three are known.
    public var computedTotal: Rational? {
        var total = Rational.zero
        for tool in ITATool.allCases {
            guard let score = score(tool) else { return nil }
            total = total + tool.weight * score
        }
        return total
    }

    /// The total reports show: the published one when typed, since it is the NACC's figure, else the computed one.
    public var total: Rational? { publishedTotal ?? computedTotal }

    /// Whether a typed total disagrees with the one the indicators give by more than their rounding explains.
    ///
    /// Indicators are published at two decimals, so the total of the printed indicators may differ from the
    /// published total, which the NACC computed from unrounded scores, by at most 0.01.
    public var totalDisagrees: Bool {
        guard let computedTotal, let publishedTotal else { return false }
        let difference = computedTotal.roundedHundredths - publishedTotal.roundedHundredths
        return difference > 1 || difference < -1
    }

    /// The total the printed indicators give, when it differs at two decimals from the published one reports show.
    public var computedTotalApart: Rational? {
        guard let computedTotal, let publishedTotal,
            computedTotal.roundedHundredths != publishedTotal.roundedHundredths
        else { return nil }
        return computedTotal
    }

    /// The level under the scheme; nil when the scheme needs a score that is missing (see `levelGap`).
    public var level: ResultLevel? {
        ResultLevel.level(scheme: scheme, total: total, tools: ITATool.allCases.map(score))
    }

    /// Why there is no level, when there is none: no total, or pass levels from 85 up without every tool.
    public var levelGap: LocalizedText? {
        guard level == nil else { return nil }
        guard total != nil else {
            return LocalizedText(
                th: "ยังบอกระดับผลไม่ได้: ต้องมีคะแนนตัวชี้วัดครบ 10 ตัว หรือคะแนนรวม",
                en: "No level yet: it needs all ten indicator scores or the total.")
        }
        let missing = missingTools.map(\.code).joined(separator: ", ")
        return LocalizedText(
            th: "ระดับผ่านตั้งแต่ 85 ขึ้นไปต้องใช้คะแนนทุกเครื่องมือ แต่ยังไม่มีคะแนน \(missing)",
            en: "Pass levels from 85 up need every tool's score; \(missing) is missing.")
    }

    /// The known indicators, best first, as printed (two decimals); equal scores share a rank and go by number.
    public var ranking: [RankedIndicator] { RankedIndicator.ranking(indicatorScores) }

    /// The note about a subject, if any.
    public func note(about subject: OfficialSubject) -> String? {
        notes.first { $0.subject == subject }?.text
    }

    /// The notes about the whole result.
    public var generalNotes: [String] { notes.filter { $0.subject == nil }.map(\.text) }

    /// The results as rows of `id,score,note`, without the total: indicators in number order, then items in
    /// tool and number order (with those that have only a note), then the general notes as typed.
    public var rows: [OfficialRow] {
        let indicators = ITAIndicator.numbers.compactMap { number -> OfficialRow? in
            let subject = OfficialSubject.indicator(number)
            guard let score = indicatorScores[number] else { return nil }
            return OfficialRow(subject: subject, score: score, note: note(about: subject) ?? "")
        }
        let noted = notes.compactMap { note -> OfficialItemID? in
            if case .item(let id) = note.subject { return id }
            return nil
        }
        let items = Set(itemScores.keys).union(noted).sorted().map { id in
            OfficialRow(subject: .item(id), score: itemScores[id], note: note(about: .item(id)) ?? "")
        }
        return indicators + items + generalNotes.map { OfficialRow(subject: nil, score: nil, note: $0) }
    }
}

/// An indicator's place in the ranked table.
public struct RankedIndicator: Sendable, Hashable {
    public let indicator: ITAIndicator
    public let score: Rational
    /// 1 for the best; indicators whose printed scores are equal share one.
    public let rank: Int

    /// Whether the indicator is a strength (85 or more as printed) rather than a weakness.
    public var isStrength: Bool { score.rounded >= ResultLevel.strengthLine }

    /// Indicators with scores, best first, as printed (two decimals); equal scores share a rank and go by number.
    public static func ranking(_ scores: [Int: Rational]) -> [RankedIndicator] {
        let scored = ITAIndicator.all.compactMap { indicator in scores[indicator.number].map { (indicator, $0) } }
        let sorted = scored.sorted { left, right in
            let (a, b) = (left.1.roundedHundredths, right.1.roundedHundredths)
            return a > b || (a == b && left.0.number < right.0.number)
        }
        var ranked: [RankedIndicator] = []
        for (position, (indicator, score)) in sorted.enumerated() {
            let tied = ranked.last.map { $0.score.roundedHundredths == score.roundedHundredths } ?? false
            ranked.append(
                RankedIndicator(indicator: indicator, score: score, rank: tied ? ranked.last!.rank : position + 1))
        }
        return ranked
    }
}

/// An item of the official results: an IIT question (`i1`–`i30`), an EIT question (`e1`–`e15`) or an OIT
/// checklist item (`O1`…, at most `O60`, as the list changes between years).
public struct OfficialItemID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let tool: ITATool
    public let number: Int

    /// The numbers each tool's items may have.
    public static func numbers(_ tool: ITATool) -> ClosedRange<Int> {
        switch tool {
        case .iit: 1...30
        case .eit: 1...15
        case .oit: 1...60
        }
    }

    public init?(tool: ITATool, number: Int) {
        guard Self.numbers(tool).contains(number) else { return nil }
        self.tool = tool
        self.number = number
    }

    /// Reads `i5`, `e11`, `O39` (either case, as ITAS and assessors write `E11` and `o39` too); nil for others.
    public init?(_ text: String) {
        guard let letter = text.first, text.count <= 3 else { return nil }
        let digits = text.dropFirst()
        guard !digits.isEmpty, digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits)
        else { return nil }
        let tool: ITATool
        switch letter {
        case "i", "I": tool = .iit
        case "e", "E": tool = .eit
        case "o", "O": tool = .oit
        default: return nil
        }
        self.init(tool: tool, number: number)
    }

    /// As the instruments and ITAS write it: `i5`, `e11`, `O39`.
    public var description: String {
        (tool == .oit ? "O" : tool == .iit ? "i" : "e") + String(number)
    }

    public static func < (lhs: OfficialItemID, rhs: OfficialItemID) -> Bool {
        let order = ITATool.allCases
        let (left, right) = (order.firstIndex(of: lhs.tool)!, order.firstIndex(of: rhs.tool)!)
        return left < right || (left == right && lhs.number < rhs.number)
    }
}

/// What a row of official results is about: an indicator, an item, or the total.
public enum OfficialSubject: Sendable, Hashable, CustomStringConvertible {
    case indicator(Int)
    case item(OfficialItemID)
    case total

    /// Reads a row's id: `1`–`10`, an item id, or `total`; nil for anything else.
    public init?(id: String) {
        if id.lowercased() == "total" {
            self = .total
        } else if let number = Int(id), String(number) == id, ITAIndicator.numbers.contains(number) {
            self = .indicator(number)
        } else if let item = OfficialItemID(id) {
            self = .item(item)
        } else {
            return nil
        }
    }

    /// The id as a row writes it.
    public var description: String {
        switch self {
        case .indicator(let number): String(number)
        case .item(let id): id.description
        case .total: "total"
        }
    }
}

/// A note copied from the assessor's comments: about an indicator or item, or, without a subject, the whole result.
public struct OfficialNote: Sendable, Hashable {
    public let subject: OfficialSubject?
    public let text: String

    public init(subject: OfficialSubject?, text: String) {
        self.subject = subject
        self.text = text
    }
}

/// One `id,score,note` row: a subject with its score and note, or a note-only line without a subject.
public struct OfficialRow: Sendable, Hashable {
    public let subject: OfficialSubject?
    public let score: Rational?
    public let note: String

    public init(subject: OfficialSubject?, score: Rational?, note: String) {
        self.subject = subject
        self.score = score
        self.note = note
    }

    /// The row's three values as typed back into a form or file; a score keeps every digit it was given.
    public var values: [String] {
        [subject?.description ?? "", score.map { $0.exactDecimal ?? $0.formatted } ?? "", note]
    }
}
