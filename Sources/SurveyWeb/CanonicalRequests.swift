import HTTPTypes
import Hummingbird
import NIOCore

/// Stands in front of the router: a path that is not in its one written form (`//demo/eit`, `/demo//eit`,
/// `/./demo/eit`, `/%64emo/eit`, a trailing slash) is sent to that form before any route, cache or page sees it,
/// and a path that has none (`..`, an encoded slash, broken escapes) is refused. `HEAD` is answered as `GET`
/// without the body.
struct CanonicalRequests<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let next: Next
    let pages: Pages
    let strictTransport: Bool

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        var refusal: Response
        switch CanonicalPath(request.uri.path) {
        case .refused:
            refusal = pages.response(.notFound)
        case .moved(let path):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            refusal = Response(
                status: .permanentRedirect, headers: [.location: path + query, .cacheControl: "no-store"])
        case .canonical:
            guard request.method == .head else { return try await next.respond(to: request, context: context) }
            var head = request.head
            head.method = .get
            var context = context
            context.isHead = true
            var response = try await next.respond(to: Request(head: head, body: request.body), context: context)
            let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init)
            response.body = ResponseBody()
            // After the body, which sets its own length: a HEAD tells the length the GET would send.
            response.headers[.contentLength] = length
            return response
        }
        // These answers never reach the router's middleware, so they get its headers here.
        SecurityHeadersMiddleware<AppRequestContext>.apply(to: &refusal, strictTransport: strictTransport)
        if request.method == .head { refusal.body = ResponseBody() }
        return refusal
    }
}

/// Whether a request path is in its one written form, which that form is, or that it has none.
enum CanonicalPath: Equatable {
    case canonical
    case moved(String)
    case refused

    init(_ path: String) {
        guard path.hasPrefix("/") else {
            self = .refused
            return
        }
        if Self.isPlain(path) {
            self = .canonical
            return
        }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = Self.decode(raw), !decoded.isEmpty else {
                self = .refused
                return
            }
            switch decoded {
            case ".": continue
            case "..":
                self = .refused
                return
            default:
                guard !decoded.contains("/"), !decoded.contains("\\"),
                    !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
                else {
                    self = .refused
                    return
                }
                segments.append(Self.encode(decoded))
            }
        }
        let written = "/" + segments.joined(separator: "/")
        self = written == path ? .canonical : .moved(written)
    }

    /// Whether a path is surely in its written form, seen in one pass: only letters, digits and `-._~` between
    /// single slashes, no segment starting with a dot, no trailing slash. Nearly every request is; the rest are
    /// read in full.
    private static func isPlain(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        var first = true
        for byte in path.utf8 {
            if first {
                first = false
                continue
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                break
            case UInt8(ascii: "."):
                if previous == UInt8(ascii: "/") { return false }
            case UInt8(ascii: "/"):
                if previous == UInt8(ascii: "/") { return false }
            default:
                return false
            }
            previous = byte
        }
        return path.utf8.count == 1 || previous != UInt8(ascii: "/")
    }

    /// `%XX` as bytes, read as UTF-8; nil for a broken escape or bytes that are not UTF-8.
    private static func decode(_ segment: Substring) -> String? {
        guard segment.contains("%") else { return String(segment) }
        return PercentDecoding.bytes(segment.utf8, plusIsSpace: false).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Letters, digits and `-._~` as they are; every other byte as `%XX`.
    private static func encode(_ segment: String) -> String {
        var written = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                written.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                written += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return written
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
