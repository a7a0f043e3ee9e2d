import Foundation

/// Runs the built `prongsai` executable as a user would.
enum Program {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable SwiftPM built beside the tests.
    static let executable: URL = {
        let beside = Bundle.main.bundleURL.appendingPathComponent("prongsai")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/prongsai")
    }()

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the program to the end with the repository's WebForms and returns what it printed.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Outcome
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["PRONGSAI_WEBFORMS"] = repositoryRoot.appendingPathComponent("WebForms").path
        merged.merge(environment) { $1 }
        process.environment = merged
        let output = Pipe()
        // Errors go to a file so that neither stream can fill a pipe and stall the program.
        let errors = try TemporaryFile(contents: "", suffix: ".err")
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors.url)
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: try String(contentsOf: errors.url, encoding: .utf8))
    }
}

/// A file in the temporary folder, removed when the value goes away.
final class TemporaryFile {
    let url: URL
    var path: String { url.path }

    init(contents: String, suffix: String = ".csv") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-\(UUID().uuidString)\(suffix)")
        try Data(contents.utf8).write(to: url)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
