import Foundation

/// Every instrument found in a folder of data files, chosen per form and fiscal year.
public struct InstrumentCatalog: Sendable {
    public let instruments: [Instrument]

    public init(instruments: [Instrument]) {
        self.instruments = instruments.sorted { ($0.form, $0.fromYear) < ($1.form, $1.fromYear) }
    }

    /// Loads every `*.json` in the folder; the first broken file stops the load with its error.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw InstrumentError(file: directory.path, place: nil, problem: "folder cannot be read")
        }
        let instruments = try names.filter { $0.hasSuffix(".json") }.sorted().map {
            try Instrument(contentsOf: directory.appendingPathComponent($0))
        }
        for form in FormKind.allCases where !instruments.contains(where: { $0.form == form }) {
            throw InstrumentError(file: directory.path, place: nil, problem: "no \(form.rawValue) instrument")
        }
        self.init(instruments: instruments)
    }

    /// The version in force for a fiscal year: the newest that starts on or before it, else the oldest.
    public func instrument(_ form: FormKind, year: Int) -> Instrument? {
        let candidates = instruments.filter { $0.form == form }
        return candidates.last { $0.fromYear <= year } ?? candidates.first
    }

    /// A specific version, as a round records it.
    public func instrument(_ form: FormKind, version: String) -> Instrument? {
        instruments.first { $0.form == form && $0.version == version }
    }
}
