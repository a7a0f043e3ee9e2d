import SurveyCore

/// The language a page is shown in; Thai unless the visitor switched.
enum Language: String, Sendable, Hashable {
    case th
    case en

    /// The language asked for in `?lang=`, Thai by default.
    init(query: Substring?) {
        self = query == "en" ? .en : .th
    }

    var other: Language { self == .th ? .en : .th }

    func text(_ text: LocalizedText) -> String {
        self == .th ? text.th : text.en
    }

    /// The sub-item marker: ก ข ค ง in Thai, a b c d in English.
    func subItemMarker(_ letter: String) -> String {
        guard self == .th, let index = "abcdefgh".firstIndex(of: Character(letter)) else { return letter }
        return String(Array("กขคงจฉชซ")["abcdefgh".distance(from: "abcdefgh".startIndex, to: index)])
    }

    /// Everything a page says besides the instrument, in this language.
    var strings: UIStrings { self == .th ? .thai : .english }
}

/// The fixed wording of the public pages.
struct UIStrings: Sendable {
    let siteName: String
    let switchLanguage: String
    /// What the start page says of every survey on the site: whose they are and what they are for.
    let homeIntro: String
    /// What a form page says of its survey: the agency's own, on the ITA's questions, to improve its service.
    let ownSurvey: String
    /// Where the answers go: nowhere but the agency.
    let staysWithAgency: String
    let anonymous: String
    let aboutYou: String
    let part: String
    let submit: String
    let problemsHeading: String
    let thanksHeading: String
    let thanksText: String
    let backHome: String
    let codeHeading: String
    let codeText: String
    /// The code page of an EIT that asks for a counter slip.
    let counterCodeText: String
    let codeLabel: String
    let codeContinue: String
    let searchLabel: String
    let searchButton: String
    let noAgencies: String
    let answerEIT: String
    let answerIIT: String
    let poster: String
    let closed: String

    static let thai = UIStrings(
        siteName: "โปร่งใส — แบบสอบถามของหน่วยงาน ตามแนวการประเมิน ITA",
        switchLanguage: "English",
        homeIntro:
            "แบบสอบถามในเว็บนี้เป็นของแต่ละหน่วยงานเอง ใช้คำถามแบบเดียวกับการประเมิน ITA"
            + " เพื่อให้หน่วยงานนำความเห็นของท่านไปปรับปรุงการทำงานและการให้บริการ",
        ownSurvey:
            "แบบสอบถามนี้เป็นของหน่วยงานเอง ใช้คำถามแบบเดียวกับการประเมิน ITA"
            + " เพื่อให้หน่วยงานนำความเห็นของท่านไปปรับปรุงการทำงานและการให้บริการ",
        staysWithAgency: "คำตอบอยู่กับหน่วยงานเท่านั้น ไม่ส่งให้ ป.ป.ช. หรือผู้ใด",
        anonymous: "ไม่ต้องระบุชื่อ คำตอบไม่ผูกกับตัวท่าน เครื่อง เครือข่าย หรือเวลาที่ตอบ ใช้เวลาประมาณ 3 นาที",
        aboutYou: "ข้อมูลทั่วไปของผู้ตอบ",
        part: "ส่วนที่",
        submit: "ส่งคำตอบ",
        problemsHeading: "ยังส่งไม่ได้ กรุณาตรวจสอบข้อต่อไปนี้",
        thanksHeading: "ขอบคุณที่ร่วมตอบแบบสอบถาม",
        thanksText:
            "ระบบได้รับคำตอบของท่านแล้ว คำตอบอยู่กับหน่วยงานเท่านั้น ไม่ส่งให้ ป.ป.ช. หรือผู้ใด"
            + " และนับรวมกับผู้ตอบคนอื่นโดยไม่ระบุตัวตน เพื่อให้หน่วยงานนำไปปรับปรุงการทำงานและการให้บริการ",
        backHome: "กลับหน้าแรก",
        codeHeading: "กรอกรหัสผู้ตอบ",
        codeText: "แบบสอบถามนี้สำหรับบุคลากรของหน่วยงาน กรุณากรอกรหัสจากบัตรที่ได้รับ รหัสใช้ได้ครั้งเดียวและไม่ผูกกับคำตอบ",
        counterCodeText:
            "กรุณากรอกรหัสจากบัตรที่เจ้าหน้าที่มอบให้เมื่อมารับบริการ บัตรหนึ่งใบตอบได้ครั้งเดียว และรหัสไม่ผูกกับคำตอบ"
            + " หากยังไม่ได้รับบัตร ขอรับได้ที่จุดให้บริการ",
        codeLabel: "รหัส 8 ตัว (เช่น ABCD-EFGH)",
        codeContinue: "ถัดไป",
        searchLabel: "ค้นหาหน่วยงาน",
        searchButton: "ค้นหา",
        noAgencies: "ไม่พบหน่วยงาน",
        answerEIT: "ตอบแบบสอบถามสำหรับผู้รับบริการ (EIT)",
        answerIIT: "ตอบแบบสอบถามสำหรับบุคลากร (IIT)",
        poster: "โปสเตอร์ QR",
        closed: "ยังไม่เปิดรับคำตอบ")

    static let english = UIStrings(
        siteName: "Prongsai — agencies' own surveys, modelled on the ITA",
        switchLanguage: "ภาษาไทย",
        homeIntro:
            "The surveys on this site are each agency's own. They use the same questions as the ITA, so that the"
            + " agency can improve its work and service with your views.",
        ownSurvey:
            "This is the agency's own survey. It uses the same questions as the ITA, so that the agency can improve"
            + " its work and service with your views.",
        staysWithAgency: "Your answers stay with the agency. They are not sent to the NACC (ป.ป.ช.) or anyone else.",
        anonymous:
            "No name needed. Your answers are not linked to you, your device, your network or the time. About 3 minutes.",
        aboutYou: "About you",
        part: "Part",
        submit: "Send my answers",
        problemsHeading: "Not sent yet — please check these questions",
        thanksHeading: "Thank you for taking part",
        thanksText:
            "Your answers were received. They stay with the agency, are not sent to the NACC (ป.ป.ช.) or anyone"
            + " else, and are counted with everyone else's, anonymously, so that the agency can improve its work and"
            + " service.",
        backHome: "Back to the start",
        codeHeading: "Enter your access code",
        codeText:
            "This survey is for the agency's staff. Please type the code from your slip. It works once and is not linked to your answers.",
        counterCodeText:
            "Please type the code from the slip you were given at the service counter. Each slip works once and is not"
            + " linked to your answers. If you have no slip, ask for one at the counter.",
        codeLabel: "8-character code (e.g. ABCD-EFGH)",
        codeContinue: "Continue",
        searchLabel: "Find an agency",
        searchButton: "Search",
        noAgencies: "No agency found",
        answerEIT: "Answer the service users' survey (EIT)",
        answerIIT: "Answer the staff survey (IIT)",
        poster: "QR poster",
        closed: "Not open for answers")
}
