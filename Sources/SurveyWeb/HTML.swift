import Foundation
import Hummingbird
import NIOCore

/// The style sheets' and the icon's addresses, which every page's head links to.
struct Stylesheets: Sendable {
    let site = SiteURL.stylesheet(.site).path
    let admin = SiteURL.stylesheet(.admin).path
    let icon = SiteURL.favicon.path
}

/// Responses carrying a page of ours.
enum HTML {
    static let contentType = "text/html; charset=utf-8"

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        page(ByteBuffer(string: html), status: status)
    }

    static func page(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store", .vary: "Accept-Language"],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// A blank survey form page. The browser may keep it, but only for going Back: Back after the thank-you page
    /// then shows this same copy, whose token is spent, so sending it again stores nothing. `no-store` would make
    /// the browser fetch the form afresh, with a fresh token, and a second answer would be stored. No shared cache
    /// may keep it (`private`), and any other visit asks the server again (`no-cache`), getting a new token. It
    /// holds no answer; a form sent back with its problems does, and is never kept.
    static func formPage(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var response = page(buffer, status: status)
        response.headers[.cacheControl] = "private, no-cache"
        return response
    }

    /// The `Content-Disposition` of a download: its ASCII name, and its Thai name (RFC 8187) for browsers that read
    /// one. What a file name cannot hold (slashes, quotes, control characters) becomes a space, so an agency's name
    /// never makes a path of it.
    static func attachment(ascii: String, thai: String) -> String {
        let unsafe = CharacterSet(charactersIn: "/\\\":*?<>|").union(.controlCharacters)
        let cleaned = String(String.UnicodeScalarView(thai.unicodeScalars.map { unsafe.contains($0) ? " " : $0 }))
        let plain = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = cleaned.addingPercentEncoding(withAllowedCharacters: plain) ?? ""
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
