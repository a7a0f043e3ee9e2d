import Foundation
import QRCode
import Testing

@Suite("QR codes from libqrencode, as SVG and as PNG a real decoder reads")
struct QRCodeTests {
    let url = "https://ita.example.go.th/demo/eit"

    @Test("a form URL encodes in a small version with error correction M")
    func encodes() throws {
        let code = try QRCode(text: url)
        // 34 bytes at level M fit version 3 (29 modules).
        #expect(code.size == 29)
        #expect(code.modules.count == 29 * 29)
        // Finder patterns: the top-left corner module is dark, the one inside the separator light.
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: 7, y: 7))
    }

    @Test("the SVG spans the quiet zone and draws with crisp edges")
    func svg() throws {
        let code = try QRCode(text: url)
        let svg = code.svg(title: "แบบสอบถาม <EIT>")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<title>แบบสอบถาม &lt;EIT&gt;</title>"))
        #expect(svg.contains("M4 4h7v1h-7z"))
    }

    @Test("the PNG is a real PNG file that zbar decodes back to the URL")
    func pngDecodes() throws {
        let png = try QRCode(text: url).png(scale: 6)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Self.zbar(file) == url)
    }

    @Test("Thai text survives the round trip")
    func thaiText() throws {
        let text = "แบบวัดการรับรู้ EIT อบต.ตัวอย่าง"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(QRCode(text: text).png()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Self.zbar(file) == text)
    }

    @Test("text too long for any QR version is refused")
    func tooLong() {
        #expect(throws: QRCode.EncodingError.self) {
            try QRCode(text: String(repeating: "x", count: 5000))
        }
    }

    /// Decodes an image with zbarimg, the decoder from Debian's zbar-tools.
    static func zbar(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--quiet", "--raw", "-Sbinary", file.path]
        let output = Pipe()
        process.standardOutput = output
        // zbarimg complains on stderr when no D-Bus is running; its verdict is on stdout.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
