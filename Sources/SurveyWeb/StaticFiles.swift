import Crypto
import Foundation
import Hummingbird
import NIOCore

/// The files of `WebForms/static` (style sheets, the icon), read and gzipped once when the server starts and
/// served from memory: the same bytes to everyone, compressed for a browser that accepts gzip.
struct StaticFiles: Sendable {
    /// One file as it is served.
    struct File: Sendable {
        let contentType: String
        let cacheControl: String
        let plain: ByteBuffer
        /// Nil when gzip would not make it smaller.
        let gzipped: ByteBuffer?
        /// A strong validator of the plain bytes, quoted.
        let etag: String
    }

    private let files: [String: File]

    /// The content types served, by file extension; other files in the folder are not served.
    static let contentTypes = [
        "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "js": "text/javascript; charset=utf-8",
    ]

    /// Reads every file of a known type in `directory`.
    init(directory: URL) throws {
        var files: [String: File] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names {
            guard let type = Self.contentTypes[(name as NSString).pathExtension] else { continue }
            let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
            let plain = ByteBuffer(bytes: bytes)
            let gzipped = Gzip.compress(plain, level: 9).flatMap { $0.readableBytes < plain.readableBytes ? $0 : nil }
            let digest = SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined()
            files[name] = File(
                contentType: type, cacheControl: Self.cacheControl(name), plain: plain, gzipped: gzipped,
                etag: "\"\(digest)\"")
        }
        self.files = files
    }

    /// The icon changes never, so a browser asks for it once a year; a style sheet may change with a release.
    static func cacheControl(_ name: String) -> String {
        name == SiteURL.faviconFile ? "public, max-age=31536000, immutable" : "public, max-age=3600"
    }

    func file(_ name: String) -> File? {
        files[name]
    }

    /// `GET /static/{file}`: the file, gzipped when the browser accepts it, or 304 when it has this version.
    func response(_ request: Request, name: String) throws -> Response {
        guard let file = files[name] else { throw PageError.notFound }
        var headers: HTTPFields = [
            .contentType: file.contentType, .cacheControl: file.cacheControl, .eTag: file.etag,
            .vary: "Accept-Encoding",
        ]
        if let known = request.headers[.ifNoneMatch],
            known.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == file.etag
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        if let gzipped = file.gzipped, Gzip.isAccepted(by: request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file.plain))
    }
}
