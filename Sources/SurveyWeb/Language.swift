import Foundation
import Hummingbird
import SurveyCore

/// The language a page is shown in: the one the visitor chose, else English for a browser that prefers it to
/// Thai, else Thai.
enum Language: String, Sendable, Hashable {
    case th
    case en

    /// The language asked for in `?lang=`, Thai by default.
    init(query: Substring?) {
        self = query == "en" ? .en : .th
    }

    /// The language chosen in `?lang=` (or a form's `lang` field); without a choice, English when the browser's
    /// `Accept-Language` ranks English above Thai; Thai otherwise.
    init(chosen: Substring?, acceptLanguage: String?) {
        switch chosen {
        case "en": self = .en
        case "th": self = .th
        default: self = Self.preferred(acceptLanguage)
        }
    }

    /// The page's language for a request: its `?lang=`, else its `Accept-Language`.
    init(_ request: Request) {
        self.init(chosen: request.uri.queryParameters["lang"], acceptLanguage: request.headers[.acceptLanguage])
    }

    /// Thai or English, whichever `Accept-Language` ranks higher (`en-US,en;q=0.9,th;q=0.5` is English); Thai
    /// when it names neither, on a tie, or when the header is missing or malformed.
    static func preferred(_ header: String?) -> Language {
        var best: (language: Language, weight: Double)?
        for entry in (header ?? "").split(separator: ",").prefix(20) {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first, let language = Language(tag: tag) else { continue }
            let weight = parts.dropFirst().compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
            guard weight > 0, weight <= 1 else { continue }
            if best.map({ weight > $0.weight || (weight == $0.weight && language == .th && $0.language == .en) })
                ?? true
            {
                best = (language, weight)
            }
        }
        return best?.language ?? .th
    }

    /// The language of a tag such as `en-GB` or `th-TH`.
    private init?(tag: String) {
        let primary = tag.split(separator: "-").first.map(String.init) ?? tag
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    var other: Language { self == .th ? .en : .th }

    func text(_ text: LocalizedText) -> String {
        self == .th ? text.th : text.en
    }

    /// The sub-item marker: ก ข ค ง in Thai, a b c d in English.
    func subItemMarker(_ letter: String) -> String {
        self == .th ? QuestionName.thaiLetter(letter) : letter
    }

    /// Everything a page says besides the instrument, in this language.
    var strings: UIStrings { self == .th ? .thai : .english }

    /// What the top of a form says of its size: every question must be answered, how many there are and how
    /// many answers that makes, and about how long it takes.
    func overview(_ overview: FormOverview) -> String {
        let (questions, answers, profile, minutes) = (
            overview.questions, overview.answers, overview.profileQuestions, overview.minutes
        )
        return self == .th
            ? "ต้องตอบทุกข้อ แบบสอบถามมี \(questions) ข้อ รวม \(answers) คำตอบ (นับข้อย่อยและข้อมูลผู้ตอบ \(profile) ข้อ)"
                + " ใช้เวลาประมาณ \(minutes) นาที"
            : "Every question must be answered: \(questions) questions, \(answers) answers in all (counting the parts of"
                + " questions and the \(profile) questions about you). It takes about \(minutes) minutes."
    }

    /// The thank-you page's text: the agency has the answers, complete, and nothing more is needed.
    func thanksText(agency: String) -> String {
        self == .th
            ? "\(agency) ได้รับคำตอบของท่านครบทุกข้อแล้ว ไม่ต้องทำอะไรเพิ่ม " + UIStrings.thai.thanksText
            : "\(agency) has received all your answers; there is nothing more to do. " + UIStrings.english.thanksText
    }

    /// The page for answers sent again (Back after the thank-you page, then send): they were stored once, before.
    func alreadyReceivedText(agency: String) -> String {
        self == .th
            ? "\(agency) ได้รับคำตอบชุดนี้ของท่านไว้ครบแล้วตั้งแต่ครั้งก่อน ระบบจึงไม่ได้บันทึกซ้ำ ไม่ต้องส่งอีก"
                + " ขอบคุณที่ร่วมตอบแบบสอบถาม"
            : "\(agency) had already received these answers of yours, complete, so they were not stored again."
                + " There is no need to send them again. Thank you for taking part."
    }
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
    let alreadyReceivedHeading: String
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
        anonymous: "ไม่ต้องระบุชื่อ คำตอบไม่ผูกกับตัวท่าน เครื่อง เครือข่าย หรือเวลาที่ตอบ",
        alreadyReceivedHeading: "ได้รับคำตอบของท่านแล้ว",
        aboutYou: "ข้อมูลทั่วไปของผู้ตอบ",
        part: "ส่วนที่",
        submit: "ส่งคำตอบ",
        problemsHeading: "ยังส่งไม่ได้ กรุณาตรวจสอบข้อต่อไปนี้",
        thanksHeading: "ขอบคุณที่ร่วมตอบแบบสอบถาม",
        thanksText:
            "คำตอบอยู่กับหน่วยงานเท่านั้น ไม่ส่งให้ ป.ป.ช. หรือผู้ใด"
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
        anonymous: "No name needed. Your answers are not linked to you, your device, your network or the time.",
        alreadyReceivedHeading: "Your answers were already received",
        aboutYou: "About you",
        part: "Part",
        submit: "Send my answers",
        problemsHeading: "Not sent yet — please check these questions",
        thanksHeading: "Thank you for taking part",
        thanksText:
            "They stay with the agency, are not sent to the NACC (ป.ป.ช.) or anyone"
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
