import HTTPTypes
import Hummingbird
import NIOCore

/// Gzips pages and other text for a browser that says it accepts gzip, so that a form reaches a phone on a weak
/// network in a few kilobytes; a browser that did not ask gets the plain bytes. Every compressible response
/// says `Vary: Accept-Encoding`. Streamed bodies (exports) have no length known ahead and pass as they are.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this, gzip's header and trailer outweigh what it saves.
    static var smallest: Int { 256 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard Self.isCompressible(response.headers[.contentType]) else { return response }
        Self.addVary(to: &response.headers)
        guard response.headers[.contentEncoding] == nil, let length = response.body.contentLength,
            length >= Self.smallest, Gzip.isAccepted(by: request.headers[.acceptEncoding])
        else { return response }
        let sink = BodySink()
        try await response.body.write(CollectingWriter(sink: sink))
        if let gzipped = Gzip.compress(sink.buffer), gzipped.readableBytes < sink.buffer.readableBytes {
            response.headers[.contentEncoding] = "gzip"
            response.body = ResponseBody(byteBuffer: gzipped)
        } else {
            response.body = ResponseBody(byteBuffer: sink.buffer)
        }
        return response
    }

    /// Text that gzip shrinks: pages, style sheets, SVG, plain text and JSON of a known length.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/html") || type.hasPrefix("text/css") || type.hasPrefix("image/svg+xml")
            || type.hasPrefix("text/plain")
    }

    /// Adds `Accept-Encoding` to the response's `Vary`, keeping what it already names.
    static func addVary(to headers: inout HTTPFields) {
        let named = headers[.vary]
        guard named?.lowercased().contains("accept-encoding") != true else { return }
        headers[.vary] = named.map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
    }
}

/// Where a collected response body ends up.
private final class BodySink {
    var buffer = ByteBuffer()
}

/// A body writer that keeps what it is given, to compress it whole.
private struct CollectingWriter: ResponseBodyWriter {
    let sink: BodySink

    mutating func write(_ buffer: ByteBuffer) async throws {
        var part = buffer
        sink.buffer.writeBuffer(&part)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
