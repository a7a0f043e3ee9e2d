import SurveyCore
import SurveyStore

/// The round settings form of the admin console: the values as typed, read into a round and its targets,
/// or every problem at once.
struct RoundForm: Sendable {
    var values: [String: String]

    /// The sample rules offered per form, as tokens; `fixed` takes its number from `{form}Fixed`.
    static func ruleChoices(_ form: FormKind) -> [String] {
        (form == .eit ? ["group"] : []) + [
            "krejcie-morgan", "yamane", "percent:10:30:400", "percent:10:25:400", "fixed",
        ]
    }

    static func targetField(_ form: FormKind, _ dimension: ProfileDimension, _ code: String) -> String {
        "t-\(form.rawValue)-\(dimension.rawValue)-\(code)"
    }

    /// The form filled with a round's current settings.
    init(round: Round, targets: [ProfileTarget]) {
        var values = [
            "year": String(round.fiscalYear), "opens": round.opensOn, "closes": round.closesOn ?? "",
            "kind": round.kind.rawValue, "iitPopulation": round.iitPopulation.map(String.init) ?? "",
            "eitPopulation": round.eitPopulation.map(String.init) ?? "", "iitCodes": round.iitCodes ? "on" : "",
            "oit": round.oitScore ?? "", "smallCells": String(round.smallCellMinimum),
            "eitSmallCells": String(round.eitSmallCellMinimum),
        ]
        for (form, token) in [(FormKind.iit, round.iitRule), (.eit, round.eitRule)] {
            if case .fixed(let count)? = SampleRule(token: token) {
                values["\(form.rawValue)Rule"] = "fixed"
                values["\(form.rawValue)Fixed"] = String(count)
            } else {
                values["\(form.rawValue)Rule"] = token
            }
        }
        for target in targets {
            values[Self.targetField(target.form, target.dimension, target.code)] = String(target.minimum)
        }
        self.values = values
    }

    init(values: [String: String]) {
        self.values = values
    }

    /// The defaults of a new round for an agency.
    static func new(for agency: Agency) -> RoundForm {
        RoundForm(values: [
            "year": String(Day.today.fiscalYear), "opens": Day.today.description, "kind": agency.kind.rawValue,
            "iitRule": SampleRule.standard(for: .iit, kind: agency.kind).token,
            "eitRule": SampleRule.standard(for: .eit, kind: agency.kind).token, "smallCells": "5",
            "eitSmallCells": "3",
        ])
    }

    /// Reads the values into `round` (keeping its id, agency and instruments) and the targets.
    func apply(to round: Round) -> Result<(Round, [ProfileTarget]), ValidationFailure> {
        var problems: [ValidationProblem] = []
        func problem(_ field: String, _ th: String, _ en: String) {
            problems.append(ValidationProblem(field: field, message: LocalizedText(th: th, en: en)))
        }
        func text(_ field: String) -> String { (values[field] ?? "").trimmingCharacters(in: .whitespaces) }
        func optionalCount(_ field: String) -> Int? {
            let typed = text(field)
            guard !typed.isEmpty else { return nil }
            guard let count = Int(typed), count >= 0, count <= 10_000_000 else {
                problem(field, "กรุณาใส่จำนวนเต็มไม่ติดลบ", "Please type a whole number, 0 or more.")
                return nil
            }
            return count
        }
        var round = round
        if let year = Int(text("year")), (2500...2700).contains(year) {
            round.fiscalYear = year
        } else {
            problem("year", "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570", "The fiscal year is a Buddhist-era year such as 2570.")
        }
        let opens = Day(text("opens"))
        if let opens {
            round.opensOn = opens.description
        } else {
            problem("opens", "กรุณาเลือกวันเปิดรับคำตอบ", "Please choose the first day of answers.")
        }
        if text("closes").isEmpty {
            round.closesOn = nil
        } else if let closes = Day(text("closes")) {
            round.closesOn = closes.description
            if let opens, closes < opens {
                problem("closes", "วันปิดต้องไม่ก่อนวันเปิด", "The last day cannot be before the first day.")
            }
        } else {
            problem("closes", "วันที่ไม่ถูกต้อง", "This is not a date.")
        }
        if let kind = AgencyKind(rawValue: text("kind")) {
            round.kind = kind
        } else {
            problem("kind", "กรุณาเลือกประเภทหน่วยงาน", "Please choose the agency kind.")
        }
        round.iitPopulation = optionalCount("iitPopulation")
        round.eitPopulation = optionalCount("eitPopulation")
        for form in FormKind.allCases {
            let field = "\(form.rawValue)Rule"
            let choice = text(field)
            var rule: SampleRule?
            if choice == "fixed" {
                if let count = optionalCount("\(form.rawValue)Fixed"), count > 0 {
                    rule = .fixed(count)
                } else {
                    problem("\(form.rawValue)Fixed", "กรุณาใส่จำนวนขั้นต่ำที่กำหนดเอง", "Please type the fixed minimum.")
                }
            } else if Self.ruleChoices(form).contains(choice) {
                rule = SampleRule(token: choice)
            } else {
                problem(field, "กรุณาเลือกเกณฑ์ขนาดตัวอย่าง", "Please choose a sample rule.")
            }
            if let rule {
                if form == .iit { round.iitRule = rule.token } else { round.eitRule = rule.token }
            }
        }
        round.iitCodes = values["iitCodes"] == "on"
        let oit = text("oit")
        if oit.isEmpty {
            round.oitScore = nil
        } else if let score = Rational(decimal: oit), score >= .zero, score <= Rational(100) {
            round.oitScore = oit
        } else {
            problem("oit", "คะแนน OIT ต้องเป็นตัวเลข 0–100", "The OIT score is a number from 0 to 100.")
        }
        for (name, form, setting) in [
            ("smallCells", "", \Round.smallCellMinimum), ("eitSmallCells", "EIT ", \Round.eitSmallCellMinimum),
        ] {
            if let cells = Int(text(name)), cells >= SmallCellRule.floor, cells <= 1000 {
                round[keyPath: setting] = cells
            } else {
                problem(
                    name,
                    "ขนาดกลุ่มเล็กสุด\(form.isEmpty ? "" : "ของ ")\(form)ต้องเป็นจำนวนเต็มตั้งแต่ \(SmallCellRule.floor) ขึ้นไป",
                    "The smallest \(form)group shown is a whole number of at least \(SmallCellRule.floor).")
            }
        }
        var targets: [ProfileTarget] = []
        for form in FormKind.allCases {
            for dimension in form.profileDimensions {
                for code in dimension.codes {
                    let field = Self.targetField(form, dimension, code)
                    if let minimum = optionalCount(field), minimum > 0 {
                        targets.append(ProfileTarget(form: form, dimension: dimension, code: code, minimum: minimum))
                    }
                }
            }
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems: problems)) }
        return .success((round, targets))
    }
}
