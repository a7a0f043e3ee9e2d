import Foundation
import GRDB
import SurveyCore
import SurveyStore

/// A fresh database file in a temporary folder, with the repository's instruments at hand.
struct StoreFixture {
    let folder: URL
    let path: String
    let database: AppDatabase

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = try! InstrumentCatalog(
        directory: repositoryRoot.appendingPathComponent("WebForms/instruments"))
    static let instruments = RoundInstruments(
        iit: catalog.instrument(.iit, version: "2568.1")!, eit: catalog.instrument(.eit, version: "2568.1")!)
    /// The day the tests stand on.
    static let today = Day(year: 2026, month: 11, day: 20)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-store-\(UUID().uuidString)")
        path = folder.appendingPathComponent("nested/prongsai.sqlite").path
        database = try AppDatabase.open(path: path)
    }

    /// A second, independent connection to the same file, for looking at what is really stored.
    func inspect<T>(_ read: (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: path).read(read)
    }

    /// An agency with an open round starting `today`, prepared as the server prepares it.
    func openRound(slug: String = "demo", codes: Bool = false, opens: Day = today, closes: Day? = nil) async throws
        -> Round
    {
        let agency = try await database.addAgency(
            slug: slug, nameTh: "อบต.\(slug)", nameEn: slug, kind: .saoM, reservedSlugs: [], by: "test")
        return try await database.openRound(
            RoundSettings(
                fiscalYear: opens.fiscalYear, opens: opens, closes: closes, kind: .saoM, iitPopulation: 40,
                iitCodes: codes),
            agency: agency, instruments: Self.instruments, by: "test")
    }

    /// A random complete response of a form.
    static func randomResponse(_ form: FormKind, using generator: inout some RandomNumberGenerator) -> Response {
        let instrument = catalog.instrument(form, year: 2570)!
        var values: [String: String] = [:]
        for dimension in form.profileDimensions {
            values[dimension.rawValue] = dimension.codes.randomElement(using: &generator)!
        }
        for field in instrument.fields { values[field.id] = field.scale.codes.randomElement(using: &generator)! }
        let day = Day(year: 2026, month: 11, day: Int.random(in: 1...20, using: &generator))
        return try! instrument.validate(values, day: day).get()
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A fresh one-time nonce, as a form token or ballot carries, issued on `day`.
func randomToken(day: Day = StoreFixture.today) -> OneTimeNonce {
    OneTimeNonce(nonce: Data((0..<16).map { _ in UInt8.random(in: 0...255) }), day: day)
}
