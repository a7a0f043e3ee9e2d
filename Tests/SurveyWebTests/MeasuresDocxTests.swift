import Foundation
import HummingbirdTesting
import SurveyCore
import SurveyStore
import Testing

/// Whether LibreOffice is here to convert with: always in CI, elsewhere where it is installed.
private let canConvert =
    ProcessInfo.processInfo.environment["CI"] == "true"
    || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/soffice")
    }

@Suite("The measures DOCX files open in LibreOffice and hold the same rows as the printed pages")
struct MeasuresDocxTests {
    /// `test-output/measures` in the repository, where the files and page 1 are left to look at.
    static let outputFolder = WebFixture.repositoryRoot.appendingPathComponent("test-output/measures")

    @Test(
        "plan and follow-up convert to landscape A4 PDFs whose text has every row, area and signer of the pages",
        .enabled(if: canConvert, "LibreOffice (soffice) is not installed; scripts/setup --test installs it"),
        .timeLimit(.minutes(5)))
    func convert() async throws {
        let fixture = try await MeasuresConsoleTests.fixture()
        let (files, pages) = try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            _ = try await MeasuresConsoleTests.draft(admin)
            var values = try await admin.get("/admin/demo/measures/2567").html.formValues
            values["signer-name"] = "นายสมชาย ใจดี"
            values["signer-position"] = "นายกองค์การบริหารส่วนตำบลตัวอย่าง"
            values["announced-on"] = "1 ตุลาคม พ.ศ. 2566"
            values["do"] = "save"
            #expect(try await admin.post("/admin/demo/measures/2567", values).status == .seeOther)
            var followUp = try await admin.get("/admin/demo/measures/2567/follow-up").html.formValues
            followUp["output-2"] = "ชี้แจงแผนการใช้จ่าย 2 ครั้ง"
            followUp["outcome-2"] = "บุคลากรทราบแผนร้อยละ 90"
            followUp["officer-name"] = "นางสาวสมศรี ขยันดี"
            #expect(try await admin.post("/admin/demo/measures/2567/follow-up", followUp).status == .seeOther)
            var files: [String: [UInt8]] = [:]
            var pages: [String: String] = [:]
            for (name, path) in [
                ("measures", "/admin/demo/measures/2567"), ("follow-up", "/admin/demo/measures/2567/follow-up"),
            ] {
                files[name] = Array(
                    try await admin.get(path + (name == "measures" ? "/measures.docx" : ".docx")).body.readableBytesView
                )
                pages[name] = try await admin.get(path + "/print").html
            }
            return (files, pages)
        }
        try FileManager.default.createDirectory(at: Self.outputFolder, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let docx = Self.outputFolder.appendingPathComponent("\(name).docx")
            try Data(bytes).write(to: docx)
            // Thai wraps inside words, so the comparison leaves out white space altogether.
            let text = try Self.convert(docx).filter { !$0.isWhitespace }
            // Every cell the printed page shows is in the PDF, in the same order.
            let cells = try #require(pages[name]).matches(of: /<td>([^<]+)<\/td>/).map {
                String($0.output.1).unescapedHTML.filter { !$0.isWhitespace }
            }
            #expect(cells.count > 20)
            var rest = Substring(text)
            for cell in cells {
                let found = rest.range(of: cell)
                #expect(found != nil, "\(name): the PDF lacks “\(cell)” after the cells before it")
                if let found { rest = rest[found.upperBound...] }
            }
        }
        let plan = try Self.text(Self.outputFolder.appendingPathComponent("measures.pdf"))
        #expect(plan.contains("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567"))
        #expect(plan.contains("(นายสมชาย ใจดี)") && plan.contains("ประกาศ ณ วันที่ 1 ตุลาคม พ.ศ. 2566"))
        let report = try Self.text(Self.outputFolder.appendingPathComponent("follow-up.pdf"))
        for area in [IssueArea.transparentProcess, .budgetAndProcurement] { #expect(report.contains(area.name)) }
        // pdftotext reads the first ☐ of a line only, though the page shows both.
        #expect(report.contains("(นางสาวสมศรี ขยันดี)") && report.contains("☐ อนุมัติ ไม่อนุมัติ"))
    }

    /// Converts a .docx beside it to PDF with LibreOffice, renders page 1 to PNG, checks the pages are landscape A4,
    /// and returns the PDF's text.
    static func convert(_ docx: URL) throws -> String {
        let folder = docx.deletingLastPathComponent()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let converted = try run(
            "soffice",
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf", "--outdir",
                folder.path, docx.path,
            ], timeout: 180)
        let pdf = docx.deletingPathExtension().appendingPathExtension("pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path), "\(converted)")
        let png = docx.deletingPathExtension().path + "-page1"
        _ = try run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf.path, png])
        #expect(FileManager.default.fileExists(atPath: png + ".png"))
        let info = try run("pdfinfo", [pdf.path])
        #expect(info.contains("841.8") && info.contains("x 595.3"), "\(info)")
        return try text(pdf)
    }

    /// The PDF's text in drawing order (which keeps Thai marks with their letters), white space made single spaces.
    static func text(_ pdf: URL) throws -> String {
        try run("pdftotext", ["-raw", pdf.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Runs a program found on PATH and returns what it printed; stops it after `timeout` seconds.
    static func run(_ name: String, _ arguments: [String], timeout: Double = 60) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        // A file rather than a pipe, so that a long output never blocks the program while we wait.
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
