/// The two ways a fiscal year's total is graded: letters (AA–F, fiscal 2562–2565) or pass levels (from 2566).
/// Published documents disagree for 2566, so a round or a year's official results may choose the other one.
public enum LevelScheme: String, Sendable, Hashable, CaseIterable {
    case letters
    case pass

    /// The scheme of a fiscal year when nobody chose one: letters up to 2565, pass levels from 2566.
    public static func standard(fiscalYear: Int) -> LevelScheme {
        fiscalYear < 2566 ? .letters : .pass
    }

    /// The scheme chosen, or else the year's own.
    public static func effective(_ override: LevelScheme?, fiscalYear: Int) -> LevelScheme {
        override ?? standard(fiscalYear: fiscalYear)
    }

    /// A short name for choices and tables.
    public var name: LocalizedText {
        switch self {
        case .letters: LocalizedText(th: "ระดับตัวอักษร (AA–F)", en: "letter grades (AA–F)")
        case .pass: LocalizedText(th: "ระดับผ่าน (ผ่านดีเยี่ยม–ต้องปรับปรุงโดยด่วน)", en: "pass levels")
        }
    }

    /// The criteria as a report states them.
    public var criteria: LocalizedText {
        switch self {
        case .letters:
            LocalizedText(
                th: "เกณฑ์ระดับตัวอักษร: AA ≥ 95 · A ≥ 85 · B ≥ 75 · C ≥ 65 · D ≥ 55 · E ≥ 50 · F < 50",
                en: "Letter grades: AA ≥ 95 · A ≥ 85 · B ≥ 75 · C ≥ 65 · D ≥ 55 · E ≥ 50 · F < 50")
        case .pass:
            LocalizedText(
                th: "เกณฑ์ระดับผ่าน: ผ่านดีเยี่ยม (รวม ≥ 95 และทุกเครื่องมือ ≥ 95) · ผ่านดี (รวม ≥ 85 และทุกเครื่องมือ ≥ 85)"
                    + " · ผ่าน (รวม ≥ 85 แต่บางเครื่องมือ < 85) · ต้องปรับปรุง (70–84.99) · ต้องปรับปรุงโดยด่วน (< 70)",
                en: "Pass levels: excellent (total and every tool ≥ 95) · good (total and every tool ≥ 85)"
                    + " · pass (total ≥ 85, some tool < 85) · needs improvement (70–84.99) · needs urgent improvement (< 70)"
            )
        }
    }

    /// The criteria as a table: each level with its rule, best first.
    public var criteriaTable: [LevelCriterion] {
        switch self {
        case .letters:
            [
                ("AA", "95–100"), ("A", "85–94.99"), ("B", "75–84.99"), ("C", "65–74.99"), ("D", "55–64.99"),
                ("E", "50–54.99"), ("F", "0–49.99"),
            ].map { letter, range in
                LevelCriterion(
                    level: LocalizedText(th: letter, en: letter),
                    rule: LocalizedText(th: "คะแนนรวม \(range)", en: "total \(range)"))
            }
        case .pass:
            [
                LevelCriterion(
                    level: PassLevel.excellent.name,
                    rule: LocalizedText(
                        th: "คะแนนรวมตั้งแต่ 95 และคะแนนทุกเครื่องมือ (IIT, EIT, OIT) ตั้งแต่ 95",
                        en: "total 95 or more and every tool (IIT, EIT, OIT) 95 or more")),
                LevelCriterion(
                    level: PassLevel.good.name,
                    rule: LocalizedText(
                        th: "คะแนนรวมตั้งแต่ 85 และคะแนนทุกเครื่องมือตั้งแต่ 85",
                        en: "total 85 or more and every tool 85 or more")),
                LevelCriterion(
                    level: PassLevel.pass.name,
                    rule: LocalizedText(
                        th: "คะแนนรวมตั้งแต่ 85 แต่มีเครื่องมือที่ได้ต่ำกว่า 85",
                        en: "total 85 or more with some tool under 85")),
                LevelCriterion(
                    level: PassLevel.needsImprovement.name,
                    rule: LocalizedText(th: "คะแนนรวม 70–84.99", en: "total 70–84.99")),
                LevelCriterion(
                    level: PassLevel.urgent.name, rule: LocalizedText(th: "คะแนนรวมต่ำกว่า 70", en: "total under 70")),
            ]
        }
    }

    /// The scheme named on a command line or in a form: `letters` or `pass`; nil for anything else.
    public init?(token: String) {
        self.init(rawValue: token.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// One line of a scheme's criteria table: a level and the rule that gives it.
public struct LevelCriterion: Sendable, Hashable {
    public let level: LocalizedText
    public let rule: LocalizedText
}
