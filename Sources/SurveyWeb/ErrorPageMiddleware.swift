import Hummingbird
import Logging
import NIOCore
import SurveyCore
import SurveyStore

/// Turns anything thrown below it into one of our pages; an internal error's text is logged, never shown.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: Pages
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            return pages.response(error)
        } catch is NIOTooManyBytesError {
            return pages.response(PageError(.contentTooLarge, .tooLarge))
        } catch is BodyTimeout {
            return pages.response(PageError(.requestTimeout, .tooSlow))
        } catch is BodyUnreadable {
            return pages.response(.unreadable(.badRequest))
        } catch StoreError.unavailable(let reason) {
            logger.log(
                level: Route.isAdmin(request.uri.path) ? .warning : .debug,
                "the database cannot be written just now: \(reason)")
            var response = pages.response(.unavailable)
            response.headers[.retryAfter] = "10"
            return response
        } catch let error as HTTPError {
            return pages.response(error.status == .notFound ? .notFound : .unreadable(error.status))
        } catch {
            // A public request's failure is not logged by default: its line's time could date an answer sent
            // again a moment later. The metrics count it.
            logger.log(
                level: Route.isAdmin(request.uri.path) ? .error : .debug,
                "request failed: \(String(reflecting: error))")
            return pages.response(.serverError)
        }
    }
}

extension Pages {
    /// A message page as a response.
    func response(_ page: MessagePage, status: HTTPResponse.Status) -> Response {
        HTML.page(render(.message, page), status: status)
    }

    /// The page of an error that ends a request.
    func response(_ error: PageError) -> Response {
        switch error.content {
        case .redirect(let location): HTML.redirect(to: location)
        case .message(let page): response(page, status: error.status)
        }
    }
}
