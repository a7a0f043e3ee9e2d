import CZlib
import Foundation
import NIOCore

/// Gzip through the system zlib, for `Content-Encoding: gzip`.
enum Gzip {
    /// `bytes` as a gzip stream at `level` (1 fastest, 9 smallest), or nil when zlib fails.
    static func compress(_ bytes: ByteBuffer, level: Int32 = 6) -> ByteBuffer? {
        let input = bytes.readableBytesView
        guard !input.isEmpty, input.count < Int(UInt32.max) else { return nil }
        // A gzip header and trailer are 18 bytes on top of what deflate may need.
        let capacity = Int(prongsai_deflate_bound(UInt(input.count))) + 18
        var output = ByteBuffer()
        var status = Z_OK
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { target in
            var outputLength = UInt(capacity)
            status = input.withUnsafeBytes { source in
                prongsai_gzip(
                    source.bindMemory(to: UInt8.self).baseAddress, UInt(source.count),
                    target.bindMemory(to: UInt8.self).baseAddress, &outputLength, level)
            }
            return status == Z_OK ? Int(outputLength) : 0
        }
        return status == Z_OK ? output : nil
    }

    /// Whether an `Accept-Encoding` header takes gzip: named (or `*`) without `q=0`.
    static func isAccepted(by header: String?) -> Bool {
        guard let header else { return false }
        var accepted = false
        for entry in header.lowercased().split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let weight = parts.dropFirst().compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
            if coding == "*" {
                accepted = accepted || weight > 0
            } else {
                return weight > 0
            }
        }
        return accepted
    }
}
