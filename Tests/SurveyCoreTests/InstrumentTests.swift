import Foundation
import SurveyCore
import Testing

@Suite("Instruments load from data files and broken ones are refused")
struct InstrumentTests {
    @Test("the default IIT has 30 items, 51 fields, indicators 1–5")
    func defaultIIT() {
        let iit = Fixtures.iit
        #expect(iit.items.count == 30)
        #expect(iit.fields.count == 51)
        #expect(iit.indicators.map(\.number) == [1, 2, 3, 4, 5])
        #expect(iit.indicators.allSatisfy { $0.items.count == 6 })
        #expect(iit.fields.prefix(4).map(\.id) == ["i1a", "i1b", "i2", "i3a"])
        #expect(iit.fields.last?.id == "i30d")
    }

    @Test("the default EIT has 15 items, 19 fields, indicators 6–8")
    func defaultEIT() {
        let eit = Fixtures.eit
        #expect(eit.items.count == 15)
        #expect(eit.fields.count == 19)
        #expect(eit.indicators.map(\.number) == [6, 7, 8])
        #expect(eit.indicators.allSatisfy { $0.items.count == 5 })
    }

    @Test("answer scales follow the domain table, mixed sub-items included")
    func answerScales() {
        let fields = Dictionary(
            uniqueKeysWithValues: (Fixtures.iit.fields + Fixtures.eit.fields).map { ($0.id, $0.scale) })
        #expect(fields["i11a"] == .level4)
        #expect(fields["i11b"] == .level4Reverse)
        #expect(fields["i9"] == .level4Reverse)
        #expect(fields["i18c"] == .level4Reverse)
        #expect(fields["i4a"] == .noGood)
        #expect(fields["i26b"] == .yesGood)
        #expect(fields["e4c"] == .noGood)
        #expect(fields["e8"] == .yesGood)
        #expect(fields["e10"] == .yesGood)
        #expect(fields["e15"] == .level4)
    }

    @Test("every item has Thai and English text and a topic")
    func texts() {
        for item in Fixtures.iit.items + Fixtures.eit.items {
            #expect(!item.text.th.isEmpty && !item.text.en.isEmpty && !item.topic.th.isEmpty)
        }
    }

    @Test("the catalog picks the version in force for a year")
    func versionByYear() {
        let older = try! Instrument(json: Data(Self.minimal(fromYear: 2560).utf8), fileName: "old.json")
        let catalog = InstrumentCatalog(instruments: [Fixtures.iit, older])
        #expect(catalog.instrument(.iit, year: 2570)?.fromYear == 2568)
        #expect(catalog.instrument(.iit, year: 2565)?.fromYear == 2560)
        #expect(catalog.instrument(.iit, year: 2550)?.fromYear == 2560)
        #expect(catalog.instrument(.iit, version: "2568.1") == Fixtures.iit)
    }

    /// A one-item IIT file, with `scales` (a JSON array) declared when given.
    static func minimal(fromYear: Int = 2568, item: String? = nil, scales: String? = nil) -> String {
        let defaultItem = """
            {"id": "i1", "scale": "level4", "text": {"th": "ข้อ", "en": "Item"}, "topic": {"th": "ก", "en": "t"}}
            """
        return """
            {"form": "iit", "version": "v\(fromYear)", "fromYear": \(fromYear), "title": {"th": "ท", "en": "T"},
             \(scales.map { "\"scales\": \($0)," } ?? "")
             "indicators": [{"number": 1, "name": {"th": "น", "en": "N"}, "items": [\(item ?? defaultItem)]}]}
            """
    }

    @Test(
        "a broken file is refused naming the file, the item and the problem",
        arguments: [
            (
                #"{"id": "i1", "scale": "likert", "text": {"th": "ก", "en": "a"}, "topic": {"th": "ก", "en": "a"}}"#,
                "broken.json: item i1: unknown scale \"likert\" (known: \"level4\", \"level4-reverse\", \"no-good\""
            ),
            (
                #"{"id": "i1", "type": "yes-no", "text": {"th": "ก", "en": "a"}, "topic": {"th": "ก", "en": "a"}}"#,
                "broken.json: item i1: \"type\" is no longer read: name a \"scale\" instead"
            ),
            (
                #"{"id": "i1", "scale": "level4", "text": {"th": "ก"}, "topic": {"th": "ก", "en": "a"}}"#,
                "broken.json: item i1: \"text\" needs both \"th\" and \"en\" text"
            ),
            (
                #"{"id": "i1", "text": {"th": "ก", "en": "a"}, "topic": {"th": "ก", "en": "a"}, "subItems": [{"id": "a", "text": {"th": "ก", "en": "a"}}, {"id": "b", "scale": "level4", "text": {"th": "ก", "en": "a"}}]}"#,
                "broken.json: item i1, sub-item a: no \"scale\" on the sub-item or its item"
            ),
            (
                #"{"id": "e1", "scale": "level4", "text": {"th": "ก", "en": "a"}, "topic": {"th": "ก", "en": "a"}}"#,
                "broken.json: indicator 1, item #1: \"id\" must be \"i\" followed by a number"
            ),
            (
                #"{"id": "i1", "scale": "level4", "text": {"th": "ก", "en": "a"}, "topic": {"th": "ก", "en": "a"}, "subItems": [{"id": "a", "text": {"th": "ก", "en": "a"}}, {"id": "a", "text": {"th": "ก", "en": "a"}}]}"#,
                "broken.json: item i1: field i1a appears twice"
            ),
        ])
    func refusesBrokenItem(item: String, message: String) {
        #expect {
            try Instrument(json: Data(Self.minimal(item: item).utf8), fileName: "broken.json")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("an indicator outside the form's tool and invalid JSON are refused")
    func refusesBrokenFile() throws {
        let wrongIndicator = Self.minimal().replacingOccurrences(of: "\"number\": 1", with: "\"number\": 7")
        #expect(throws: InstrumentError.self) {
            try Instrument(json: Data(wrongIndicator.utf8), fileName: "x.json")
        }
        do {
            _ = try Instrument(json: Data("{\"form\": ".utf8), fileName: "cut.json")
            Issue.record("a cut file loaded")
        } catch {
            #expect("\(error)" == "cut.json: not valid JSON")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(wrongIndicator.utf8).write(to: folder.appendingPathComponent("iit-bad.json"))
        #expect {
            try InstrumentCatalog(directory: folder)
        } throws: { error in
            "\(error)".hasPrefix("iit-bad.json: indicator #1: \"number\" must be one of 1...5")
        }
    }
}
