/// One choice of an answer scale: the code the form sends, what the respondent reads and what it scores.
public struct ScaleOption: Sendable, Hashable {
    /// The value the form sends and the store keeps: short ASCII, such as `1` or `yes`.
    public let code: String
    public let label: LocalizedText
    /// Points on the 0–100 scale, exact.
    public let points: Rational

    public init(code: String, label: LocalizedText, points: Rational) {
        self.code = code
        self.label = label
        self.points = points
    }
}

/// How a field is answered and how its answers score: the options in form order, declared by an instrument file.
public struct AnswerScale: Sendable, Hashable {
    /// The id items name the scale by, such as `level4`.
    public let id: String
    public let options: [ScaleOption]

    public init(id: String, options: [ScaleOption]) {
        self.id = id
        self.options = options
    }

    /// The codes a respondent may send, in the order the form lists them.
    public var codes: [String] { options.map(\.code) }

    public func option(_ code: String) -> ScaleOption? {
        options.first { $0.code == code }
    }

    /// Points of an answer on the 0–100 scale; nil for a code the scale lacks.
    public func points(_ code: String) -> Rational? {
        option(code)?.points
    }

    /// The option worth the most (the first of equals), as a generator's good answer.
    public var best: ScaleOption {
        options.reduce(options[0]) { $1.points > $0.points ? $1 : $0 }
    }

    /// The option worth the least (the first of equals).
    public var worst: ScaleOption {
        options.reduce(options[0]) { $1.points < $0.points ? $1 : $0 }
    }

    /// What the respondent reads for an answer code; the code itself for one the scale lacks.
    public func label(of code: String) -> LocalizedText {
        option(code)?.label ?? LocalizedText(th: code, en: code)
    }

    /// The same scale with some options' labels replaced, as an item may word its choices; points stay.
    public func relabeled(_ labels: [String: LocalizedText]) -> AnswerScale {
        guard !labels.isEmpty else { return self }
        return AnswerScale(
            id: id,
            options: options.map { ScaleOption(code: $0.code, label: labels[$0.code] ?? $0.label, points: $0.points) })
    }
}

extension AnswerScale {
    private static let levelLabels = [
        LocalizedText(th: "น้อยที่สุดหรือไม่มีเลย", en: "Least or none"),
        LocalizedText(th: "น้อย", en: "Little"),
        LocalizedText(th: "มาก", en: "Much"),
        LocalizedText(th: "มากที่สุด", en: "Most"),
    ]
    private static let yes = LocalizedText(th: "มี", en: "Yes")
    private static let no = LocalizedText(th: "ไม่มี", en: "No")

    /// Four levels coded 1–4 from "least or none" to "most"; more is better: 0, 100/3, 200/3, 100.
    public static let level4 = AnswerScale(
        id: "level4",
        options: levelLabels.enumerated().map {
            ScaleOption(code: String($0.offset + 1), label: $0.element, points: Rational(Int128($0.offset) * 100, 3))
        })

    /// The same four levels where "least or none" is the good answer: 100, 200/3, 100/3, 0.
    public static let level4Reverse = AnswerScale(
        id: "level4-reverse",
        options: levelLabels.enumerated().map {
            ScaleOption(
                code: String($0.offset + 1), label: $0.element, points: Rational(Int128(3 - $0.offset) * 100, 3))
        })

    /// มี / ไม่มี where มี is the good answer.
    public static let yesGood = AnswerScale(
        id: "yes-good",
        options: [
            ScaleOption(code: "yes", label: yes, points: Rational(100)),
            ScaleOption(code: "no", label: no, points: .zero),
        ])

    /// มี / ไม่มี where ไม่มี is the good answer (bribes, gifts).
    public static let noGood = AnswerScale(
        id: "no-good",
        options: [
            ScaleOption(code: "yes", label: yes, points: .zero),
            ScaleOption(code: "no", label: no, points: Rational(100)),
        ])

    /// The scales every instrument file may name without declaring them.
    public static let builtIn = [level4, level4Reverse, yesGood, noGood]
}
