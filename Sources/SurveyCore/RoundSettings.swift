/// Everything a round's collection, releases and scores depend on, checked: the one settings model of the
/// console and the command line.
public struct RoundSettings: Sendable, Hashable {
    /// Buddhist-era fiscal year.
    public var fiscalYear: Int
    /// First day the forms accept answers.
    public var opens: Day
    /// Last day the forms accept answers; nil for open-ended.
    public var closes: Day?
    public var kind: AgencyKind
    public var iitPopulation: Int?
    public var eitPopulation: Int?
    public var iitRule: SampleRule
    public var eitRule: SampleRule
    /// Whether the IIT asks for a one-time access code.
    public var iitCodes: Bool
    /// Whether the EIT asks for a one-time code from a counter slip, handed out with each service: one answer
    /// per visitor.
    public var eitCodes: Bool
    /// The OIT score, when known.
    public var oit: Rational?
    /// k of the IIT releases: every released combination of profile values (and day) is shared by at least k staff.
    public var smallCellMinimum: Int
    /// k of the EIT releases; residents are many, so it may be smaller than the IIT's.
    public var eitSmallCellMinimum: Int
    /// Minimum respondents per profile category that the agency wants.
    public var targets: [ProfileTarget]
    /// The level scheme chosen for this round; nil for the fiscal year's own.
    public var levelScheme: LevelScheme?

    /// The fiscal years a round may have.
    public static let fiscalYears = 2500...2700
    /// The year written plainly (digits only, no sign or leading zero) if it is one of `years`.
    public static func fiscalYear(written text: String, in years: ClosedRange<Int> = fiscalYears) -> Int? {
        guard let year = Int(text), String(year) == text, years.contains(year) else { return nil }
        return year
    }
    /// A count written as digits only (no sign, no spaces) from 0 to `largestCount`, as every count field takes it.
    public static func count(written text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let count = Int(text),
            count <= largestCount
        else { return nil }
        return count
    }
    /// The calendar years its days may fall in: those of the fiscal years.
    public static let calendarYears = (fiscalYears.lowerBound - 544)...(fiscalYears.upperBound - 543)
    /// The largest population, fixed minimum or target accepted.
    public static let largestCount = 10_000_000
    /// The k a round may have.
    public static let smallCellMinimums = SmallCellRule.floor...1000

    public init(
        fiscalYear: Int, opens: Day, closes: Day? = nil, kind: AgencyKind, iitPopulation: Int? = nil,
        eitPopulation: Int? = nil, iitRule: SampleRule? = nil, eitRule: SampleRule? = nil, iitCodes: Bool = false,
        eitCodes: Bool = false, oit: Rational? = nil, smallCellMinimum: Int = 5, eitSmallCellMinimum: Int = 3,
        targets: [ProfileTarget] = [], levelScheme: LevelScheme? = nil
    ) {
        self.fiscalYear = fiscalYear
        self.opens = opens
        self.closes = closes
        self.kind = kind
        self.iitPopulation = iitPopulation
        self.eitPopulation = eitPopulation
        self.iitRule = iitRule ?? .standard(for: .iit, kind: kind)
        self.eitRule = eitRule ?? .standard(for: .eit, kind: kind)
        self.iitCodes = iitCodes
        self.eitCodes = eitCodes
        self.oit = oit
        self.smallCellMinimum = smallCellMinimum
        self.eitSmallCellMinimum = eitSmallCellMinimum
        self.targets = targets
        self.levelScheme = levelScheme
    }

    /// An OIT score as typed: a plain decimal from 0 to 100; nil for anything else.
    public static func oitScore(_ text: String) -> Rational? {
        guard let score = Rational(decimal: text), score >= .zero, score <= Rational(100) else { return nil }
        return score
    }

    /// The settings of a new round of an agency of `kind` opening on `day`.
    public static func standard(kind: AgencyKind, opening day: Day) -> RoundSettings {
        RoundSettings(fiscalYear: day.fiscalYear, opens: day, kind: kind)
    }

    public func rule(_ form: FormKind) -> SampleRule {
        form == .iit ? iitRule : eitRule
    }

    /// Whether a form asks for a one-time code before its questions.
    public func usesCodes(_ form: FormKind) -> Bool {
        form == .iit ? iitCodes : eitCodes
    }

    /// The forms that ask for one-time codes.
    public var codedForms: [FormKind] { FormKind.allCases.filter(usesCodes) }

    /// The k of a form's releases.
    public func releaseRule(_ form: FormKind) -> SmallCellRule {
        SmallCellRule(minimum: form == .iit ? smallCellMinimum : eitSmallCellMinimum)
    }

    /// The settings the result is computed under.
    public var assessment: AssessmentSettings {
        AssessmentSettings(
            year: fiscalYear, kind: kind, iitPopulation: iitPopulation, eitPopulation: eitPopulation, iitRule: iitRule,
            eitRule: eitRule, oit: oit, levelScheme: levelScheme)
    }

    /// The closed periods of a form's answers per day under its k.
    public func periods(of days: [Day: Int], form: FormKind, today: Day) -> DayPeriods {
        DayPeriods(days: days, opens: opens, today: today, minimum: releaseRule(form).minimum)
    }

    /// Where the round stands on a given day.
    public func status(on day: Day) -> RoundStatus {
        if day < opens { return .notYetOpen(opens: opens) }
        if let closes, closes < day { return .closed(closed: closes) }
        return .open
    }

    /// The settings in one line, for the audit log.
    public var summary: String {
        var parts = [
            "year \(fiscalYear)", "opens \(opens)", "closes \(closes?.description ?? "-")", "kind \(kind.rawValue)",
            "iit population \(iitPopulation.map(String.init) ?? "-")",
            "eit population \(eitPopulation.map(String.init) ?? "-")", "iit rule \(iitRule.token)",
            "eit rule \(eitRule.token)", "codes \(iitCodes ? "on" : "off")", "oit \(oit?.exactDecimal ?? "-")",
            "small cells \(smallCellMinimum)", "eit small cells \(eitSmallCellMinimum)",
        ]
        // Named only when on, so that digests published before counter slips existed still match.
        if eitCodes { parts.append("eit codes on") }
        parts += targets.map { "target \($0.form.rawValue) \($0.dimension.rawValue)=\($0.code) ≥ \($0.minimum)" }
        // Named only when chosen, so that digests published before the choice existed still match.
        if let levelScheme { parts.append("levels \(levelScheme.rawValue)") }
        return parts.joined(separator: ", ")
    }
}

/// Where a round stands on a day.
public enum RoundStatus: Sendable, Hashable {
    case notYetOpen(opens: Day)
    case open
    case closed(closed: Day)
}

extension RoundSettings {
    /// A setting as the console names its input and as a problem names what it concerns.
    public enum Field: String, CaseIterable, Sendable {
        case year, opens, closes, kind, iitPopulation, eitPopulation, iitRule, iitFixed, eitRule, eitFixed, oit
        case smallCells, eitSmallCells, levels

        /// The sample rule's field of a form, and the field of its fixed count.
        public static func rule(_ form: FormKind) -> Field { form == .iit ? .iitRule : .eitRule }
        public static func fixed(_ form: FormKind) -> Field { form == .iit ? .iitFixed : .eitFixed }
        public static func population(_ form: FormKind) -> Field { form == .iit ? .iitPopulation : .eitPopulation }
        public static func smallCells(_ form: FormKind) -> Field { form == .iit ? .smallCells : .eitSmallCells }
    }

    /// A profile category that can have a target, and the name of its input.
    public struct TargetKey: Sendable, Hashable {
        public let form: FormKind
        public let dimension: ProfileDimension
        public let code: String

        public init(form: FormKind, dimension: ProfileDimension, code: String) {
            self.form = form
            self.dimension = dimension
            self.code = code
        }

        public var field: String { "t-\(form.rawValue)-\(dimension.rawValue)-\(code)" }

        /// Every category of every form, in form order.
        public static let all: [TargetKey] = FormKind.allCases.flatMap { form in
            form.profileDimensions.flatMap { dimension in
                dimension.codes.map { TargetKey(form: form, dimension: dimension, code: $0) }
            }
        }
    }

    /// Settings as typed (in the console or on the command line), before they are checked. A rule is a token
    /// (`krejcie-morgan`, `percent:10:30:400`, `fixed:40`) or `fixed` with the count in its fixed field.
    public struct Draft: Sendable, Hashable {
        public var text: [Field: String]
        public var iitCodes: Bool
        public var eitCodes: Bool
        /// The typed minimum of each category that has one.
        public var targets: [TargetKey: String]

        public init(
            text: [Field: String] = [:], iitCodes: Bool = false, eitCodes: Bool = false,
            targets: [TargetKey: String] = [:]
        ) {
            self.text = text
            self.iitCodes = iitCodes
            self.eitCodes = eitCodes
            self.targets = targets
        }

        /// The settings as a form shows them.
        public init(_ settings: RoundSettings) {
            var text: [Field: String] = [
                .year: String(settings.fiscalYear), .opens: settings.opens.description,
                .closes: settings.closes?.description ?? "", .kind: settings.kind.rawValue,
                .iitPopulation: settings.iitPopulation.map(String.init) ?? "",
                .eitPopulation: settings.eitPopulation.map(String.init) ?? "",
                .oit: settings.oit?.exactDecimal ?? "", .smallCells: String(settings.smallCellMinimum),
                .eitSmallCells: String(settings.eitSmallCellMinimum),
                .levels: settings.levelScheme?.rawValue ?? "",
            ]
            for form in FormKind.allCases {
                if case .fixed(let count) = settings.rule(form) {
                    text[.rule(form)] = "fixed"
                    text[.fixed(form)] = String(count)
                } else {
                    text[.rule(form)] = settings.rule(form).token
                }
            }
            self.init(
                text: text, iitCodes: settings.iitCodes, eitCodes: settings.eitCodes,
                targets: Dictionary(
                    settings.targets.map {
                        (TargetKey(form: $0.form, dimension: $0.dimension, code: $0.code), String($0.minimum))
                    }, uniquingKeysWith: { first, _ in first }))
        }

        public subscript(field: Field) -> String {
            get { text[field] ?? "" }
            set { text[field] = newValue }
        }

        /// The checked settings, or every problem at once, each naming its field in Thai and English.
        public func validated() -> Result<RoundSettings, ValidationFailure> {
            var checker = Checker(draft: self)
            let settings = checker.settings()
            guard let settings, checker.problems.isEmpty else {
                return .failure(ValidationFailure(problems: checker.problems))
            }
            return .success(settings)
        }
    }

    /// Reads a draft field by field, collecting problems.
    private struct Checker {
        let draft: Draft
        var problems: [ValidationProblem] = []

        mutating func problem(_ field: String, _ th: String, _ en: String) {
            problems.append(ValidationProblem(field: field, message: LocalizedText(th: th, en: en)))
        }

        func text(_ field: Field) -> String { draft[field].trimmingCharacters(in: .whitespaces) }

        /// A count typed into `field` (empty is nil); a problem when it is not a whole number from 0 up.
        mutating func count(_ typed: String, field: String) -> Int? {
            let typed = typed.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return nil }
            guard let count = RoundSettings.count(written: typed) else {
                problem(field, "กรุณาใส่จำนวนเต็มไม่ติดลบ", "Please type a whole number, 0 or more.")
                return nil
            }
            return count
        }

        mutating func settings() -> RoundSettings? {
            let year = RoundSettings.fiscalYear(written: text(.year))
            if year == nil {
                problem(
                    Field.year.rawValue, "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570",
                    "The fiscal year is a Buddhist-era year such as 2570.")
            }
            let opens = day(text(.opens))
            if opens == nil {
                problem(
                    Field.opens.rawValue, "กรุณาเลือกวันเปิดรับคำตอบ",
                    "The first day of answers is a date such as 2026-12-01.")
            }
            var closes: Day?
            if !text(.closes).isEmpty {
                closes = day(text(.closes))
                if let closes, let opens, closes < opens {
                    problem(
                        Field.closes.rawValue, "วันปิดต้องไม่ก่อนวันเปิด", "The last day cannot be before the first day.")
                } else if closes == nil {
                    problem(
                        Field.closes.rawValue, "วันที่ไม่ถูกต้อง", "The last day of answers is a date such as 2027-01-31.")
                }
            }
            let kind = AgencyKind(rawValue: text(.kind))
            if kind == nil {
                problem(Field.kind.rawValue, "กรุณาเลือกประเภทหน่วยงาน", "Please choose the agency kind.")
            }
            let populations = FormKind.allCases.map {
                count(text(.population($0)), field: Field.population($0).rawValue)
            }
            let rules = FormKind.allCases.map { rule($0) }
            var oit: Rational?
            if !text(.oit).isEmpty {
                oit = RoundSettings.oitScore(text(.oit))
                if oit == nil {
                    problem(
                        Field.oit.rawValue, "คะแนน OIT ต้องเป็นตัวเลข 0–100", "The OIT score is a number from 0 to 100.")
                }
            }
            let smallCells = FormKind.allCases.map { smallCellMinimum($0) }
            var levelScheme: LevelScheme?
            if !text(.levels).isEmpty {
                levelScheme = LevelScheme(token: text(.levels))
                if levelScheme == nil {
                    problem(
                        Field.levels.rawValue, "กรุณาเลือกเกณฑ์ระดับผล: ตัวอักษร หรือ ระดับผ่าน",
                        "The level scheme is letters or pass (or empty for the year's own).")
                }
            }
            var targets: [ProfileTarget] = []
            for key in TargetKey.all {
                if let minimum = count(draft.targets[key] ?? "", field: key.field), minimum > 0 {
                    targets.append(
                        ProfileTarget(form: key.form, dimension: key.dimension, code: key.code, minimum: minimum))
                }
            }
            guard let year, let opens, let kind, let iitRule = rules[0], let eitRule = rules[1],
                let iitK = smallCells[0], let eitK = smallCells[1]
            else { return nil }
            return RoundSettings(
                fiscalYear: year, opens: opens, closes: closes, kind: kind, iitPopulation: populations[0],
                eitPopulation: populations[1], iitRule: iitRule, eitRule: eitRule, iitCodes: draft.iitCodes,
                eitCodes: draft.eitCodes, oit: oit,
                smallCellMinimum: iitK, eitSmallCellMinimum: eitK, targets: targets, levelScheme: levelScheme)
        }

        /// A day of a fiscal year a round may have; nil for anything else.
        func day(_ text: String) -> Day? {
            Day(text).flatMap { RoundSettings.calendarYears.contains($0.year) ? $0 : nil }
        }

        /// A form's sample rule: a token, or `fixed` with its count; the agency-group rule is the EIT's only.
        mutating func rule(_ form: FormKind) -> SampleRule? {
            let choice = text(.rule(form))
            if choice == "fixed" {
                if let count = count(text(.fixed(form)), field: Field.fixed(form).rawValue), count > 0 {
                    return .fixed(count)
                }
                problem(Field.fixed(form).rawValue, "กรุณาใส่จำนวนขั้นต่ำที่กำหนดเอง", "Please type the fixed minimum.")
                return nil
            }
            guard let rule = SampleRule(token: choice), rule.isWithinBounds, form == .eit || rule != .agencyGroup else {
                problem(
                    Field.rule(form).rawValue, "กรุณาเลือกเกณฑ์ขนาดตัวอย่าง",
                    "The sample rule is one of krejcie-morgan, yamane, percent:P:FLOOR:CAP, fixed:N"
                        + (form == .eit ? " or group." : "."))
                return nil
            }
            return rule
        }

        mutating func smallCellMinimum(_ form: FormKind) -> Int? {
            let field = Field.smallCells(form)
            if let k = Int(text(field)), RoundSettings.smallCellMinimums.contains(k) { return k }
            let name = form == .iit ? "" : "EIT "
            problem(
                field.rawValue,
                "ขนาดกลุ่มเล็กสุด\(name.isEmpty ? "" : "ของ ")\(name)ต้องเป็นจำนวนเต็มตั้งแต่ \(SmallCellRule.floor) ถึง "
                    + "\(RoundSettings.smallCellMinimums.upperBound)",
                "The smallest \(name)group shown is a whole number from \(SmallCellRule.floor) to "
                    + "\(RoundSettings.smallCellMinimums.upperBound).")
            return nil
        }
    }
}
