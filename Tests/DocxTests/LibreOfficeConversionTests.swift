import Docx
import Foundation
import Testing

/// Whether this run must convert with LibreOffice: always in CI, elsewhere only where it is installed.
private let mustConvert = Command.exists("soffice") || ProcessInfo.processInfo.environment["CI"] == "true"

@Suite("LibreOffice opens the .docx and prints it on A4 with the Thai intact")
struct LibreOfficeConversionTests {
    /// `test-output/docx` in the repository, where the rendered page is left to look at.
    private static let outputFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("test-output/docx")

    @Test(
        "the sample report converts to PDF: marks in place, Thai digits, header repeated on page 2, A4 pages",
        .enabled(if: mustConvert, "LibreOffice (soffice) is not installed; scripts/setup --test installs it"),
        .timeLimit(.minutes(3)))
    func convertsToPDF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: Self.outputFolder, withIntermediateDirectories: true)
        let docx = folder.appendingPathComponent("analysis-report.docx")
        try Data(SampleReport.document.docx()).write(to: docx)
        try? FileManager.default.removeItem(at: Self.outputFolder.appendingPathComponent("analysis-report.docx"))
        try FileManager.default.copyItem(at: docx, to: Self.outputFolder.appendingPathComponent("analysis-report.docx"))

        // A profile of its own, so that conversions running at the same time never share LibreOffice's lock.
        let profile = folder.appendingPathComponent("profile").absoluteString
        let started = ContinuousClock.now
        let conversion = try Command.run(
            "soffice",
            [
                "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", folder.path,
                docx.path,
            ],
            timeout: .seconds(120))
        let elapsed = ContinuousClock.now - started
        let pdf = folder.appendingPathComponent("analysis-report.pdf")
        #expect(conversion.status == 0, "\(conversion.errors)")
        try #require(
            FileManager.default.fileExists(atPath: pdf.path), "no PDF: \(conversion.output) \(conversion.errors)")
        try? FileManager.default.removeItem(at: Self.outputFolder.appendingPathComponent("analysis-report.pdf"))
        try FileManager.default.copyItem(at: pdf, to: Self.outputFolder.appendingPathComponent("analysis-report.pdf"))
        let timing =
            "LibreOffice converted the sample report in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"
        print(timing)
        try (timing + "\n").write(
            to: Self.outputFolder.appendingPathComponent("conversion-time.txt"), atomically: true, encoding: .utf8)

        let image = Self.outputFolder.appendingPathComponent("analysis-report-page1")
        let render = try Command.run(
            "pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf.path, image.path])
        #expect(render.status == 0, "\(render.errors)")
        #expect(FileManager.default.fileExists(atPath: image.path + ".png"))

        let first = try Self.text(of: pdf, page: 1)
        #expect(first.contains(SampleReport.markedSentenceInThaiDigits))
        #expect(first.contains("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"))
        #expect(first.contains("๘๙.๔๗ คะแนน"))
        #expect(first.contains("๙๘.๗๕"))
        #expect(!first.contains("85") && !first.contains("2570"))
        let second = try Self.text(of: pdf, page: 2)
        for heading in SampleReport.tableHeader {
            #expect(second.contains(heading), "page 2 lacks the header \(heading)")
        }
        #expect(second.contains("การใช้งบประมาณ"))
        #expect(second.contains("๑. จุดแข็ง ๖ ตัวชี้วัด"))
        #expect(second.contains("(นางสาวสมศรี ใจดี)"))
        #expect(second.contains("วันที่ ๑๕ มกราคม พ.ศ. ๒๕๗๑"))
        #expect(try Self.text(of: pdf, page: 3).contains("วิธีการพัฒนา"))

        let info = try Command.run("pdfinfo", ["-f", "1", "-l", "20", pdf.path]).output
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(sizes.count >= 3)
        #expect(sizes.dropLast().allSatisfy { $0.contains("595.3") && $0.contains("x 841.8") })
        #expect(sizes.last.map { $0.contains("841.8") && $0.contains("x 595.3") } == true, "\(sizes)")
    }

    /// The text pdftotext reads on `page`, with every run of white space made one space.
    private static func text(of pdf: URL, page: Int) throws -> String {
        // -raw keeps the order the PDF draws in, which is the order of the text; the default sorts glyphs by position
        // and so moves a tone mark set over an upper vowel (ชี้) past the next letter.
        let result = try Command.run("pdftotext", ["-raw", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"])
        #expect(result.status == 0, "\(result.errors)")
        return result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
