import SurveyCore
import Testing

@Suite("The top of a form counts its questions and answers and estimates the time from the instrument")
struct FormOverviewTests {
    @Test("the IIT asks 30 questions with 54 answers and takes about ten minutes, not three")
    func iit() {
        let overview = Fixtures.iit.overview
        #expect(overview.questions == 30)
        #expect(overview.answers == 54)
        #expect(overview.profileQuestions == 3)
        #expect((8...14).contains(overview.minutes))
    }

    @Test("the EIT asks 15 questions with 23 answers and takes a few minutes")
    func eit() {
        let overview = Fixtures.eit.overview
        #expect(overview.questions == 15)
        #expect(overview.answers == 23)
        #expect((3...6).contains(overview.minutes))
        #expect(overview.minutes < Fixtures.iit.overview.minutes)
    }

    @Test("the estimate grows with the text to read and with the answers to give")
    func growsWithWork() {
        let short = FormOverview(questions: 10, answers: 10, profileQuestions: 0, readingCharacters: 600)
        let longer = FormOverview(questions: 10, answers: 10, profileQuestions: 0, readingCharacters: 3000)
        let more = FormOverview(questions: 10, answers: 40, profileQuestions: 0, readingCharacters: 600)
        #expect(short.minutes == 2)
        #expect(longer.minutes == 6)
        #expect(more.minutes == 5)
    }
}
