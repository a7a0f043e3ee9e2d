/// The result level an ITA score earns under the scheme of its fiscal year.
public enum ResultLevel: Sendable, Hashable {
    /// 2562–2565: AA, A, B, C, D, E, F.
    case letter(String)
    /// 2566 onward.
    case pass(PassLevel)

    /// The level's name as reports print it.
    public var name: LocalizedText {
        switch self {
        case .letter(let letter): LocalizedText(th: letter, en: letter)
        case .pass(let level): level.name
        }
    }

    /// The line every analysis report draws between strengths and weaknesses.
    public static let strengthLine = Rational(85)

    /// The level of a total under the scheme of `fiscalYear`; nil when a needed score is missing.
    ///
    /// Scores are compared as the report prints them (two decimals), so a printed 85.00 is never a fail.
    public static func level(fiscalYear: Int, total: Rational?, tools: [Rational?]) -> ResultLevel? {
        guard let total = total?.rounded else { return nil }
        if fiscalYear < 2566 {
            let steps: [(Int, String)] = [(95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E")]
            return .letter(steps.first { total >= Rational($0.0) }?.1 ?? "F")
        }
        let known = tools.compactMap { $0?.rounded }
        guard known.count == tools.count else { return nil }
        let lowest = known.min() ?? total
        switch total {
        case Rational(95)... where lowest >= Rational(95): return .pass(.excellent)
        case Rational(85)... where lowest >= Rational(85): return .pass(.good)
        case Rational(85)...: return .pass(.pass)
        case Rational(70)...: return .pass(.needsImprovement)
        default: return .pass(.urgent)
        }
    }
}

/// The pass levels in use from fiscal 2566.
public enum PassLevel: String, Sendable, Hashable, CaseIterable {
    case excellent
    case good
    case pass
    case needsImprovement
    case urgent

    public var name: LocalizedText {
        switch self {
        case .excellent: LocalizedText(th: "ผ่านดีเยี่ยม", en: "Pass with excellence")
        case .good: LocalizedText(th: "ผ่านดี", en: "Good pass")
        case .pass: LocalizedText(th: "ผ่าน", en: "Pass")
        case .needsImprovement: LocalizedText(th: "ต้องปรับปรุง", en: "Needs improvement")
        case .urgent: LocalizedText(th: "ต้องปรับปรุงโดยด่วน", en: "Needs urgent improvement")
        }
    }
}
