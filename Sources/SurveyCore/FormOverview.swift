/// What the top of a form says before its first question: how many questions and answers it asks for, and
/// about how long answering takes, all counted from the instrument.
public struct FormOverview: Sendable, Hashable {
    /// The numbered questions (items).
    public let questions: Int
    /// Every answer asked for: one per item or sub-item, and one per question about the respondent.
    public let answers: Int
    /// The profile questions among `answers`.
    public let profileQuestions: Int
    /// The Thai characters a respondent reads: item and sub-item texts and the profile questions' labels.
    public let readingCharacters: Int

    public init(questions: Int, answers: Int, profileQuestions: Int, readingCharacters: Int) {
        self.questions = questions
        self.answers = answers
        self.profileQuestions = profileQuestions
        self.readingCharacters = readingCharacters
    }

    /// Thai characters a respondent reads in a minute on a phone, carefully, as a survey is read.
    public static let charactersPerMinute = 600
    /// Seconds to pick one answer among its options.
    public static let secondsPerAnswer = 5

    /// Reading time plus choosing time, rounded up to whole minutes.
    public var minutes: Int {
        let seconds = readingCharacters * 60 / Self.charactersPerMinute + answers * Self.secondsPerAnswer
        return max(1, (seconds + 59) / 60)
    }
}

extension Instrument {
    /// The counts and the time estimate of this form.
    public var overview: FormOverview {
        let profile = form.profileDimensions
        let itemText = items.reduce(0) { total, item in
            total + item.text.th.count + (item.hasSubItems ? item.fields.reduce(0) { $0 + $1.text.th.count } : 0)
        }
        return FormOverview(
            questions: items.count, answers: fields.count + profile.count, profileQuestions: profile.count,
            readingCharacters: itemText + profile.reduce(0) { $0 + $1.label.th.count })
    }
}
