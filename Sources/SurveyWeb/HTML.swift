import Hummingbird
import NIOCore

/// The style sheets' addresses, which every page's head links to.
struct Stylesheets: Sendable {
    let site = SiteURL.stylesheet(.site).path
    let admin = SiteURL.stylesheet(.admin).path
}

/// Responses carrying a page of ours.
enum HTML {
    static let contentType = "text/html; charset=utf-8"

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        page(ByteBuffer(string: html), status: status)
    }

    static func page(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: buffer))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
