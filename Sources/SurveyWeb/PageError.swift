import HTTPTypes
import Hummingbird
import NIOCore
import SurveyCore

/// Every way a request ends early, public or admin: a message page with its status, or a redirect (to the login
/// page). `ErrorPageMiddleware` renders the page in the site's style; anything that slips past it still gets a
/// plain answer with the right status.
struct PageError: HTTPResponseError {
    enum Content: Sendable {
        case message(MessagePage)
        case redirect(String)
    }

    let status: HTTPResponse.Status
    let content: Content

    init(_ status: HTTPResponse.Status, _ page: MessagePage) {
        self.status = status
        content = .message(page)
    }

    init(redirectTo url: SiteURL) {
        status = .seeOther
        content = .redirect(url.path)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch content {
        case .redirect(let location):
            return Response(status: status, headers: [.location: location])
        case .message(let page):
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "\(page.heading)\n\(page.text)\n")))
        }
    }

    static let notFound = PageError(.notFound, .notFound)
    static let signIn = PageError(redirectTo: .login)

    static let forbidden = PageError(
        .forbidden,
        MessagePage(
            heading: LocalizedText(th: "ไม่อนุญาต", en: "Not allowed"),
            text: LocalizedText(
                th: "คำขอนี้ไม่ได้รับอนุญาต หากท่านกดส่งแบบฟอร์ม กรุณาโหลดหน้านั้นใหม่แล้วลองอีกครั้ง",
                en: "This request is not allowed. If you sent a form, please reload that page and try again.")))

    static let serverError = PageError(.internalServerError, .serverError)

    /// The database cannot be written just now (another program holds it, or the disk is full), and this request
    /// writes down what it did.
    static let unavailable = PageError(
        .serviceUnavailable,
        MessagePage(
            heading: LocalizedText(th: "ระบบบันทึกข้อมูลไม่ได้ชั่วคราว", en: "Nothing can be saved just now"),
            text: LocalizedText(
                th: "กรุณาลองใหม่อีกครั้งในอีกสักครู่", en: "Please try again in a moment.")))

    /// The page for a request that cannot be handled as sent.
    static func unreadable(_ status: HTTPResponse.Status) -> PageError {
        PageError(
            status,
            MessagePage(
                heading: LocalizedText(th: "คำขอไม่ถูกต้อง", en: "This request cannot be handled"),
                text: LocalizedText(th: "กรุณากลับไปหน้าก่อนหน้าแล้วลองใหม่", en: "Please go back and try again."),
                detail: "\(status.code) \(status.reasonPhrase)"))
    }
}
