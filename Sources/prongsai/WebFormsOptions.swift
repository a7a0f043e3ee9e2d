import ArgumentParser
import Foundation
import SurveyCore

/// Where the instruments, templates and static files live.
struct WebFormsOptions: ParsableArguments {
    @Option(
        name: .customLong("webforms"),
        help: "The WebForms folder (default: $PRONGSAI_WEBFORMS, ./WebForms, or the one beside the program).")
    var path: String?

    /// The folder: the option, the environment, the working folder, or the nearest one above the program.
    func directory(_ settings: Settings = .process) throws -> URL {
        if case .given(let folder, let source) = try settings.webForms(option: path) {
            var isFolder: ObjCBool = false
            let instruments = folder.appendingPathComponent("instruments").path
            guard FileManager.default.fileExists(atPath: instruments, isDirectory: &isFolder), isFolder.boolValue else {
                throw SettingError(
                    "\(source) must be a WebForms folder, one holding instruments/, templates/ and static/ "
                        + "(got \(String(reflecting: folder.path)), which has no instruments/)")
            }
            return folder
        }
        let candidates =
            [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
            + sequence(first: URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()) {
                $0.path == "/" ? nil : $0.deletingLastPathComponent()
            }
        for base in candidates {
            let folder = base.appendingPathComponent("WebForms")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("instruments").path) {
                return folder
            }
        }
        throw ValidationError("WebForms folder not found; give it with --webforms or PRONGSAI_WEBFORMS")
    }

    /// Loads every instrument, turning a broken file into a readable error.
    func catalog(_ settings: Settings = .process) throws -> InstrumentCatalog {
        try Self.catalog(in: directory(settings))
    }

    /// Loads every instrument of the WebForms folder `directory`, turning a broken file into a readable error.
    static func catalog(in directory: URL) throws -> InstrumentCatalog {
        do {
            return try InstrumentCatalog(directory: directory.appendingPathComponent("instruments"))
        } catch let error as InstrumentError {
            throw ValidationError("instrument refused: \(error)")
        }
    }
}
