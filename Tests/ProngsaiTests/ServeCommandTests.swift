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

    @Test("a malformed PRONGSAI_PORT stops the start with a message naming it: no database, no listening")
    func malformedPort() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prongsai-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try TemporaryFile(contents: "", suffix: ".out")
        let errors = try TemporaryFile(contents: "", suffix: ".err")
        let process = Process()
        process.executableURL = Program.executable
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PRONGSAI_") }
        environment["PRONGSAI_WEBFORMS"] = Program.repositoryRoot.appendingPathComponent("WebForms").path
        environment["PRONGSAI_DB"] = folder.appendingPathComponent("db.sqlite").path
        environment["PRONGSAI_PORT"] = "80x0"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output.url)
        process.standardError = try FileHandle(forWritingTo: errors.url)
        try process.run()
        // A server that started would run until stopped: give the program 30 seconds to stop by itself.
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        let stoppedByItself = !process.isRunning
        if !stoppedByItself {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(stoppedByItself, "prongsai serve kept running with PRONGSAI_PORT=80x0")
        #expect(process.terminationReason == .exit && process.terminationStatus != 0)
        let message = try String(contentsOf: errors.url, encoding: .utf8)
        #expect(
            message.contains(#"PRONGSAI_PORT must be a port number from 1 to 65535, such as 8080 (got "80x0")"#),
            "\(message)")
        let printed = try String(contentsOf: output.url, encoding: .utf8)
        #expect(!(message + printed).contains("listening"), "\(message)\(printed)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "the database was created")
    }
}
