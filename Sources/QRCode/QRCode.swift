import CQRencode

/// A QR code as a square of dark and light modules, encoded by libqrencode.
public struct QRCode: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]
    /// The light margin readers need around the symbol, in modules.
    public static let quietZone = 4

    /// How much damage the code survives; posters use `.medium`.
    public enum ErrorCorrection: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// The text cannot be encoded (too long for a QR code).
    public struct EncodingError: Error, Equatable {}

    /// Encodes UTF-8 text in the smallest version that holds it.
    public init(text: String, correction: ErrorCorrection = .medium) throws(EncodingError) {
        guard let code = QRcode_encodeString(text, 0, correction.level, QR_MODE_8, 1) else { throw EncodingError() }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // Bit 0 of each byte is the module colour; the other bits describe the module's role.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` (quiet zone excluded) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    /// Modules per side with the quiet zone on every edge.
    public var sizeWithQuietZone: Int { size + 2 * Self.quietZone }

    /// A scalable SVG: one module is one user unit, so it stays crisp at any printed size.
    public func svg(title: String? = nil) -> String {
        let side = sizeWithQuietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        let label = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" \
            shape-rendering="crispEdges" role="img">\(label)<rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    /// A 1-bit greyscale PNG, `scale` pixels per module, quiet zone included.
    public func png(scale: Int = 8) -> [UInt8] {
        precondition(scale > 0, "a module needs at least one pixel")
        let side = sizeWithQuietZone * scale
        let rowBytes = (side + 7) / 8
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * side)
        for pixelY in 0..<side {
            raw.append(0)  // filter type: none
            var row = [UInt8](repeating: 0xFF, count: rowBytes)
            let y = pixelY / scale - Self.quietZone
            if (0..<size).contains(y) {
                for pixelX in 0..<side {
                    let x = pixelX / scale - Self.quietZone
                    if (0..<size).contains(x) && isDark(x: x, y: y) {
                        row[pixelX / 8] &= ~(0x80 >> UInt8(pixelX % 8))
                    }
                }
            }
            raw += row
        }
        return PNGWriter.greyscale1Bit(width: side, height: side, rows: raw)
    }

    private static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
