import Hummingbird
import Logging
import NIOCore
import SurveyCore

/// Turns anything thrown below it into one of our pages; an internal error's text is logged, never shown.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let page as PageResponse {
            return page.response
        } catch is CSRFRefusal {
            return site.forbidden()
        } catch is NIOTooManyBytesError {
            return site.messageResponse(.tooLarge, status: .contentTooLarge)
        } catch is BodyTimeout {
            return site.messageResponse(.tooSlow, status: .requestTimeout)
        } catch let error as HTTPError {
            if error.status == .notFound { return site.messageResponse(.notFound, status: .notFound) }
            let page = MessagePage(
                heading: LocalizedText(th: "คำขอไม่ถูกต้อง", en: "This request cannot be handled"),
                text: LocalizedText(
                    th: "กรุณากลับไปหน้าก่อนหน้าแล้วลองใหม่", en: "Please go back and try again."),
                detail: "\(error.status.code) \(error.status.reasonPhrase)")
            return site.messageResponse(page, status: error.status)
        } catch {
            logger.error("request failed: \(String(reflecting: error))")
            return site.messageResponse(.serverError, status: .internalServerError)
        }
    }
}
