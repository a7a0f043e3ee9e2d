import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("`prongsai serve` starts on its database, answers /healthz and stops gracefully")
struct ServeCommandTests {
    @Test("it creates the database folder, serves, and exits cleanly on SIGTERM")
    func startAndStop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prongsai-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = 20_000 + Int.random(in: 0..<20_000)
        let process = Process()
        process.executableURL = Program.executable
        process.arguments = ["serve", "--port", "\(port)", "--db", folder.appendingPathComponent("new/db.sqlite").path]
        var environment = ProcessInfo.processInfo.environment
        environment["PRONGSAI_WEBFORMS"] = Program.repositoryRoot.appendingPathComponent("WebForms").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var answer = ""
        for _ in 0..<100 where answer != "ok" {
            try await Task.sleep(for: .milliseconds(100))
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            {
                answer = String(decoding: data, as: UTF8.self)
            }
        }
        #expect(answer == "ok")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new/db.sqlite").path))
        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
