/// How a field is answered and how its answers score.
public enum AnswerType: Sendable, Hashable {
    /// Four levels from "least or none" (1) to "most" (4); more is better.
    case scale
    /// The same four levels where "least or none" is the good answer.
    case reverse
    /// มี / ไม่มี, where `goodAnswer` scores 100 and the other 0.
    case yesNo(goodAnswer: String)

    public static let scaleCodes = ["1", "2", "3", "4"]
    public static let yesNoCodes = ["yes", "no"]

    /// The codes a respondent may send, in the order the form lists them.
    public var codes: [String] {
        switch self {
        case .scale, .reverse: Self.scaleCodes
        case .yesNo: Self.yesNoCodes
        }
    }

    /// What the respondent reads for an answer code.
    public static func label(of code: String) -> LocalizedText {
        switch code {
        case "1": LocalizedText(th: "น้อยที่สุดหรือไม่มีเลย", en: "Least or none")
        case "2": LocalizedText(th: "น้อย", en: "Little")
        case "3": LocalizedText(th: "มาก", en: "Much")
        case "4": LocalizedText(th: "มากที่สุด", en: "Most")
        case "yes": LocalizedText(th: "มี", en: "Yes")
        case "no": LocalizedText(th: "ไม่มี", en: "No")
        default: LocalizedText(th: code, en: code)
        }
    }

    /// Points of an answer in thirds of a point, so that 33.33… stays an integer (100 points = 300).
    public func pointsInThirds(_ code: String) -> Int? {
        switch self {
        case .scale:
            guard let level = Int(code), (1...4).contains(level), Self.scaleCodes.contains(code) else { return nil }
            return (level - 1) * 100
        case .reverse:
            guard let level = Int(code), (1...4).contains(level), Self.scaleCodes.contains(code) else { return nil }
            return (4 - level) * 100
        case .yesNo(let good):
            guard Self.yesNoCodes.contains(code) else { return nil }
            return code == good ? 300 : 0
        }
    }

    /// Points of an answer on the 0–100 scale.
    public func points(_ code: String) -> Rational? {
        pointsInThirds(code).map { Rational(Int128($0), 3) }
    }
}
