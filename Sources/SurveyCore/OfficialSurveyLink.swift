/// The address of an agency's official survey of one form in the NACC's ITAS system, as ITAS hands it out:
/// `https://itas.nacc.go.th/go/iit/<code>` or `…/go/eit/<code>`, with a six-character code per agency.
public struct OfficialSurveyLink: Sendable, Hashable {
    public let form: FormKind
    /// The address exactly as it is printed and put in the QR code.
    public let url: String

    /// The ITAS host every official link is on.
    public static let host = "itas.nacc.go.th"
    /// How many letters and digits the agency's code at the end of the link has.
    public static let codeLength = 6
    /// The longest text read as a link; the documented shape has 38 characters.
    public static let maximumLength = 200

    /// The name of the form field that holds a form's link.
    public static func field(_ form: FormKind) -> String {
        "\(form.rawValue)Link"
    }

    /// An example of a form's link, for the console's hints and messages.
    public static func example(_ form: FormKind) -> String {
        "https://\(host)/go/\(form.rawValue)/AB12CD"
    }

    /// Reads a typed link for `form` (scheme and host in any case, the rest exactly as ITAS writes it), or says in
    /// Thai and English what is wrong with it.
    public static func parse(_ typed: String, form: FormKind) -> Result<OfficialSurveyLink, ValidationProblem> {
        let problem = { (th: String, en: String) -> Result<OfficialSurveyLink, ValidationProblem> in
            .failure(
                ValidationProblem(
                    field: field(form),
                    message: LocalizedText(
                        th: "ลิงก์ \(form.rawValue.uppercased()): \(th) เช่น \(example(form))",
                        en: "\(form.rawValue.uppercased()) link: \(en), such as \(example(form))")))
        }
        guard typed.utf8.count <= maximumLength else {
            return problem("ยาวเกิน \(maximumLength) ตัวอักษร", "longer than \(maximumLength) characters")
        }
        let scheme = "https://"
        guard typed.lowercased().hasPrefix(scheme) else {
            return problem(
                "ต้องขึ้นต้นด้วย https:// ตามที่ระบบ ITAS ให้มา", "must start with https:// as ITAS gives it")
        }
        let rest = typed.dropFirst(scheme.count)
        let hostPart = rest.prefix { $0 != "/" }
        guard hostPart.lowercased() == host else {
            return problem(
                "ไม่ใช่ลิงก์ของระบบ ITAS ของ ป.ป.ช. (ต้องเป็น \(host))", "not an ITAS address (the host must be \(host))")
        }
        let segments = rest.dropFirst(hostPart.count).split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 4, segments[0].isEmpty, segments[1] == "go",
            let linkForm = FormKind(rawValue: String(segments[2]))
        else {
            return problem(
                "ส่วนท้ายลิงก์ต้องเป็น /go/\(form.rawValue)/ ตามด้วยรหัสหน่วยงาน",
                "the path must be /go/\(form.rawValue)/ and the agency's code")
        }
        guard linkForm == form else {
            return problem(
                "เป็นลิงก์ของแบบ \(linkForm.rawValue.uppercased()) กรุณาใส่ในช่อง \(linkForm.rawValue.uppercased())",
                "this is the \(linkForm.rawValue.uppercased()) link; put it in the \(linkForm.rawValue.uppercased()) box"
            )
        }
        let code = segments[3]
        guard code.utf8.count == codeLength, code.utf8.allSatisfy(Self.isLetterOrDigit) else {
            return problem(
                "รหัสหน่วยงานท้ายลิงก์ต้องเป็นตัวอักษรอังกฤษหรือตัวเลข \(codeLength) ตัว",
                "the agency's code at the end must be \(codeLength) letters or digits")
        }
        return .success(OfficialSurveyLink(form: form, url: "\(scheme)\(host)/go/\(form.rawValue)/\(code)"))
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
