import SurveyCore
import Testing

@Suite("A submission is checked field by field, every problem at once")
struct ValidationTests {
    let day = Day("2026-11-20")!

    @Test("a complete EIT submission becomes a response with its profile and answers")
    func completeSubmission() throws {
        var values = Fixtures.submission(.eit)
        values["token"] = "ignored"
        let response = try Fixtures.eit.validate(values, day: day).get()
        #expect(response.form == .eit)
        #expect(response.answers.count == 19)
        #expect(response.profile == [.gender: "female", .age: "31-40", .education: "bachelor", .contact: "public"])
        #expect(response.day == day)
    }

    @Test("an empty IIT submission lists all 3 profile and 51 answer problems, in form order")
    func emptySubmission() {
        guard case .failure(let failure) = Fixtures.iit.validate([:], day: day) else {
            Issue.record("an empty submission passed")
            return
        }
        #expect(failure.problems.count == 54)
        #expect(failure.problems.prefix(4).map(\.field) == ["gender", "age", "education", "i1a"])
        #expect(failure.problems[0].message.th == "กรุณาเลือกเพศ")
        #expect(failure.problems[0].message.en == "Please choose an answer for “Gender”.")
        #expect(failure.problems[3].message.th == "กรุณาตอบข้อ 1 ข้อย่อย ก")
        #expect(failure.problems[3].message.en == "Please answer question 1, part a.")
        let i7 = failure.problems.first { $0.field == "i7" }
        #expect(i7?.message == LocalizedText(th: "กรุณาตอบข้อ 7", en: "Please answer question 7."))
        let i30d = failure.problems.first { $0.field == "i30d" }
        #expect(i30d?.message == LocalizedText(th: "กรุณาตอบข้อ 30 ข้อย่อย ง", en: "Please answer question 30, part d."))
        #expect(!failure.problems.contains { $0.message.th.contains("i1") || $0.message.en.contains("i1") })
    }

    @Test("the EIT asks the contact type; the IIT does not")
    func contactOnlyOnEIT() {
        var eit = Fixtures.submission(.eit)
        eit["contact"] = nil
        #expect(
            throws: ValidationFailure(problems: [
                ValidationProblem(
                    field: "contact",
                    message: LocalizedText(
                        th: "กรุณาเลือกประเภทผู้มาติดต่อหน่วยงาน",
                        en: "Please choose an answer for “You contacted the agency as”."))
            ])
        ) {
            try Fixtures.eit.validate(eit, day: day).get()
        }
        var iit = Fixtures.submission(.iit)
        iit["contact"] = "nonsense"
        #expect((try? Fixtures.iit.validate(iit, day: day).get()) != nil)
    }

    @Test(
        "a value that is not one of the field's codes is named",
        arguments: [("i1a", "5"), ("i1a", "yes"), ("i4a", "1"), ("gender", "m"), ("age", "30"), ("e8", "maybe")])
    func invalidCode(field: String, value: String) {
        let form: FormKind = field.hasPrefix("e") ? .eit : .iit
        var values = Fixtures.submission(form)
        values[field] = value
        guard case .failure(let failure) = Fixtures.instrument(form).validate(values, day: day) else {
            Issue.record("\(field)=\(value) passed")
            return
        }
        #expect(failure.problems.map(\.field) == [field])
        #expect(failure.problems[0].message.en.contains("is not one of the choices"))
        #expect(failure.problems[0].message.th.contains("ไม่ใช่ตัวเลือก"))
    }

    @Test("several problems come back together")
    func severalProblems() {
        var values = Fixtures.submission(.eit)
        values["e3"] = nil
        values["e6b"] = "0"
        values["gender"] = ""
        guard case .failure(let failure) = Fixtures.eit.validate(values, day: day) else {
            Issue.record("passed")
            return
        }
        #expect(failure.problems.map(\.field) == ["gender", "e3", "e6b"])
        #expect(Set(failure.byField.keys) == ["gender", "e3", "e6b"])
    }

    @Test("blank profile codes pass only when allowed, and then stay out of the profile")
    func blankProfile() throws {
        var values = Fixtures.submission(.iit)
        values["age"] = ""
        #expect((try? Fixtures.iit.validate(values, day: day).get()) == nil)
        let response = try Fixtures.iit.validate(values, day: day, allowsBlankProfile: true).get()
        #expect(response.profile[.age] == nil)
    }
}
