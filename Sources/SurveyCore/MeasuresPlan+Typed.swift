extension MeasuresPlan {
    /// The most rows a plan may have.
    public static let rowLimit = 40

    /// A text of a row, with its input's name, its Thai label and its longest length in characters.
    public enum Field: String, Sendable, CaseIterable {
        case indicators, items, measure, steps, period, owner, followUp, output, outcome

        public var limit: Int {
            switch self {
            case .indicators: 40
            case .items: 300
            case .measure: 300
            case .steps, .output, .outcome: 2000
            case .period, .owner: 200
            case .followUp: 1000
            }
        }

        public var thai: String {
            switch self {
            case .indicators: "ตัวชี้วัดที่เกี่ยวข้อง"
            case .items: "ข้อที่เกี่ยวข้อง"
            case .measure: "มาตรการ/โครงการ"
            case .steps: "ขั้นตอนหรือวิธีการดำเนินการ"
            case .period: "ระยะเวลาดำเนินการ"
            case .owner: "ผู้รับผิดชอบ"
            case .followUp: "การติดตามผล"
            case .output: "ผลผลิต (Output)"
            case .outcome: "ผลลัพธ์ (Outcome)"
            }
        }

        /// The input's name in row `number` (from 1): `measure-3`.
        public func name(row number: Int) -> String { "\(rawValue)-\(number)" }
    }

    /// The longest name, position or date of a signer, in characters.
    public static let personLimit = 200

    /// One row as typed, every cell a text.
    public struct TypedRow: Sendable, Hashable {
        public var cells: [Field: String]

        public init(cells: [Field: String] = [:]) {
            self.cells = cells
        }

        /// A stored row as its inputs show it.
        public init(_ row: MeasureRow) {
            cells = [
                .indicators: row.indicators.map(String.init).joined(separator: ", "),
                .items: row.items.joined(separator: ", "), .measure: row.measure, .steps: row.steps,
                .period: row.period, .owner: row.owner, .followUp: row.followUp, .output: row.output,
                .outcome: row.outcome,
            ]
        }

        public subscript(field: Field) -> String {
            get { cells[field] ?? "" }
            set { cells[field] = newValue }
        }

        /// Whether nothing at all was typed in it: such a row is left out.
        public var isBlank: Bool { Field.allCases.allSatisfy { Self.clean(self[$0]).isEmpty } }

        /// A cell without spaces at its ends and with one kind of line break.
        static func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A plan as the console's form sends it, before it is checked.
    public struct Typed: Sendable, Hashable {
        public var rows: [TypedRow]
        public var signer: Signatory
        public var announcedOn: String
        public var approvals: Approvals

        public init(
            rows: [TypedRow] = [], signer: Signatory = Signatory(), announcedOn: String = "",
            approvals: Approvals = Approvals()
        ) {
            self.rows = rows
            self.signer = signer
            self.announcedOn = announcedOn
            self.approvals = approvals
        }

        /// A stored plan as its form shows it.
        public init(_ plan: MeasuresPlan) {
            self.init(
                rows: plan.rows.map(TypedRow.init), signer: plan.signer, announcedOn: plan.announcedOn,
                approvals: plan.approvals)
        }

        /// The input names of the signer, the date and the approval chain.
        public static let signerName = "signer-name"
        public static let signerPosition = "signer-position"
        public static let announcedOnField = "announced-on"
        public static func nameField(_ step: Approvals.Step) -> String { "\(step.rawValue)-name" }
        public static func positionField(_ step: Approvals.Step) -> String { "\(step.rawValue)-position" }

        /// The checked plan of `fiscalYear`, marked edited, or every problem in form order, each at its input. A row
        /// left blank is dropped; any other needs a measure and a main indicator (1–10), and its items must be
        /// item ids such as i7, e11 or O12.
        public func validated(fiscalYear: Int, basis: Basis?) -> Result<MeasuresPlan, ValidationFailure> {
            var problems: [ValidationProblem] = []
            func problem(_ field: String, _ th: String, _ en: String) {
                problems.append(ValidationProblem(field: field, message: LocalizedText(th: th, en: en)))
            }
            if rows.count > rowLimit {
                problem(
                    Field.measure.name(row: rowLimit + 1), "แผนมีได้ไม่เกิน \(rowLimit) มาตรการ",
                    "A plan has at most \(rowLimit) measures.")
            }
            var checked: [MeasureRow] = []
            for (index, typed) in rows.prefix(rowLimit).enumerated() where !typed.isBlank {
                let number = index + 1
                var cells: [Field: String] = [:]
                var fits = true
                for field in Field.allCases {
                    let text = TypedRow.clean(typed[field])
                    if text.count > field.limit {
                        problem(
                            field.name(row: number),
                            "\(field.thai) ของแถวที่ \(number) ยาวได้ไม่เกิน \(field.limit) ตัวอักษร",
                            "Row \(number): \(field.rawValue) may have at most \(field.limit) characters.")
                        fits = false
                    } else if TypedText.holdsUnprintable(text) {
                        let message = TypedText.unprintableMessage(
                            "\(field.thai) ของแถวที่ \(number)", "Row \(number): \(field.rawValue)")
                        problem(field.name(row: number), message.th, message.en)
                        fits = false
                    }
                    cells[field] = text
                }
                guard fits else { continue }
                if cells[.measure, default: ""].isEmpty {
                    problem(
                        Field.measure.name(row: number), "กรุณาใส่ชื่อมาตรการหรือโครงการของแถวที่ \(number)",
                        "Row \(number) needs a measure or project.")
                }
                let indicators = Self.indicators(cells[.indicators, default: ""])
                if indicators == nil || indicators?.isEmpty == true {
                    problem(
                        Field.indicators.name(row: number),
                        "ตัวชี้วัดของแถวที่ \(number) ต้องเป็นเลข 1–10 คั่นด้วยจุลภาค เช่น 2 หรือ 2, 7 (ตัวแรกคือตัวหลัก)",
                        "Row \(number): indicators are numbers 1–10 separated by commas, such as 2 or 2, 7.")
                }
                let items = Self.items(cells[.items, default: ""])
                if items == nil {
                    problem(
                        Field.items.name(row: number),
                        "ข้อที่เกี่ยวข้องของแถวที่ \(number) ต้องเป็นรหัสข้อ เช่น i7, e11, O12 คั่นด้วยจุลภาค",
                        "Row \(number): items are ids such as i7, e11, O12 separated by commas.")
                }
                guard let indicators, !indicators.isEmpty, let items, !cells[.measure, default: ""].isEmpty
                else { continue }
                checked.append(
                    MeasureRow(
                        indicators: indicators, items: items, measure: cells[.measure]!, steps: cells[.steps]!,
                        period: cells[.period]!, owner: cells[.owner]!, followUp: cells[.followUp]!,
                        output: cells[.output]!, outcome: cells[.outcome]!))
            }
            func person(_ typed: String, _ field: String) -> String {
                let text = TypedRow.clean(typed)
                if text.count > personLimit {
                    problem(
                        field, "ยาวได้ไม่เกิน \(personLimit) ตัวอักษร", "At most \(personLimit) characters.")
                } else if TypedText.holdsUnprintable(text) {
                    let message = TypedText.unprintableMessage("ข้อความนี้", "This text")
                    problem(field, message.th, message.en)
                }
                return text
            }
            let signer = Signatory(
                name: person(self.signer.name, Self.signerName),
                position: person(self.signer.position, Self.signerPosition))
            let announcedOn = person(self.announcedOn, Self.announcedOnField)
            var approvals = Approvals()
            for step in Approvals.Step.allCases {
                approvals[step] = Signatory(
                    name: person(self.approvals[step].name, Self.nameField(step)),
                    position: person(self.approvals[step].position, Self.positionField(step)))
            }
            guard problems.isEmpty else { return .failure(ValidationFailure(problems: problems)) }
            return .success(
                MeasuresPlan(
                    fiscalYear: fiscalYear, basis: basis, rows: checked, signer: signer, announcedOn: announcedOn,
                    approvals: approvals, edited: true))
        }

        /// Indicator numbers typed as `2, 7` or `2 7`, each once, in the order typed; nil when one is not 1–10.
        static func indicators(_ text: String) -> [Int]? {
            var numbers: [Int] = []
            for part in parts(text) {
                guard let number = Int(part), String(number) == part, ITAIndicator.numbers.contains(number) else {
                    return nil
                }
                if !numbers.contains(number) { numbers.append(number) }
            }
            return numbers
        }

        /// Item ids typed as `i7, E11 o12`, written as the instruments and ITAS write them, each once; nil when one
        /// is no item id.
        static func items(_ text: String) -> [String]? {
            var ids: [String] = []
            for part in parts(text) {
                guard let id = OfficialItemID(part) else { return nil }
                if !ids.contains(id.description) { ids.append(id.description) }
            }
            return ids
        }

        private static func parts(_ text: String) -> [String] {
            text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        }
    }
}
