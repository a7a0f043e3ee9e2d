import Foundation
import HummingbirdTesting
import SurveyCore
import Testing

@Suite("QR codes and counter posters")
struct PosterTests {
    @Test("the served PNG is a real PNG that zbar decodes to the form's public address")
    func pngDecodes() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            for form in ["eit", "iit"] {
                let response = try await client.get("/demo/\(form)/qr.png")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
                try Data(buffer: response.body).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                #expect(try Self.zbar(file) == "\(WebFixture.publicURL)/demo/\(form)")
            }
        }
    }

    @Test("the SVG is served as an image with a quiet zone")
    func svg() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let response = try await client.get("/demo/eit/qr.svg")
            #expect(response.headers[.contentType] == "image/svg+xml")
            #expect(response.html.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
            #expect(try await client.get("/nowhere/eit/qr.svg").status == .notFound)
        }
    }

    @Test("the poster names the agency and the survey, shows the QR and spells out the address")
    func poster() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.run { client in
            let eit = try await client.get("/demo/eit/poster").html
            #expect(eit.contains("องค์การบริหารส่วนตำบลตัวอย่าง"))
            #expect(eit.contains("(EIT)"))
            #expect(eit.contains("<svg"))
            #expect(eit.contains("ita.example.go.th/demo/eit"))
            let minutes = { (form: FormKind) in WebFixture.instrument(form).overview.minutes }
            #expect(eit.contains("ไม่ระบุตัวตน") && eit.contains("ใช้เวลาประมาณ \(minutes(.eit)) นาที"))
            let iit = try await client.get("/demo/iit/poster").html
            #expect(iit.contains("บุคลากร") && iit.contains("ita.example.go.th/demo/iit"))
            // The staff survey is longer, and its poster says so.
            #expect(minutes(.iit) > minutes(.eit) && iit.contains("ใช้เวลาประมาณ \(minutes(.iit)) นาที"))
        }
    }

    @Test("an archived agency's posters and QR codes are not found, and are back once it is brought back")
    func archivedAgency() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        let printed = [
            "/demo/eit/poster", "/demo/iit/poster", "/demo/eit/qr.svg", "/demo/iit/qr.png", "/demo/iit/poster?slips=1",
        ]
        try await fixture.database.setAgencyArchived(slug: "demo", true, by: "test")
        try await fixture.run { client in
            for path in printed {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.html.contains("ita.example.go.th/demo") && !response.html.contains("<svg"), "\(path)")
            }
        }
        try await fixture.database.setAgencyArchived(slug: "demo", false, by: "test")
        try await fixture.run { client in
            for path in printed.dropLast() {
                let status = try await client.get(path).status
                #expect(status == .ok, "\(path)")
            }
        }
    }

    static func zbar(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--quiet", "--raw", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
