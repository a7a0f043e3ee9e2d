import NIOCore

/// A urlencoded request body as field → value; the first value of a repeated key wins, and a key or value
/// that is not valid percent-encoded UTF-8 is read as empty.
enum FormBody {
    static func parse(_ body: ByteBuffer) -> [String: String] {
        body.withUnsafeReadableBytes { parse(UnsafeRawBufferPointer($0)) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer) -> [String: String] {
        var values: [String: String] = [:]
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), !key.isEmpty else { continue }
            if values[key] == nil { values[key] = parts.count == 2 ? decode(parts[1]) ?? "" : "" }
        }
        return values
    }

    /// `+` as a space and `%XX` as a byte; nil for a broken escape or bytes that are not UTF-8.
    private static func decode(_ encoded: Slice<UnsafeRawBufferPointer>) -> String? {
        PercentDecoding.bytes(encoded, plusIsSpace: true).flatMap { String(validating: $0, as: UTF8.self) }
    }
}

/// Percent-encoded text as bytes.
enum PercentDecoding {
    /// `%XX` as a byte (and `+` as a space when asked); nil for a broken escape.
    static func bytes(_ encoded: some Collection<UInt8>, plusIsSpace: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
