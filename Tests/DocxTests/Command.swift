import Foundation

/// What a finished program printed and how it ended.
struct CommandResult {
    let status: Int32
    let output: String
    let errors: String
}

/// Runs the real programs the tests check the files with (python3, LibreOffice, poppler), each within a time limit.
enum Command {
    /// Runs `name` (looked up on PATH) with `arguments`, killing it when it outlives `timeout`.
    static func run(_ name: String, _ arguments: [String], timeout: Duration = .seconds(60)) throws -> CommandResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        // Files rather than pipes: a chatty program can never block on a full pipe while we wait for it.
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                process.waitUntilExit()
                throw TimedOut(command: name, timeout: timeout)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return CommandResult(
            status: process.terminationStatus, output: try String(contentsOf: outputFile, encoding: .utf8),
            errors: try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// Whether `name` is a program on PATH.
    static func exists(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// A program that ran past its time limit.
    struct TimedOut: Error, CustomStringConvertible {
        let command: String
        let timeout: Duration
        var description: String { "\(command) ran longer than \(timeout)" }
    }
}
