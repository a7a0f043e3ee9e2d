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
        guard let fromYear = raw.fromYear, RoundSettings.fiscalYears.contains(fromYear) else {
            throw fail(nil, "\"fromYear\" must be a Buddhist-era year such as 2568")
        }
        let title = try text(raw.title, "title", at: nil)
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
            guard let rawItems = rawIndicator.items, !rawItems.isEmpty else {
                throw fail("indicator \(number)", "has no items")
            }
            var items: [Item] = []
            for (itemIndex, rawItem) in rawItems.enumerated() {
                let item = try buildItem(rawItem, indicator: number, position: itemIndex + 1, form: form)
                guard seenItems.insert(item.id).inserted else { throw fail("item \(item.id)", "appears twice") }
                for field in item.fields where !seenFields.insert(field.id).inserted {
                    throw fail("item \(item.id)", "field \(field.id) appears twice")
                }
                items.append(item)
            }
            indicators.append(Indicator(number: number, name: name, items: items))
        }
        return Instrument(form: form, version: version, fromYear: fromYear, title: title, indicators: indicators)
    }

    private func buildItem(_ raw: RawItem, indicator: Int, position: Int, form: FormKind) throws -> Item {
        let prefix = form == .iit ? "i" : "e"
        guard let id = raw.id, id.hasPrefix(prefix), id.count > 1, id.dropFirst().allSatisfy(\.isNumber) else {
            throw fail(
                "indicator \(indicator), item #\(position)",
                "\"id\" must be \"\(prefix)\" followed by a number, such as \(prefix)1")
        }
        let place = "item \(id)"
        let itemText = try text(raw.text, "text", at: place)
        let topic = try text(raw.topic, "topic", at: place)
        let itemType = try raw.type.map { try answerType($0, good: raw.good, at: place) }
        var fields: [Field] = []
        if let subItems = raw.subItems {
            guard subItems.count >= 2 else { throw fail(place, "\"subItems\" needs at least two entries") }
            for (index, sub) in subItems.enumerated() {
                guard let letter = sub.id, letter.count == 1, letter.first!.isLowercase, letter.first!.isASCII else {
                    throw fail(place, "sub-item #\(index + 1) needs an \"id\" of one small letter, such as \"a\"")
                }
                let subPlace = "\(place), sub-item \(letter)"
                let subText = try text(sub.text, "text", at: subPlace)
                let type: AnswerType
                if let subType = sub.type {
                    type = try answerType(subType, good: sub.good ?? raw.good, at: subPlace)
                } else if let itemType {
                    type = itemType
                } else {
                    throw fail(subPlace, "no answer \"type\" on the sub-item or its item")
                }
                fields.append(Field(id: id + letter, itemID: id, text: subText, type: type))
            }
        } else {
            guard let itemType else { throw fail(place, "answer \"type\" is missing") }
            fields.append(Field(id: id, itemID: id, text: itemText, type: itemType))
        }
        return Item(id: id, indicator: indicator, text: itemText, topic: topic, fields: fields)
    }

    private func answerType(_ name: String, good: String?, at place: String) throws -> AnswerType {
        switch name {
        case "scale": return .scale
        case "reverse": return .reverse
        case "yes-no":
            guard let good, AnswerType.yesNoCodes.contains(good) else {
                throw fail(place, "answer type \"yes-no\" needs \"good\": \"yes\" or \"no\"")
            }
            return .yesNo(goodAnswer: good)
        default:
            throw fail(place, "unknown answer type \"\(name)\" (use \"scale\", \"reverse\" or \"yes-no\")")
        }
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
    var indicators: [RawIndicator]?
}

private struct RawIndicator: Decodable {
    var number: Int?
    var name: RawText?
    var items: [RawItem]?
}

private struct RawItem: Decodable {
    var id: String?
    var type: String?
    var good: String?
    var text: RawText?
    var topic: RawText?
    var subItems: [RawSubItem]?
}

private struct RawSubItem: Decodable {
    var id: String?
    var type: String?
    var good: String?
    var text: RawText?
}

private struct RawText: Decodable {
    var th: String?
    var en: String?
}
