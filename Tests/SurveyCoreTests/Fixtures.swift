import Foundation
import SurveyCore

/// The default instruments of the repository and ways to build answers for them.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let catalog = try! InstrumentCatalog(
        directory: repositoryRoot.appendingPathComponent("WebForms/instruments"))

    static let iit = catalog.instrument(.iit, year: 2570)!
    static let eit = catalog.instrument(.eit, year: 2570)!

    static func instrument(_ form: FormKind) -> Instrument {
        form == .iit ? iit : eit
    }

    /// A complete, valid submission where every field gets `answer(field)`.
    static func submission(
        _ form: FormKind, profile: [String: String] = [:], answer: (Field) -> String = Fixtures.best
    ) -> [String: String] {
        var values = ["gender": "female", "age": "31-40", "education": "bachelor"]
        if form == .eit { values["contact"] = "public" }
        values.merge(profile) { $1 }
        for field in instrument(form).fields {
            values[field.id] = answer(field)
        }
        return values
    }

    /// The answer code that earns full points on a field.
    static func best(_ field: Field) -> String {
        field.scale.best.code
    }

    /// The answer code that earns no points on a field.
    static func worst(_ field: Field) -> String {
        field.scale.worst.code
    }

    static func response(_ form: FormKind, day: Day = Day("2026-11-20")!, answer: (Field) -> String) -> Response {
        try! instrument(form).validate(submission(form, answer: answer), day: day).get()
    }
}

/// A small deterministic generator, so generated data is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
