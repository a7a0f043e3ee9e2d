import NIOCore
import Testing

@testable import SurveyWeb

@Suite("Reading urlencoded bodies")
struct FormBodyTests {
    @Test("plus signs, escapes and Thai text decode; the first of repeated keys wins")
    func decoding() {
        let values = FormBody.parse(
            ByteBuffer(string: "a=x+y%20z&thai=%E0%B8%81%E0%B8%82&a=second&empty=&flag&=orphan"))
        #expect(values == ["a": "x y z", "thai": "กข", "empty": "", "flag": ""])
    }

    @Test("broken escapes and bytes that are not UTF-8 read as empty, never as something else")
    func broken() {
        let values = FormBody.parse(ByteBuffer(string: "bad=%zz&cut=%4&half=%E0%B8&lone=%FF&ok=1"))
        #expect(values == ["bad": "", "cut": "", "half": "", "lone": "", "ok": "1"])
    }
}
