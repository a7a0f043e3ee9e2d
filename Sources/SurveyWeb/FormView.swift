import SurveyCore

/// The view model of a survey form page, with the answers and problems of a previous attempt when there are any.
struct FormView: Sendable {
    let styles = Stylesheets()
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let title: String
    let agencyName: String
    let action: String
    let switchHref: String
    let switchLang: String
    /// Where the token goes: a marker that HTML escaping can never produce, filled in for each visitor.
    let tokenSlot = SlottedPage.Slot.token.marker
    let problems: [ShownProblem]
    let hasProblems: Bool
    /// Every question must be answered, how many there are, and about how long it takes.
    let overview: String
    let profile: [QuestionView]
    let sections: [SectionView]

    init(
        instrument: Instrument, agency: String, url: SiteURL, language: Language, answers: [String: String] = [:],
        problems: [ValidationProblem] = []
    ) {
        let byField = ValidationFailure(problems: problems).byField
        lang = language.rawValue
        t = language.strings
        title = language.text(instrument.form.title)
        agencyName = agency
        pageTitle = "\(title) — \(agency)"
        action = url.path(language)
        switchHref = url.path(language.other)
        switchLang = language.other.rawValue
        self.problems = problems.map { ShownProblem($0, language) }
        hasProblems = !problems.isEmpty
        overview = language.overview(instrument.overview)
        profile = instrument.form.profileDimensions.map { dimension in
            QuestionView(
                name: dimension.rawValue, legend: language.text(dimension.label),
                options: dimension.categories.map { ($0.code, language.text($0.label)) }, answers: answers,
                problem: byField[dimension.rawValue], language: language)
        }
        var number = 0
        sections = instrument.indicators.enumerated().map { index, indicator in
            SectionView(
                heading: "\(language.strings.part) \(index + 1): \(language.text(indicator.name))",
                items: indicator.items.map { item in
                    number += 1
                    return ItemView(item: item, number: number, language: language, answers: answers, problems: byField)
                })
        }
    }
}

/// One problem of a public page, in the page's language only: in the summary at the top, linking to its
/// question, and at the question.
struct ShownProblem: Sendable {
    let field: String
    let text: String

    init(_ problem: ValidationProblem, _ language: Language) {
        field = problem.field
        text = language.text(problem.message)
    }
}

/// One problem of a console page, in Thai and English, linking to its field.
struct ProblemView: Sendable {
    let field: String
    let th: String
    let en: String

    init(_ problem: ValidationProblem) {
        field = problem.field
        th = problem.message.th
        en = problem.message.en
    }
}

/// A part of the form: the items of one indicator.
struct SectionView: Sendable {
    let heading: String
    let items: [ItemView]
}

/// One numbered item: a single question, or a group of sub-questions under the item's text.
struct ItemView: Sendable {
    let id: String
    let legend: String
    let single: QuestionView?
    let subs: [QuestionView]
    let hasSubs: Bool
    let hasProblem: Bool

    init(item: Item, number: Int, language: Language, answers: [String: String], problems: [String: ValidationProblem])
    {
        let itemLegend = "\(number). \(language.text(item.text))"
        id = item.id
        legend = itemLegend
        let questions = item.fields.map { field in
            QuestionView(
                name: field.id,
                legend: item.hasSubItems
                    ? "\(language.subItemMarker(String(field.id.dropFirst(item.id.count)))). \(language.text(field.text))"
                    : itemLegend,
                options: field.scale.options.map { ($0.code, language.text($0.label)) }, answers: answers,
                problem: problems[field.id], language: language)
        }
        hasSubs = item.hasSubItems
        single = hasSubs ? nil : questions[0]
        subs = hasSubs ? questions : []
        hasProblem = questions.contains { $0.problem != nil }
    }
}

/// One question with its radio options.
struct QuestionView: Sendable {
    let name: String
    let legend: String
    let options: [OptionView]
    let problem: ShownProblem?

    init(
        name: String, legend: String, options: [(code: String, label: String)], answers: [String: String],
        problem: ValidationProblem?, language: Language
    ) {
        self.name = name
        self.legend = legend
        self.options = options.map { OptionView(value: $0.code, label: $0.label, checked: answers[name] == $0.code) }
        self.problem = problem.map { ShownProblem($0, language) }
    }
}

/// One radio button.
struct OptionView: Sendable {
    let value: String
    let label: String
    let checked: Bool
}
