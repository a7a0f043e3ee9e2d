import Hummingbird
import SurveyCore

/// A plain page that tells the visitor one thing: a closed survey, an unknown address, an error.
struct MessagePage: Sendable {
    let styles = Stylesheets()
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let heading: String
    let text: String
    let detail: String?
    let home: String

    /// A page in `language`; a Thai page also gives the text in English below it unless it is `thaiOnly` (a page a
    /// respondent reads at the end of the form, in the language they chose).
    init(
        _ language: Language = .th, heading: LocalizedText, text: LocalizedText, detail: String? = nil,
        thaiOnly: Bool = false
    ) {
        lang = language.rawValue
        t = language.strings
        pageTitle = language.text(heading)
        self.heading = language.text(heading)
        self.text = language.text(text)
        self.detail = detail ?? (language == .th && !thaiOnly ? text.en : nil)
        home = SiteURL.home.path(language)
    }

    static let notFound = MessagePage(
        heading: LocalizedText(th: "ไม่พบหน้านี้", en: "Page not found"),
        text: LocalizedText(
            th: "ที่อยู่นี้ไม่มีในระบบ กรุณาตรวจสอบลิงก์หรือสแกน QR อีกครั้ง",
            en: "This address does not exist. Please check the link or scan the QR code again."))

    static let tooLarge = MessagePage(
        heading: LocalizedText(th: "ข้อมูลมากเกินไป", en: "Too much data"),
        text: LocalizedText(
            th: "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกว่าที่ระบบรับได้",
            en: "What was sent is larger than this server takes."))

    static let tooSlow = MessagePage(
        heading: LocalizedText(th: "การส่งข้อมูลใช้เวลานานเกินไป", en: "Sending took too long"),
        text: LocalizedText(
            th: "สัญญาณอาจไม่ดี กรุณาลองส่งอีกครั้ง",
            en: "The connection may be weak. Please try sending again."))

    static let serverError = MessagePage(
        heading: LocalizedText(th: "ขออภัย ระบบขัดข้องชั่วคราว", en: "Sorry, something went wrong"),
        text: LocalizedText(
            th: "กรุณาลองใหม่อีกครั้งในอีกสักครู่",
            en: "Please try again in a moment."))
}
