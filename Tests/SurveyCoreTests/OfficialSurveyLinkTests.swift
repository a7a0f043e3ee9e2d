import SurveyCore
import Testing

@Suite("Official ITAS links: the documented shape, and a reason for anything else")
struct OfficialSurveyLinkTests {
    @Test("the documented shape is read, with scheme and host in any case written as ITAS writes them")
    func documentedShape() throws {
        let cases: [(String, FormKind, String)] = [
            ("https://itas.nacc.go.th/go/iit/Ab12Cd", .iit, "https://itas.nacc.go.th/go/iit/Ab12Cd"),
            ("HTTPS://ITAS.NACC.GO.TH/go/eit/9XY8Z7", .eit, "https://itas.nacc.go.th/go/eit/9XY8Z7"),
        ]
        for (typed, form, url) in cases {
            let link = try OfficialSurveyLink.parse(typed, form: form).get()
            #expect(link.url == url && link.form == form)
        }
    }

    @Test("anything else is refused at the form's field with its reason in Thai and English")
    func refused() {
        let cases: [(String, FormKind, String)] = [
            ("http://itas.nacc.go.th/go/iit/Ab12Cd", .iit, "ต้องขึ้นต้นด้วย https://"),
            ("itas.nacc.go.th/go/iit/Ab12Cd", .iit, "ต้องขึ้นต้นด้วย https://"),
            ("javascript:alert(1)", .iit, "ต้องขึ้นต้นด้วย https://"),
            ("https://itas.nacc.go.th.example.com/go/iit/Ab12Cd", .iit, "ไม่ใช่ลิงก์ของระบบ ITAS"),
            ("https://user@itas.nacc.go.th/go/iit/Ab12Cd", .iit, "ไม่ใช่ลิงก์ของระบบ ITAS"),
            ("https://itas.nacc.go.th:8443/go/iit/Ab12Cd", .iit, "ไม่ใช่ลิงก์ของระบบ ITAS"),
            ("https://itas.nacc.go.th", .iit, "ส่วนท้ายลิงก์ต้องเป็น /go/iit/"),
            ("https://itas.nacc.go.th/iit/Ab12Cd", .iit, "ส่วนท้ายลิงก์ต้องเป็น /go/iit/"),
            ("https://itas.nacc.go.th/go/iit/Ab12Cd/", .iit, "ส่วนท้ายลิงก์ต้องเป็น /go/iit/"),
            ("https://itas.nacc.go.th/go/oit/Ab12Cd", .iit, "ส่วนท้ายลิงก์ต้องเป็น /go/iit/"),
            ("https://itas.nacc.go.th/go/eit/Ab12Cd", .iit, "กรุณาใส่ในช่อง EIT"),
            ("https://itas.nacc.go.th/go/iit/Ab12Cd", .eit, "กรุณาใส่ในช่อง IIT"),
            ("https://itas.nacc.go.th/go/iit/Ab12C", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/Ab12Cde", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/Ab12C?", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/Ab12Cd?x=1", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/Ab12Cd#top", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/ก12345", .iit, "6 ตัว"),
            ("https://itas.nacc.go.th/go/iit/" + String(repeating: "a", count: 200), .iit, "ยาวเกิน 200"),
        ]
        for (typed, form, reason) in cases {
            guard case .failure(let problem) = OfficialSurveyLink.parse(typed, form: form) else {
                Issue.record("accepted \(typed)")
                continue
            }
            #expect(problem.field == "\(form.rawValue)Link", "\(typed)")
            #expect(problem.message.th.contains(reason), "\(typed): \(problem.message.th)")
            #expect(problem.message.th.contains(OfficialSurveyLink.example(form)), "\(typed)")
            #expect(problem.message.en.contains("link"), "\(typed)")
        }
    }
}
