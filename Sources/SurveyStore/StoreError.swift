import SurveyCore

/// Why the store refused a change, with the message to show in Thai and English.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case invalidSlug(String)
    case reservedSlug(String)
    case missingAgencyName
    case agencyNameTooLong(english: Bool)
    case unprintableAgencyName(english: Bool)
    case duplicateSlug(String)
    case unknownAgency(String)
    case roundExists(agency: String, year: Int)
    /// The days of a new or changed round would overlap another round of the agency, whose answers would then
    /// go to one of them unseen; `byClosingDay` when the round opens before the other and its closing day (or its
    /// open end) reaches into it.
    case overlappingRound(agency: String, year: Int, opens: Day, closes: Day?, byClosingDay: Bool)
    case unknownRound(agency: String, year: Int)
    /// A round's instrument set cannot change once it has answers: they were given, and score, on the old one.
    case instrumentsFrozen
    case invalidUsername(String)
    case duplicateUsername(String)
    case unknownUsername(String)
    case weakPassword
    /// The change would leave no enabled admin of every agency, and nobody could add agencies or admins.
    case lastEveryAgencyAdmin(String)
    case archivedAgency(String)
    case fileExists(String)
    /// The database cannot be written just now: full, locked by another program, read-only.
    case unavailable(String)

    public var message: LocalizedText {
        switch self {
        case .invalidSlug(let slug):
            LocalizedText(
                th: "ชื่อในลิงก์ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือขีด 2–40 ตัว ขึ้นต้นด้วยตัวอักษร",
                en:
                    "“\(Self.shown(slug))” cannot be a slug: use 2–40 lowercase letters, digits and dashes, starting with a letter"
            )
        case .reservedSlug(let slug):
            LocalizedText(
                th: "ชื่อในลิงก์ “\(slug)” เป็นส่วนหนึ่งของที่อยู่ของระบบ กรุณาใช้ชื่ออื่น",
                en: "“\(slug)” is part of the server's own addresses; choose another slug")
        case .missingAgencyName:
            LocalizedText(th: "กรุณาใส่ชื่อหน่วยงาน", en: "the agency needs a Thai name")
        case .agencyNameTooLong(let english):
            LocalizedText(
                th: "ชื่อหน่วยงาน\(english ? "ภาษาอังกฤษ" : "ภาษาไทย")ยาวได้ไม่เกิน \(Agency.nameLimit) ตัวอักษร",
                en: "the agency's \(english ? "English" : "Thai") name may have at most \(Agency.nameLimit) characters")
        case .unprintableAgencyName(let english):
            TypedText.unprintableMessage(
                "ชื่อหน่วยงาน\(english ? "ภาษาอังกฤษ" : "ภาษาไทย")", "The agency's \(english ? "English" : "Thai") name")
        case .duplicateSlug(let slug):
            LocalizedText(
                th: "มีหน่วยงานที่ใช้ชื่อในลิงก์ “\(slug)” อยู่แล้ว", en: "an agency with the slug “\(slug)” already exists")
        case .unknownAgency(let slug):
            LocalizedText(
                th: "ไม่พบหน่วยงานที่ใช้ชื่อในลิงก์ “\(Self.shown(slug))”", en: "no agency with the slug “\(Self.shown(slug))”")
        case .roundExists(let agency, let year):
            LocalizedText(
                th: "\(agency) มีรอบการประเมินปี \(year) อยู่แล้ว",
                en: "\(agency) already has a round for fiscal year \(year)")
        case .overlappingRound(let agency, let year, let opens, let closes, _):
            LocalizedText(
                th:
                    "ช่วงวันรับคำตอบซ้อนกับรอบปีงบประมาณ \(year) ของ \(agency) (\(opens.thai) – \(closes?.thai ?? "ไม่กำหนดวันปิด"))"
                    + " ในแต่ละช่วงมีรอบที่เปิดรับคำตอบได้รอบเดียว",
                en:
                    "the days overlap \(agency)'s round of fiscal year \(year) (\(opens) – \(closes?.description ?? "open-ended"));"
                    + " one round at a time takes answers")
        case .unknownRound(let agency, let year):
            LocalizedText(
                th: "\(agency) ไม่มีรอบการประเมินปี \(year)", en: "\(agency) has no round for fiscal year \(year)")
        case .invalidUsername(let name):
            LocalizedText(
                th: "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข จุด ขีด หรือขีดล่าง 3–40 ตัว",
                en:
                    "“\(Self.shown(name))” cannot be a username: use 3–40 lowercase letters, digits, dots, dashes or underscores"
            )
        case .duplicateUsername(let name):
            LocalizedText(th: "มีผู้ใช้ชื่อ “\(name)” อยู่แล้ว", en: "the username “\(name)” is taken")
        case .unknownUsername(let name):
            LocalizedText(th: "ไม่พบผู้ดูแลชื่อ “\(Self.shown(name))”", en: "no admin named “\(Self.shown(name))”")
        case .instrumentsFrozen:
            LocalizedText(
                th: "เปลี่ยนชุดแบบวัดไม่ได้แล้ว เพราะรอบนี้มีคำตอบแล้ว คำตอบที่เก็บไว้ตอบและคิดคะแนนตามชุดเดิม",
                en: "the instrument set cannot change now that the round has answers: they were given on the old one")
        case .weakPassword:
            LocalizedText(
                th: "รหัสผ่านต้องยาวอย่างน้อย \(PasswordPolicy.minimumLength) ตัวอักษร",
                en: "a password needs at least \(PasswordPolicy.minimumLength) characters")
        case .lastEveryAgencyAdmin(let name):
            LocalizedText(
                th: "“\(name)” เป็นผู้ดูแลทุกหน่วยงานคนสุดท้ายที่ใช้งานได้ กรุณาเพิ่มผู้ดูแลทุกหน่วยงานอีกคนก่อน",
                en: "“\(name)” is the last enabled admin of every agency; add another one first")
        case .archivedAgency(let slug):
            LocalizedText(
                th: "หน่วยงาน “\(slug)” ถูกซ่อนไว้ (เก็บถาวร) กรุณานำกลับมาใช้ก่อนเปิดรอบการประเมินใหม่",
                en: "the agency “\(slug)” is archived; bring it back before opening a round")
        case .fileExists(let path):
            LocalizedText(
                th: "มีไฟล์ \(path) อยู่แล้ว กรุณาใช้ชื่อใหม่", en: "\(path) exists already; choose a new file")
        case .unavailable(let reason):
            LocalizedText(
                th: "ฐานข้อมูลบันทึกไม่ได้ชั่วคราว", en: "the database cannot be written just now (\(reason))")
        }
    }

    /// What was typed, cut to 40 characters: a message repeats a name, never 60 KB of one.
    private static func shown(_ typed: String) -> String {
        let start = typed.prefix(40)
        return start.endIndex == typed.endIndex ? typed : start + "…"
    }

    /// Both languages in one line, for the command line.
    public var description: String {
        "\(message.en) / \(message.th)"
    }
}
