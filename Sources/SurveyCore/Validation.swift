/// One thing wrong with a submission: the field it concerns and what to tell the respondent.
public struct ValidationProblem: Error, Sendable, Hashable {
    public let field: String
    public let message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }
}

/// Every problem found in a submission, in form order.
public struct ValidationFailure: Error, Sendable, Hashable {
    public let problems: [ValidationProblem]

    public init(problems: [ValidationProblem]) {
        self.problems = problems
    }

    /// The problems keyed by field, for showing each at its question.
    public var byField: [String: ValidationProblem] {
        Dictionary(problems.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Instrument {
    /// Checks a submission's values against this instrument and returns the response, or every problem at once.
    ///
    /// Keys that are not fields of this form (a token, a language switch) are ignored. With
    /// `allowsBlankProfile`, as for an export whose small cells were blanked, an empty profile value
    /// is accepted and counted under no category.
    public func validate(
        _ values: [String: String], day: Day, allowsBlankProfile: Bool = false
    ) -> Result<Response, ValidationFailure> {
        var problems: [ValidationProblem] = []
        var profile: [ProfileDimension: String] = [:]
        for dimension in form.profileDimensions {
            let value = values[dimension.rawValue] ?? ""
            if value.isEmpty {
                if !allowsBlankProfile { problems.append(.missingProfile(dimension)) }
            } else if dimension.category(value) == nil {
                problems.append(.notAChoice(dimension.rawValue, value, dimension.label))
            } else {
                profile[dimension] = value
            }
        }
        var answers: [String: String] = [:]
        for (number, item) in items.enumerated() {
            for field in item.fields {
                let value = values[field.id] ?? ""
                let question = QuestionName(item: item, number: number + 1, field: field)
                if value.isEmpty {
                    problems.append(.missingAnswer(field.id, question))
                } else if field.scale.option(value) == nil {
                    problems.append(.notAChoice(field.id, value, question.text))
                } else {
                    answers[field.id] = value
                }
            }
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems: problems)) }
        return .success(Response(form: form, day: day, profile: profile, answers: answers))
    }
}

extension ValidationProblem {
    static func missingProfile(_ dimension: ProfileDimension) -> ValidationProblem {
        ValidationProblem(
            field: dimension.rawValue,
            message: LocalizedText(
                th: "กรุณาเลือก\(dimension.label.th)",
                en: "Please choose an answer for “\(dimension.label.en)”."))
    }

    static func missingAnswer(_ field: String, _ question: QuestionName) -> ValidationProblem {
        ValidationProblem(
            field: field,
            message: LocalizedText(th: "กรุณาตอบ\(question.text.th)", en: "Please answer \(question.text.en)."))
    }

    /// `question` names the question as the page shows it ("ข้อ 7 ข้อย่อย ข"), or a profile question by its label.
    static func notAChoice(_ field: String, _ value: String, _ question: LocalizedText) -> ValidationProblem {
        let shown = value.count > 20 ? String(value.prefix(20)) + "…" : value
        return ValidationProblem(
            field: field,
            message: LocalizedText(
                th: "คำตอบ “\(shown)” ไม่ใช่ตัวเลือกของ\(question.th) กรุณาเลือกใหม่",
                en: "“\(shown)” is not one of the choices for \(question.en); please choose again."))
    }
}

/// A question as the form page numbers it: the item's place in the form and, for a sub-item, its letter
/// (ก ข ค in Thai, a b c in English), never the field's id.
public struct QuestionName: Sendable, Hashable {
    public let number: Int
    /// The sub-item's letter as the data file spells it (`a`, `b`), nil for an item without sub-items.
    public let subItem: String?

    public init(item: Item, number: Int, field: Field) {
        self.number = number
        subItem = item.hasSubItems ? String(field.id.dropFirst(item.id.count)) : nil
    }

    /// "ข้อ 7 ข้อย่อย ข" / "question 7, part b".
    public var text: LocalizedText {
        guard let subItem else { return LocalizedText(th: "ข้อ \(number)", en: "question \(number)") }
        return LocalizedText(
            th: "ข้อ \(number) ข้อย่อย \(Self.thaiLetter(subItem))", en: "question \(number), part \(subItem)")
    }

    /// The Thai letter a sub-item is shown with: a b c d as ก ข ค ง.
    public static func thaiLetter(_ letter: String) -> String {
        let latin = Array("abcdefgh")
        guard letter.count == 1, let index = latin.firstIndex(of: Character(letter)) else { return letter }
        return String(Array("กขคงจฉชซ")[index])
    }
}
