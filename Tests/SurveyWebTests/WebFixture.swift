import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SurveyCore
import SurveyStore
import SurveyWeb
import Synchronization

/// A real server on 127.0.0.1 over a fresh SQLite file, with the agencies and rounds a test opens; its files go
/// when the fixture does.
final class WebFixture: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let webForms = repositoryRoot.appendingPathComponent("WebForms")
    static let catalog = try! InstrumentCatalog(directory: webForms.appendingPathComponent("instruments"))
    static let publicURL = "https://ita.example.go.th"
    /// The day every test server stands on, so that pages that depend on the day can be checked.
    static let today = Day(year: 2026, month: 11, day: 20)

    let folder: URL
    let database: AppDatabase
    let log = LogCapture()
    var databasePath: String { folder.appendingPathComponent("prongsai.sqlite").path }

    init(busyTimeout: Duration = AppDatabase.defaultBusyTimeout) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-web-\(UUID().uuidString)")
        database = try AppDatabase.open(
            path: folder.appendingPathComponent("prongsai.sqlite").path, busyTimeout: busyTimeout)
    }

    /// A server over a copy of the database file `copy` put where another fixture's database was, beside that
    /// database's count of acknowledged answers: an older backup restored in place, opened on `today`.
    init(restoring copy: String, over other: WebFixture) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("prongsai-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("prongsai.sqlite").path
        try FileManager.default.copyItem(atPath: copy, toPath: path)
        try FileManager.default.copyItem(atPath: other.databasePath + "-acknowledged", toPath: path + "-acknowledged")
        database = try AppDatabase.open(path: path, clock: .fixed(Self.today))
    }

    /// Adds an agency and, unless `opens` is nil, a round for it; `codes` turns on the IIT's access codes and
    /// `counterSlips` the EIT's.
    @discardableResult
    func agency(
        _ slug: String = "demo", name: String = "องค์การบริหารส่วนตำบลตัวอย่าง", opens: Day? = today, closes: Day? = nil,
        codes: Bool = false, counterSlips: Bool = false
    ) async throws -> Round? {
        let agency = try await database.addAgency(
            slug: slug, nameTh: name, nameEn: "Example SAO \(slug)", kind: .saoM, reservedSlugs: SiteURL.reservedSlugs,
            by: "test")
        guard let opens else { return nil }
        return try await database.openRound(
            RoundSettings(
                fiscalYear: opens.fiscalYear, opens: opens, closes: closes, kind: .saoM, iitPopulation: 40,
                iitCodes: codes, eitCodes: counterSlips),
            agency: agency, instruments: Self.instruments, by: "test")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `test` against the server on `day`, configured as `adjust` says: in process through the router, or
    /// `live` on a socket where the peer address or timing matters.
    func run<Value: Sendable>(
        _ mode: TestingSetup = .router, day: Day = today, clock: WallClock? = nil,
        adjust: (inout AppConfiguration) -> Void = { _ in },
        _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var configuration = AppConfiguration(
            host: "127.0.0.1", port: 0, publicURL: Self.publicURL,
            webFormsDirectory: Self.webForms)
        adjust(&configuration)
        let logHandler = log
        let app = try await buildApplication(
            configuration, database: database, clock: clock ?? .fixed(day),
            logger: Logger(label: "test") { _ in logHandler })
        return try await app.test(mode, test)
    }

    static let instruments = RoundInstruments(iit: instrument(.iit), eit: instrument(.eit))

    /// The instrument of a form.
    static func instrument(_ form: FormKind) -> Instrument {
        catalog.instrument(form, year: 2570)!
    }

    /// A complete, valid set of answers for a form, `pick` choosing each code.
    static func answers(_ form: FormKind, pick: ([String]) -> String = { $0.last! }) -> [String: String] {
        var values: [String: String] = [:]
        for dimension in form.profileDimensions { values[dimension.rawValue] = pick(dimension.codes) }
        for field in instrument(form).fields { values[field.id] = pick(field.scale.codes) }
        return values
    }
}

/// Collects every log line, to check what the server writes down.
final class LogCapture: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
    }

    var all: [String] { lines.withLock { $0 } }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }

    /// Posts urlencoded values as a browser does.
    func post(_ uri: String, _ values: [String: String], contentType: String = "application/x-www-form-urlencoded")
        async throws -> TestResponse
    {
        try await execute(
            uri: uri, method: .post, headers: [.contentType: contentType],
            body: ByteBuffer(string: FormEncoding.encode(values)))
    }

    /// Loads a form, fills in `values` and the form's own token, and posts it.
    func fillAndSubmit(_ path: String, _ values: [String: String]) async throws -> (
        form: TestResponse, response: TestResponse
    ) {
        let form = try await get(path)
        var values = values
        values["token"] = form.html.formToken
        if let code = form.html.hiddenValue("code") { values["code"] = code }
        return (form, try await post(path, values))
    }
}

/// urlencoding for test bodies.
enum FormEncoding {
    static func encode(_ values: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return values.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }
}

extension String {
    /// The value of the form's hidden token field.
    var formToken: String? { hiddenValue("token") }

    func hiddenValue(_ name: String) -> String? {
        firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\""))?.output[1].substring.map(String.init)
    }

    /// The radio values checked on the page, by field name.
    var checkedAnswers: [String: String] {
        var checked: [String: String] = [:]
        for match in matches(of: /name="([a-z0-9]+)" value="([^"]+)" checked/) {
            checked[String(match.output.1)] = String(match.output.2)
        }
        return checked
    }

    /// The names of the radio groups on the page.
    var radioNames: Set<String> {
        Set(matches(of: /type="radio" name="([a-z0-9]+)"/).map { String($0.output.1) })
    }
}
