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
        for form in FormKind.allCases where !instruments.contains(where: { $0.form == form && !$0.isExample }) {
            throw InstrumentError(
                file: directory.path, place: nil, problem: "no \(form.rawValue) instrument that is not an example")
        }
        var seen = Set<String>()
        for instrument in instruments where !seen.insert("\(instrument.form.rawValue) \(instrument.version)").inserted {
            throw InstrumentError(
                file: directory.path, place: nil,
                problem: "two files declare \(instrument.form.rawValue) version \"\(instrument.version)\"")
        }
        self.init(instruments: instruments)
    }

    /// The version in force for a fiscal year: the newest that starts on or before it, else the oldest; examples are
    /// never chosen this way.
    public func instrument(_ form: FormKind, year: Int) -> Instrument? {
        let candidates = instruments.filter { $0.form == form && !$0.isExample }
        return candidates.last { $0.fromYear <= year } ?? candidates.first
    }

    /// A specific version, as a round records it.
    public func instrument(_ form: FormKind, version: String) -> Instrument? {
        instruments.first { $0.form == form && $0.version == version }
    }

    /// The sets a round may pick: every version that has both an IIT and an EIT file, official ones first.
    public var sets: [InstrumentSet] {
        let versions = instruments.filter { $0.form == .iit }.map(\.version)
        return versions.compactMap { version in
            guard let iit = instrument(.iit, version: version), let eit = instrument(.eit, version: version) else {
                return nil
            }
            return InstrumentSet(iit: iit, eit: eit)
        }
        .sorted {
            ($0.isExample ? 1 : 0, $0.iit.fromYear, $0.version) < ($1.isExample ? 1 : 0, $1.iit.fromYear, $1.version)
        }
    }

    /// The set of a version, when both forms have it.
    public func set(_ version: String) -> InstrumentSet? {
        sets.first { $0.version == version }
    }
}

/// An IIT and an EIT file that share one version, picked together for a round.
public struct InstrumentSet: Sendable, Hashable {
    public let iit: Instrument
    public let eit: Instrument

    public var version: String { iit.version }
    /// An example structure when either file says so.
    public var isExample: Bool { iit.isExample || eit.isExample }

    public func instrument(_ form: FormKind) -> Instrument {
        form == .iit ? iit : eit
    }
}
