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
                problems.append(.notAChoice(dimension.rawValue, value))
            } else {
                profile[dimension] = value
            }
        }
        var answers: [String: String] = [:]
        for field in fields {
            let value = values[field.id] ?? ""
            if value.isEmpty {
                problems.append(.missingAnswer(field.id))
            } else if field.scale.option(value) == nil {
                problems.append(.notAChoice(field.id, value))
            } else {
                answers[field.id] = value
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

    static func missingAnswer(_ field: String) -> ValidationProblem {
        ValidationProblem(
            field: field,
            message: LocalizedText(
                th: "กรุณาตอบข้อนี้ (ข้อ \(field))",
                en: "Please answer this question (\(field))."))
    }

    static func notAChoice(_ field: String, _ value: String) -> ValidationProblem {
        let shown = value.count > 20 ? String(value.prefix(20)) + "…" : value
        return ValidationProblem(
            field: field,
            message: LocalizedText(
                th: "คำตอบ “\(shown)” ไม่ใช่ตัวเลือกของข้อ \(field) กรุณาเลือกใหม่",
                en: "“\(shown)” is not one of the choices for \(field); please choose again."))
    }
}
