/// The result level an ITA score earns under a level scheme.
public enum ResultLevel: Sendable, Hashable {
    /// Under letters: AA, A, B, C, D, E, F.
    case letter(String)
    /// Under pass levels.
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

    /// The level of a total under a scheme; nil when a score it needs is missing.
    ///
    /// Letters need only the total. Pass levels need every tool's score to tell the levels from 85 up apart; below
    /// 85 the total alone decides. Scores are compared as the report prints them (two decimals), so a printed 85.00
    /// is never a fail.
    public static func level(scheme: LevelScheme, total: Rational?, tools: [Rational?]) -> ResultLevel? {
        guard let total = total?.rounded else { return nil }
        switch scheme {
        case .letters:
            let steps: [(Int, String)] = [(95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E")]
            return .letter(steps.first { total >= Rational($0.0) }?.1 ?? "F")
        case .pass:
            if total < Rational(70) { return .pass(.urgent) }
            if total < Rational(85) { return .pass(.needsImprovement) }
            let known = tools.compactMap { $0?.rounded }
            guard known.count == tools.count else { return nil }
            let lowest = known.min() ?? total
            if total >= Rational(95), lowest >= Rational(95) { return .pass(.excellent) }
            return lowest >= Rational(85) ? .pass(.good) : .pass(.pass)
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
