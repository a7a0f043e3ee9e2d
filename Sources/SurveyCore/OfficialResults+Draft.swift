extension OfficialResults {
    /// Where a typed value came from: a line of a file or of pasted text, or one of the console's inputs.
    public enum Source: Sendable, Hashable {
        case line(Int)
        case field(String)
    }

    /// One row as typed, before it is checked.
    public struct Entry: Sendable, Hashable {
        public let source: Source
        public let id: String
        public let score: String
        public let note: String

        public init(source: Source, id: String, score: String, note: String = "") {
            self.source = source
            self.id = id
            self.score = score
            self.note = note
        }
    }

    /// The longest note kept, in characters.
    public static let noteLimit = 1000
    /// The most rows one set of results may have: every indicator and item with room for notes.
    public static let rowLimit = 400

    /// Official results as typed, in a file or in the console, before they are checked.
    public struct Draft: Sendable, Hashable {
        public var fiscalYear: Int
        public var entries: [Entry]
        /// `letters`, `pass`, or empty for the year's own.
        public var levels: String

        public init(fiscalYear: Int, entries: [Entry], levels: String = "") {
            self.fiscalYear = fiscalYear
            self.entries = entries
            self.levels = levels
        }

        /// The checked results, or every problem at once (with those found `earlier`, when the rows were read),
        /// each naming the line or input it concerns, in line order. A typed total must agree at two decimals with
        /// the one the ten indicators give.
        public func validated(after earlier: [OfficialProblem] = []) -> Result<OfficialResults, OfficialFailure> {
            var problems = earlier
            func problem(_ source: Source?, _ th: String, _ en: String) {
                problems.append(OfficialProblem(source: source, message: LocalizedText(th: th, en: en)))
            }
            var levelScheme: LevelScheme?
            if !levels.trimmingCharacters(in: .whitespaces).isEmpty {
                levelScheme = LevelScheme(token: levels)
                if levelScheme == nil {
                    problem(
                        .field("levels"), "เกณฑ์ระดับผลต้องเป็น letters หรือ pass",
                        "The level scheme is letters or pass (or empty for the year's own).")
                }
            }
            if entries.count > rowLimit {
                problem(nil, "มีได้ไม่เกิน \(rowLimit) บรรทัด", "At most \(rowLimit) rows are accepted.")
            }
            var indicators: [Int: Rational] = [:]
            var items: [OfficialItemID: Rational] = [:]
            var notes: [OfficialNote] = []
            var total: (score: Rational, source: Source)?
            var seen: [OfficialSubject: Source] = [:]
            for entry in entries.prefix(rowLimit) {
                let (id, scoreText, note) = (
                    entry.id.trimmingCharacters(in: .whitespaces), entry.score.trimmingCharacters(in: .whitespaces),
                    entry.note.trimmingCharacters(in: .whitespacesAndNewlines)
                )
                if id.isEmpty && scoreText.isEmpty && note.isEmpty { continue }
                if note.count > noteLimit {
                    problem(
                        entry.source, "หมายเหตุยาวเกิน \(noteLimit) ตัวอักษร",
                        "The note is longer than \(noteLimit) characters.")
                    continue
                }
                if TypedText.holdsUnprintable(note) {
                    let message = TypedText.unprintableMessage("หมายเหตุ", "The note")
                    problem(entry.source, message.th, message.en)
                    continue
                }
                if id.isEmpty {
                    if !scoreText.isEmpty {
                        problem(
                            entry.source, "คะแนนต้องมีรหัส (1–10, i1–i30, e1–e15, O1–O60 หรือ total)",
                            "A score needs an id (1–10, i1–i30, e1–e15, O1–O60 or total).")
                    } else {
                        notes.append(OfficialNote(subject: nil, text: note))
                    }
                    continue
                }
                guard id.count <= 10, let subject = OfficialSubject(id: id) else {
                    problem(
                        entry.source,
                        "ไม่รู้จักรหัส “\(id.prefix(10))”: ใช้ 1–10, i1–i30, e1–e15, O1–O60, total หรือเว้นว่างสำหรับหมายเหตุ",
                        "Unknown id “\(id.prefix(10))”: use 1–10, i1–i30, e1–e15, O1–O60, total, or nothing for a note."
                    )
                    continue
                }
                let name = subject.name
                if let first = seen[subject] {
                    problem(
                        entry.source, "\(name.th) ซ้ำกับที่ใส่ไว้แล้ว (\(first.thai))",
                        "\(name.en) appears twice (also at \(first.english)).")
                    continue
                }
                seen[subject] = entry.source
                var score: Rational?
                if !scoreText.isEmpty {
                    score = OfficialResults.score(scoreText)
                    if score == nil {
                        problem(
                            entry.source, "คะแนนของ\(name.th) ต้องเป็นตัวเลข 0–100 เช่น 84.45",
                            "The score of \(name.en) is a number from 0 to 100, such as 84.45.")
                        continue
                    }
                }
                switch subject {
                case .total:
                    guard let score, note.isEmpty else {
                        problem(
                            entry.source, "แถว total ต้องมีคะแนนรวม และไม่มีหมายเหตุ (ใส่หมายเหตุในบรรทัดหมายเหตุ)",
                            "The total row takes the total and no note (put notes on a note line).")
                        continue
                    }
                    total = (score, entry.source)
                case .indicator(let number):
                    guard let score else {
                        problem(
                            entry.source, "ตัวชี้วัดที่ \(number) ต้องมีคะแนน", "Indicator \(number) needs a score.")
                        continue
                    }
                    indicators[number] = score
                case .item(let item):
                    guard score != nil || !note.isEmpty else {
                        problem(
                            entry.source, "\(item) ต้องมีคะแนนหรือหมายเหตุ", "\(item) needs a score or a note.")
                        continue
                    }
                    items[item] = score
                }
                if !note.isEmpty { notes.append(OfficialNote(subject: subject, text: note)) }
            }
            if problems.isEmpty, indicators.isEmpty, total == nil {
                problem(
                    nil, "ยังไม่มีคะแนน: ใส่คะแนนตัวชี้วัด 1–10 หรือคะแนนรวม (total)",
                    "There are no scores: give the indicators 1–10 or the total.")
            }
            let results = OfficialResults(
                fiscalYear: fiscalYear, indicatorScores: indicators, itemScores: items, notes: notes,
                publishedTotal: total?.score, levelScheme: levelScheme)
            if let total, results.totalDisagrees, let computed = results.computedTotal {
                problem(
                    total.source,
                    "คะแนนรวมที่ใส่ (\(total.score.formatted)) ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด (\(computed.formatted))"
                        + " ต่างกันเกิน 0.01 ซึ่งการปัดเศษอธิบายไม่ได้"
                        + " กรุณาตรวจคะแนนตัวชี้วัด หรือเว้นคะแนนรวมไว้ให้ระบบคำนวณ",
                    "The typed total \(total.score.formatted) does not match \(computed.formatted) computed from the"
                        + " indicators: they differ by more than the 0.01 rounding explains. Check the indicator"
                        + " scores, or leave the total out to have it computed.")
            }
            guard problems.isEmpty else { return .failure(OfficialFailure(problems: Self.inLineOrder(problems))) }
            return .success(results)
        }

        /// Problems of inputs first, as found, then those of lines by number.
        private static func inLineOrder(_ problems: [OfficialProblem]) -> [OfficialProblem] {
            func line(_ problem: OfficialProblem) -> Int {
                if case .line(let number) = problem.source { return number }
                return 0
            }
            return problems.enumerated().sorted { (line($0.element), $0.offset) < (line($1.element), $1.offset) }
                .map(\.element)
        }
    }

    /// A typed score: a plain decimal from 0 to 100; nil for anything else.
    static func score(_ text: String) -> Rational? {
        guard text.count <= 20, let score = Rational(decimal: text), score >= .zero, score <= Rational(100) else {
            return nil
        }
        return score
    }
}

extension OfficialSubject {
    /// How a problem names the subject: "ตัวชี้วัดที่ 3" / "indicator 3", "ข้อ i5" / "item i5", "คะแนนรวม" / "the total".
    var name: LocalizedText {
        switch self {
        case .indicator(let number): LocalizedText(th: "ตัวชี้วัดที่ \(number)", en: "indicator \(number)")
        case .item(let id): LocalizedText(th: "ข้อ \(id)", en: "item \(id)")
        case .total: LocalizedText(th: "คะแนนรวม", en: "the total")
        }
    }
}

extension OfficialResults.Source {
    /// "บรรทัด 3" or "ช่อง indicator2".
    var thai: String {
        switch self {
        case .line(let number): "บรรทัด \(number)"
        case .field(let name): "ช่อง \(name)"
        }
    }

    /// "line 3" or "input indicator2".
    var english: String {
        switch self {
        case .line(let number): "line \(number)"
        case .field(let name): "input \(name)"
        }
    }
}

/// One thing wrong with typed official results: the line or input it concerns (none for the whole) and what.
public struct OfficialProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let source: OfficialResults.Source?
    public let message: LocalizedText

    public init(source: OfficialResults.Source?, message: LocalizedText) {
        self.source = source
        self.message = message
    }

    /// "line 3 / บรรทัด 3: English / ไทย", as the command line prints it.
    public var description: String {
        let place = source.map { "\($0.english) / \($0.thai): " } ?? ""
        return place + message.en + " / " + message.th
    }
}

/// Every problem of typed official results; nothing of them is stored.
public struct OfficialFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [OfficialProblem]

    public init(problems: [OfficialProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
