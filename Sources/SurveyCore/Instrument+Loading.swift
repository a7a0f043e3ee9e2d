import Foundation

/// A data file that cannot serve as an instrument, with the file, the place and what is wrong.
public struct InstrumentError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let place: String?
    public let problem: String

    public var description: String {
        [file, place, problem].compactMap { $0 }.joined(separator: ": ")
    }
}

extension Instrument {
    /// Loads and checks one instrument file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InstrumentError(file: url.lastPathComponent, place: nil, problem: "cannot be read")
        }
        try self.init(json: data, fileName: url.lastPathComponent)
    }

    /// Decodes and checks an instrument; every error names `fileName` and the item at fault.
    public init(json data: Data, fileName: String) throws {
        let raw: RawInstrument
        do {
            raw = try JSONDecoder().decode(RawInstrument.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw InstrumentError(
                file: fileName, place: Self.place(of: context.codingPath), problem: "a value has the wrong type")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw InstrumentError(file: fileName, place: Self.place(of: context.codingPath), problem: "malformed value")
        } catch {
            throw InstrumentError(file: fileName, place: nil, problem: "not valid JSON")
        }
        self = try InstrumentBuilder(fileName: fileName).build(raw)
    }

    private static func place(of path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Turns the loosely decoded file into an `Instrument`, refusing anything the product could not use.
private struct InstrumentBuilder {
    let fileName: String

    func build(_ raw: RawInstrument) throws -> Instrument {
        guard let formName = raw.form, let form = FormKind(rawValue: formName) else {
            throw fail(nil, "\"form\" must be \"iit\" or \"eit\"")
        }
        guard let version = raw.version, !version.isEmpty else { throw fail(nil, "\"version\" is missing") }
        guard version.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
            version.count <= 40
        else {
            throw fail(nil, "\"version\" must be up to 40 ASCII letters, digits, dots, dashes or underscores")
        }
        guard let fromYear = raw.fromYear, RoundSettings.fiscalYears.contains(fromYear) else {
            throw fail(nil, "\"fromYear\" must be a Buddhist-era year such as 2568")
        }
        let title = try text(raw.title, "title", at: nil)
        let scales = try declaredScales(raw.scales ?? [])
        guard let rawIndicators = raw.indicators, !rawIndicators.isEmpty else {
            throw fail(nil, "\"indicators\" is missing or empty")
        }
        var seenIndicators = Set<Int>()
        var seenFields = Set<String>()
        var seenItems = Set<String>()
        var indicators: [Indicator] = []
        for (index, rawIndicator) in rawIndicators.enumerated() {
            let place = "indicator #\(index + 1)"
            guard let number = rawIndicator.number, form.indicatorNumbers.contains(number) else {
                throw fail(place, "\"number\" must be one of \(form.indicatorNumbers) for \(form.rawValue)")
            }
            guard seenIndicators.insert(number).inserted else { throw fail(place, "indicator \(number) appears twice") }
            let name = try text(rawIndicator.name, "name", at: "indicator \(number)")
            let indicatorPart = try part(rawIndicator.part, form: form, at: "indicator \(number)")
            guard let rawItems = rawIndicator.items, !rawItems.isEmpty else {
                throw fail("indicator \(number)", "has no items")
            }
            var items: [Item] = []
            for (itemIndex, rawItem) in rawItems.enumerated() {
                let item = try buildItem(
                    rawItem, indicator: number, part: indicatorPart, position: itemIndex + 1, form: form,
                    scales: scales)
                guard seenItems.insert(item.id).inserted else { throw fail("item \(item.id)", "appears twice") }
                for field in item.fields where !seenFields.insert(field.id).inserted {
                    throw fail("item \(item.id)", "field \(field.id) appears twice")
                }
                items.append(item)
            }
            indicators.append(Indicator(number: number, name: name, items: items))
        }
        let items = indicators.flatMap(\.items)
        if items.contains(where: { $0.part != nil }), let unplaced = items.first(where: { $0.part == nil }) {
            throw fail(
                "item \(unplaced.id)",
                "has no \"part\" while other items have one: give every indicator or item a part (1 or 2)")
        }
        return Instrument(
            form: form, version: version, fromYear: fromYear, title: title, isExample: raw.example ?? false,
            indicators: indicators)
    }

    /// The built-in scales and those the file declares, by id.
    private func declaredScales(_ raw: [RawScale]) throws -> [String: AnswerScale] {
        var scales = Dictionary(uniqueKeysWithValues: AnswerScale.builtIn.map { ($0.id, $0) })
        for (index, rawScale) in raw.enumerated() {
            guard let id = rawScale.id, !id.isEmpty, id.count <= 40,
                id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else {
                throw fail(
                    "scale #\(index + 1)", "\"id\" must be up to 40 ASCII letters, digits, dashes or underscores")
            }
            let place = "scale \(id)"
            if AnswerScale.builtIn.contains(where: { $0.id == id }) {
                throw fail(place, "duplicate scale id: \"\(id)\" is built in; give this scale another id")
            }
            guard scales[id] == nil else { throw fail(place, "duplicate scale id: \"\(id)\" is declared twice") }
            let rawOptions = rawScale.options ?? []
            guard rawOptions.count >= 2 else { throw fail(place, "a scale needs at least two \"options\"") }
            var options: [ScaleOption] = []
            for (optionIndex, rawOption) in rawOptions.enumerated() {
                guard let code = rawOption.code, (1...8).contains(code.count),
                    code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                else {
                    throw fail(
                        "\(place), option #\(optionIndex + 1)",
                        "\"code\" must be 1–8 ASCII letters, digits, dashes or underscores")
                }
                let optionPlace = "\(place), option \(code)"
                guard !options.contains(where: { $0.code == code }) else {
                    throw fail(optionPlace, "duplicate option code \"\(code)\"")
                }
                let label = try text(rawOption.label, "label", at: optionPlace)
                guard let written = rawOption.points?.text else {
                    throw fail(optionPlace, "\"points\" is missing (0–100, such as \"33.33\" or \"100/3\")")
                }
                guard let points = Self.points(written) else {
                    throw fail(
                        optionPlace,
                        "\"points\" \"\(written)\" is malformed: write a decimal such as \"33.33\" or a fraction "
                            + "such as \"100/3\"")
                }
                guard points >= .zero, points <= Rational(100) else {
                    throw fail(optionPlace, "\"points\" \"\(written)\" is out of range: points run from 0 to 100")
                }
                // Every score is a mean of these points; keeping them on one grid keeps those means' denominators
                // small enough for exact arithmetic, however many scales and answers a form has.
                guard (points * Rational(Self.pointsGrid)).denominator == 1 else {
                    throw fail(
                        optionPlace,
                        "\"points\" \"\(written)\" is too fine: use at most four decimals (such as \"33.3333\") or"
                            + " thirds (such as \"100/3\")")
                }
                options.append(ScaleOption(code: code, label: label, points: points))
            }
            guard options.contains(where: { $0.points == Rational(100) }) else {
                throw fail(place, "no option is worth 100: the best answer of every scale scores 100")
            }
            guard options.contains(where: { $0.points == .zero }) else {
                throw fail(place, "no option is worth 0: the worst answer of every scale scores 0")
            }
            scales[id] = AnswerScale(id: id, options: options)
        }
        return scales
    }

    /// Points are whole multiples of 1/30000: four decimals, and thirds.
    static let pointsGrid: Int128 = 30_000

    /// Points written as a plain decimal (`33.33`, `100`) or a fraction of whole numbers (`100/3`), exactly.
    private static func points(_ text: String) -> Rational? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 12 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let numerator = Int128(String(parts[0])), let denominator = Int128(String(parts[1])), denominator > 0
            else { return nil }
            return Rational(numerator, denominator)
        }
        guard !text.contains(" "), text.count <= 20 else { return nil }
        return Rational(decimal: text)
    }

    private func part(_ raw: Int?, form: FormKind, at place: String) throws -> Int? {
        guard let raw else { return nil }
        guard form == .eit else { throw fail(place, "\"part\" is for EIT only (ส่วนที่ 1, ส่วนที่ 2)") }
        guard raw == 1 || raw == 2 else { throw fail(place, "\"part\" must be 1 or 2") }
        return raw
    }

    private func buildItem(
        _ raw: RawItem, indicator: Int, part indicatorPart: Int?, position: Int, form: FormKind,
        scales: [String: AnswerScale]
    ) throws -> Item {
        let prefix = form == .iit ? "i" : "e"
        guard let id = raw.id, id.hasPrefix(prefix), id.count > 1, id.dropFirst().allSatisfy(\.isNumber) else {
            throw fail(
                "indicator \(indicator), item #\(position)",
                "\"id\" must be \"\(prefix)\" followed by a number, such as \(prefix)1")
        }
        let place = "item \(id)"
        let itemText = try text(raw.text, "text", at: place)
        let topic = try text(raw.topic, "topic", at: place)
        let itemPart = try part(raw.part, form: form, at: place) ?? indicatorPart
        let itemScale = try scale(raw.scale, type: raw.type, labels: raw.labels, scales: scales, at: place)
        var fields: [Field] = []
        if let subItems = raw.subItems {
            guard subItems.count >= 2 else { throw fail(place, "\"subItems\" needs at least two entries") }
            for (index, sub) in subItems.enumerated() {
                guard let letter = sub.id, letter.count == 1, letter.first!.isLowercase, letter.first!.isASCII else {
                    throw fail(place, "sub-item #\(index + 1) needs an \"id\" of one small letter, such as \"a\"")
                }
                let subPlace = "\(place), sub-item \(letter)"
                let subText = try text(sub.text, "text", at: subPlace)
                let fieldScale: AnswerScale
                if sub.scale != nil || sub.type != nil {
                    fieldScale = try scale(sub.scale, type: sub.type, labels: sub.labels, scales: scales, at: subPlace)!
                } else if let itemScale {
                    fieldScale = try relabel(itemScale, sub.labels, at: subPlace)
                } else {
                    throw fail(subPlace, "no \"scale\" on the sub-item or its item")
                }
                fields.append(Field(id: id + letter, itemID: id, text: subText, scale: fieldScale))
            }
        } else {
            guard let itemScale else { throw fail(place, "\"scale\" is missing") }
            fields.append(Field(id: id, itemID: id, text: itemText, scale: itemScale))
        }
        return Item(id: id, indicator: indicator, text: itemText, topic: topic, part: itemPart, fields: fields)
    }

    /// The scale an item or sub-item names, with its label overrides; nil when it names none.
    private func scale(
        _ id: String?, type: String?, labels: [String: RawText]?, scales: [String: AnswerScale], at place: String
    ) throws -> AnswerScale? {
        if type != nil {
            throw fail(
                place,
                "\"type\" is no longer read: name a \"scale\" instead (\"level4\", \"level4-reverse\", "
                    + "\"yes-good\", \"no-good\" or one the file declares under \"scales\")")
        }
        guard let id else {
            if labels != nil { throw fail(place, "\"labels\" without a \"scale\"") }
            return nil
        }
        guard let scale = scales[id] else {
            throw fail(
                place,
                "unknown scale \"\(id)\" (known: \(scales.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")))")
        }
        return try relabel(scale, labels, at: place)
    }

    /// A scale with an item's or sub-item's own wording of some options.
    private func relabel(_ scale: AnswerScale, _ labels: [String: RawText]?, at place: String) throws -> AnswerScale {
        guard let labels else { return scale }
        var replaced: [String: LocalizedText] = [:]
        for code in labels.keys.sorted() {
            guard let option = scale.option(code) else {
                throw fail(place, "a label for option \"\(code)\", which scale \"\(scale.id)\" does not have")
            }
            let raw = labels[code]!
            let th = raw.th?.trimmingCharacters(in: .whitespacesAndNewlines)
            let en = raw.en?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard th != nil || en != nil, th?.isEmpty != true, en?.isEmpty != true else {
                throw fail(place, "the label for option \"\(code)\" is empty: give \"th\", \"en\" or both")
            }
            replaced[code] = LocalizedText(th: th ?? option.label.th, en: en ?? option.label.en)
        }
        return scale.relabeled(replaced)
    }

    private func text(_ raw: RawText?, _ key: String, at place: String?) throws -> LocalizedText {
        guard let th = raw?.th?.trimmingCharacters(in: .whitespacesAndNewlines), !th.isEmpty,
            let en = raw?.en?.trimmingCharacters(in: .whitespacesAndNewlines), !en.isEmpty
        else { throw fail(place, "\"\(key)\" needs both \"th\" and \"en\" text") }
        return LocalizedText(th: th, en: en)
    }

    private func fail(_ place: String?, _ problem: String) -> InstrumentError {
        InstrumentError(file: fileName, place: place, problem: problem)
    }
}

/// The file as written, every key optional so that a missing one gets a message naming its item.
private struct RawInstrument: Decodable {
    var form: String?
    var version: String?
    var fromYear: Int?
    var title: RawText?
    var example: Bool?
    var scales: [RawScale]?
    var indicators: [RawIndicator]?
}

private struct RawScale: Decodable {
    var id: String?
    var options: [RawOption]?
}

private struct RawOption: Decodable {
    var code: String?
    var label: RawText?
    var points: RawPoints?
}

/// Points as written: a string such as `"33.33"` or `"100/3"`, or a whole JSON number.
private struct RawPoints: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int.self) {
            text = String(whole)
        } else if let written = try? container.decode(String.self) {
            text = written.trimmingCharacters(in: .whitespaces)
        } else {
            // A fractional JSON number would already have lost its exact value.
            text = "a JSON number"
        }
    }
}

private struct RawIndicator: Decodable {
    var number: Int?
    var name: RawText?
    var part: Int?
    var items: [RawItem]?
}

private struct RawItem: Decodable {
    var id: String?
    var type: String?
    var scale: String?
    var labels: [String: RawText]?
    var part: Int?
    var text: RawText?
    var topic: RawText?
    var subItems: [RawSubItem]?
}

private struct RawSubItem: Decodable {
    var id: String?
    var type: String?
    var scale: String?
    var labels: [String: RawText]?
    var text: RawText?
}

private struct RawText: Decodable {
    var th: String?
    var en: String?
}
