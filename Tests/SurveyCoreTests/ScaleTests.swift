import Foundation
import SurveyCore
import Testing

@Suite("Instrument files declare their answer scales, and broken scales are refused by name")
struct ScaleTests {
    static let six = #"""
        [{"id": "agree6", "options": [
          {"code": "1", "label": {"th": "น้อยที่สุด", "en": "Least"}, "points": "0"},
          {"code": "2", "label": {"th": "น้อยมาก", "en": "Very little"}, "points": "20"},
          {"code": "3", "label": {"th": "น้อย", "en": "Little"}, "points": "100/3"},
          {"code": "4", "label": {"th": "ค่อนข้างมาก", "en": "Fairly much"}, "points": "66.67"},
          {"code": "5", "label": {"th": "มาก", "en": "Much"}, "points": 80},
          {"code": "6", "label": {"th": "มากที่สุด", "en": "Most"}, "points": "100"}]}]
        """#

    static func file(scales: String? = six, item: String) -> Data {
        Data(InstrumentTests.minimal(item: item, scales: scales).utf8)
    }

    static func item(_ extra: String) -> String {
        #"{"id": "i1", "text": {"th": "ข้อ", "en": "Item"}, "topic": {"th": "ก", "en": "t"}, "# + extra + "}"
    }

    @Test("the 2568 files keep today's codes, labels and points: 0, 100/3, 200/3, 100, reversed, yes/no")
    func defaultScales() {
        let i1a = Fixtures.iit.fields.first { $0.id == "i1a" }!.scale
        #expect(i1a.codes == ["1", "2", "3", "4"])
        #expect(i1a.options.map(\.points) == [.zero, Rational(100, 3), Rational(200, 3), Rational(100)])
        #expect(i1a.options.map(\.label.th) == ["น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด"])
        #expect(i1a.options.map(\.label.en) == ["Least or none", "Little", "Much", "Most"])
        let i9 = Fixtures.iit.item("i9")!.fields[0].scale
        #expect(i9.options.map(\.points) == [Rational(100), Rational(200, 3), Rational(100, 3), .zero])
        let e4a = Fixtures.eit.item("e4")!.fields[0].scale
        #expect(e4a.codes == ["yes", "no"] && e4a.points("no") == Rational(100) && e4a.points("yes") == .zero)
        #expect(e4a.options.map(\.label.th) == ["มี", "ไม่มี"])
    }

    @Test("declared points are exact, as decimals, fractions or whole numbers")
    func exactPoints() throws {
        let instrument = try Instrument(json: Self.file(item: Self.item(#""scale": "agree6""#)), fileName: "six.json")
        let scale = instrument.fields[0].scale
        #expect(scale.codes == ["1", "2", "3", "4", "5", "6"])
        #expect(
            scale.options.map(\.points) == [
                .zero, Rational(20), Rational(100, 3), Rational(6667, 100), Rational(80), Rational(100),
            ])
    }

    @Test("an item rewords some options, a sub-item inherits its item's scale and may reword again")
    func labelOverrides() throws {
        let item = Self.item(
            #""scale": "agree6", "labels": {"1": {"th": "ไม่เคยเลย", "en": "Never"}, "6": {"en": "Always"}}, "#
                + #""subItems": [{"id": "a", "text": {"th": "ก", "en": "a"}}, "#
                + #"{"id": "b", "labels": {"2": {"th": "นาน ๆ ครั้ง"}}, "text": {"th": "ข", "en": "b"}}]"#)
        let instrument = try Instrument(json: Self.file(item: item), fileName: "six.json")
        let (a, b) = (instrument.fields[0].scale, instrument.fields[1].scale)
        #expect(a.label(of: "1") == LocalizedText(th: "ไม่เคยเลย", en: "Never"))
        #expect(a.label(of: "6") == LocalizedText(th: "มากที่สุด", en: "Always"))
        #expect(a.label(of: "2").th == "น้อยมาก")
        #expect(b.label(of: "1").en == "Never" && b.label(of: "2").th == "นาน ๆ ครั้ง")
        #expect(a.options.map(\.points) == b.options.map(\.points))
    }

    /// A scale of options written as `code:points`, labelled alike.
    static func scale(_ id: String = "s", _ options: String...) -> String {
        let written = options.map { option -> String in
            let parts = option.split(separator: ":", maxSplits: 1).map(String.init)
            return #"{"code": "\#(parts[0])", "label": {"th": "ก", "en": "a"}, "points": "\#(parts[1])"}"#
        }
        return #"{"id": "\#(id)", "options": [\#(written.joined(separator: ", "))]}"#
    }

    @Test(
        "a broken scale is refused naming the file, the scale or item and the problem",
        arguments: [
            ("[\(scale("s", "1:0", "2:120"))]", "s.json: scale s, option 2: \"points\" \"120\" is out of range"),
            ("[\(scale("s", "1:-5", "2:100"))]", "s.json: scale s, option 1: \"points\" \"-5\" is out of range"),
            ("[\(scale("s", "1:0", "2:1O0"))]", "s.json: scale s, option 2: \"points\" \"1O0\" is malformed"),
            ("[\(scale("s", "1:0", "2:100/0"))]", "s.json: scale s, option 2: \"points\" \"100/0\" is malformed"),
            ("[\(scale("s", "1:0", "2:1/3/4"))]", "s.json: scale s, option 2: \"points\" \"1/3/4\" is malformed"),
            (
                "[\(scale("s", "1:0", "2:100/7", "3:100"))]",
                "s.json: scale s, option 2: \"points\" \"100/7\" is too fine"
            ),
            (
                "[\(scale("s", "1:0", "2:12.34567", "3:100"))]",
                "s.json: scale s, option 2: \"points\" \"12.34567\" is too fine"
            ),
            (
                #"[{"id": "s", "options": [{"code": "1", "label": {"th": "ก", "en": "a"}, "points": 33.33}, "#
                    + #"{"code": "2", "label": {"th": "ก", "en": "a"}, "points": "100"}]}]"#,
                "s.json: scale s, option 1: \"points\" \"a JSON number\" is malformed"
            ),
            ("[\(scale("s", "1:0", "1:100"))]", "s.json: scale s, option 1: duplicate option code \"1\""),
            ("[\(scale("s", "1:0", "2:100")), \(scale("s", "1:0", "2:100"))]", "s.json: scale s: duplicate scale id"),
            (
                "[\(scale("level4", "1:0", "2:100"))]",
                "s.json: scale level4: duplicate scale id: \"level4\" is built in"
            ),
            ("[\(scale("s", "1:100"))]", "s.json: scale s: a scale needs at least two \"options\""),
            ("[\(scale("s", "1:0", "2:50"))]", "s.json: scale s: no option is worth 100"),
            ("[\(scale("s", "1:50", "2:100"))]", "s.json: scale s: no option is worth 0"),
            ("[\(scale("s", "1:0", "2:x"))]", "s.json: scale s, option 2: \"points\" \"x\" is malformed"),
            ("[\(scale("s", "a b:0", "2:100"))]", "s.json: scale s, option #1: \"code\" must be 1–8 ASCII"),
            ("[\(scale("ส", "1:0", "2:100"))]", "s.json: scale #1: \"id\" must be up to 40 ASCII"),
            (
                #"[{"id": "s", "options": [{"code": "1", "label": {"th": " ", "en": "a"}, "points": "0"}, "#
                    + #"{"code": "2", "label": {"th": "ก", "en": "a"}, "points": "100"}]}]"#,
                "s.json: scale s, option 1: \"label\" needs both \"th\" and \"en\" text"
            ),
        ])
    func refusesBrokenScale(scales: String, message: String) {
        #expect {
            try Instrument(json: Self.file(scales: scales, item: Self.item(#""scale": "level4""#)), fileName: "s.json")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test(
        "a broken reference or label override is refused naming the item or sub-item",
        arguments: [
            (#""scale": "agree7""#, "s.json: item i1: unknown scale \"agree7\""),
            (
                #""scale": "agree6", "labels": {"7": {"th": "ก"}}"#,
                "s.json: item i1: a label for option \"7\", which scale \"agree6\" does not have"
            ),
            (
                #""scale": "level4", "labels": {"4": {"th": ""}}"#,
                "s.json: item i1: the label for option \"4\" is empty"
            ),
            (#""scale": "level4", "labels": {"4": {}}"#, "s.json: item i1: the label for option \"4\" is empty"),
            (#""labels": {"4": {"th": "ก"}}"#, "s.json: item i1: \"labels\" without a \"scale\""),
            (
                #""scale": "yes-good", "subItems": [{"id": "a", "text": {"th": "ก", "en": "a"}}, "#
                    + #"{"id": "b", "labels": {"1": {"th": "ก"}}, "text": {"th": "ก", "en": "a"}}]"#,
                "s.json: item i1, sub-item b: a label for option \"1\", which scale \"yes-good\" does not have"
            ),
            (
                #""scale": "level4", "subItems": [{"id": "a", "text": {"th": "ก", "en": "a"}}, "#
                    + #"{"id": "b", "scale": "nope", "text": {"th": "ก", "en": "a"}}]"#,
                "s.json: item i1, sub-item b: unknown scale \"nope\""
            ),
            (#""scale": "level4", "part": 1"#, "s.json: item i1: \"part\" is for EIT only"),
        ])
    func refusesBrokenReference(extra: String, message: String) {
        #expect {
            try Instrument(json: Self.file(item: Self.item(extra)), fileName: "s.json")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    /// The default EIT file with `edit` applied to its text.
    static func eit(_ edit: (String) -> String) throws -> Data {
        let url = Fixtures.repositoryRoot.appendingPathComponent("WebForms/instruments/eit-2568.json")
        return Data(edit(try String(contentsOf: url, encoding: .utf8)).utf8)
    }

    /// The default EIT with indicators 6 and 7 in part 1 and indicator 8 in part 2.
    static func partedEIT() throws -> Instrument {
        try Instrument(
            json: Self.eit { $0.replacingOccurrences(of: #""number": 8,"#, with: #""number": 8, "part": 2,"#) }
                .replacingNumbers(6, 7, part: 1),
            fileName: "eit.json")
    }

    @Test("EIT parts: on indicators or items, 1 or 2, and on every item once any has one")
    func parts() throws {
        let byIndicator = try Self.partedEIT()
        #expect(byIndicator.parts == [1, 2])
        #expect(byIndicator.item("e15")?.part == 2 && byIndicator.item("e1")?.part == 1)
        #expect(Fixtures.eit.parts.isEmpty)
        #expect {
            try Instrument(
                json: Self.eit { $0.replacingOccurrences(of: #""number": 8,"#, with: #""number": 8, "part": 2,"#) },
                fileName: "eit.json")
        } throws: { "\($0)".hasPrefix("eit.json: item e1: has no \"part\" while other items have one") }
        #expect {
            try Instrument(
                json: Self.eit { $0.replacingOccurrences(of: #""number": 8,"#, with: #""number": 8, "part": 3,"#) },
                fileName: "eit.json")
        } throws: { "\($0)" == "eit.json: indicator 8: \"part\" must be 1 or 2" }
    }

    @Test("each declared EIT part is scored and judged as a tool of its own; without parts the EIT is one tool")
    func partsJudgedApart() throws {
        let parted = try Self.partedEIT()
        let settings = AssessmentSettings(year: 2570, iitPopulation: 60, oit: Rational(100))
        let iit = Tally(form: .iit, responses: [Fixtures.response(.iit) { Fixtures.best($0) }])
        // Item e11 at 0 and the rest at 100: indicator 8 is 80, the EIT (100 + 100 + 80) / 3.
        let eitResponses = [Fixtures.response(.eit) { $0.id == "e11" ? Fixtures.worst($0) : Fixtures.best($0) }]
        let eit = Tally(form: .eit, responses: eitResponses)
        let whole = AssessmentResult(settings: settings, iit: (iit, Fixtures.iit), eit: (eit, Fixtures.eit))
        let apart = AssessmentResult(settings: settings, iit: (iit, Fixtures.iit), eit: (eit, parted))
        #expect(whole.eit.score.parts.isEmpty)
        #expect(apart.eit.score.score == Rational(280, 3) && whole.eit.score.score == Rational(280, 3))
        #expect(apart.eit.score.part(1)?.score == Rational(100) && apart.eit.score.part(2)?.score == Rational(80))
        #expect(apart.total == whole.total && whole.total == Rational(98))
        #expect(whole.level == .pass(.good))
        #expect(apart.level == .pass(.pass))
        let json = apart.json.serialized()
        #expect(json.contains(#""score":93.33,"parts":{"1":100.00,"2":80.00}"#))
        #expect(!whole.json.serialized().contains("\"parts\""))
    }

    @Test("an example set is never picked by year, and two files of one version are refused")
    func examplesAndVersions() throws {
        let example = try Instrument(
            json: Data(
                InstrumentTests.minimal(fromYear: 2569).replacingOccurrences(
                    of: #""form""#, with: #""example": true, "form""#
                )
                .utf8),
            fileName: "example.json")
        #expect(example.isExample)
        let catalog = InstrumentCatalog(instruments: [Fixtures.iit, example])
        #expect(catalog.instrument(.iit, year: 2570)?.version == "2568.1")
        #expect(catalog.instrument(.iit, version: "v2569")?.isExample == true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["iit-2568.json", "eit-2568.json"] {
            try FileManager.default.copyItem(
                at: Fixtures.repositoryRoot.appendingPathComponent("WebForms/instruments/\(name)"),
                to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent("WebForms/instruments/iit-2568.json"),
            to: folder.appendingPathComponent("iit-copy.json"))
        #expect {
            try InstrumentCatalog(directory: folder)
        } throws: { "\($0)".hasSuffix("two files declare iit version \"2568.1\"") }
    }
}

extension Data {
    /// The EIT file with `part` added to the indicators numbered as given.
    fileprivate func replacingNumbers(_ numbers: Int..., part: Int) -> Data {
        var text = String(decoding: self, as: UTF8.self)
        for number in numbers {
            text = text.replacingOccurrences(
                of: "\"number\": \(number),", with: "\"number\": \(number), \"part\": \(part),")
        }
        return Data(text.utf8)
    }
}
