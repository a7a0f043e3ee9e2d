import Foundation
import Logging
import SurveyStore
import Testing

@testable import prongsai

@Suite("Settings come from the options, then the PRONGSAI_* variables, then the defaults, and are parsed strictly")
struct SettingsTests {
    /// The message of the error `work` throws, or nil when it throws none.
    static func refusal<T>(_ work: () throws -> T) -> String? {
        do {
            _ = try work()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("with nothing set, every setting has its default")
    func defaults() throws {
        let settings = Settings(environment: [:])
        let server = try settings.server()
        #expect(server.host == "127.0.0.1")
        #expect(server.port == 8080)
        #expect(server.publicURL == "http://localhost:8080")
        #expect(server.idleTimeout == .seconds(15))
        #expect(server.submissionsPerMinute == 120)
        #expect(server.trustedProxies.map(\.description) == ["127.0.0.0/8", "0:0:0:0:0:0:0:1"])
        #expect(server.metricsToken == nil)
        #expect(server.logLevel == .info)
        let store = try settings.store(database: nil)
        #expect(store.path == "data/prongsai.sqlite")
        #expect(store.busyTimeout == .seconds(5))
        #expect(store.busyTimeout == AppDatabase.defaultBusyTimeout)
        #expect(try settings.webForms(option: nil) == .search)
    }

    @Test("well-formed variables are taken")
    func variables() throws {
        let settings = Settings(environment: [
            "PRONGSAI_HOST": "0.0.0.0", "PRONGSAI_PORT": "9090", "PRONGSAI_PUBLIC_URL": "https://ita.example.go.th/",
            "PRONGSAI_IDLE_TIMEOUT": "0.25", "PRONGSAI_BUSY_TIMEOUT": "12.5", "PRONGSAI_SUBMISSIONS_PER_MINUTE": "30",
            "PRONGSAI_TRUSTED_PROXIES": "10.0.0.0/8, ::1", "PRONGSAI_METRICS_TOKEN": "scrape-me",
            "PRONGSAI_LOG_LEVEL": "warning",
            "PRONGSAI_DB": "/var/lib/prongsai/db.sqlite", "PRONGSAI_WEBFORMS": "/srv/WebForms",
        ])
        let server = try settings.server()
        #expect(server.host == "0.0.0.0")
        #expect(server.port == 9090)
        #expect(server.publicURL == "https://ita.example.go.th")
        #expect(server.idleTimeout == .milliseconds(250))
        #expect(server.submissionsPerMinute == 30)
        #expect(server.trustedProxies.map(\.description) == ["10.0.0.0/8", "0:0:0:0:0:0:0:1"])
        #expect(server.metricsToken == "scrape-me")
        #expect(server.logLevel == .warning)
        let store = try settings.store(database: nil)
        #expect(store == Settings.Store(path: "/var/lib/prongsai/db.sqlite", busyTimeout: .milliseconds(12_500)))
        #expect(
            try settings.webForms(option: nil)
                == .given(URL(fileURLWithPath: "/srv/WebForms"), source: "PRONGSAI_WEBFORMS"))
        #expect(try Settings(environment: ["PRONGSAI_TRUSTED_PROXIES": "none"]).server().trustedProxies.isEmpty)
        #expect(
            try Settings(environment: ["PRONGSAI_PUBLIC_URL": "http://10.0.0.5:8080/"]).server().publicURL
                == "http://10.0.0.5:8080")
        #expect(try Settings(environment: ["PRONGSAI_PORT": "1"]).server().port == 1)
        #expect(try Settings(environment: ["PRONGSAI_PORT": "65535"]).server().port == 65535)
        #expect(try Settings(environment: ["PRONGSAI_IDLE_TIMEOUT": "3600"]).server().idleTimeout == .seconds(3600))
        #expect(try Settings(environment: ["PRONGSAI_IDLE_TIMEOUT": "0.001"]).server().idleTimeout == .milliseconds(1))
    }

    @Test("an option wins over its variable, and a malformed variable behind an option is not read")
    func optionsWin() throws {
        let settings = Settings(environment: [
            "PRONGSAI_HOST": "0.0.0.0", "PRONGSAI_PORT": "9090", "PRONGSAI_PUBLIC_URL": "https://ita.example.go.th",
            "PRONGSAI_DB": "env.sqlite", "PRONGSAI_WEBFORMS": "/env/WebForms",
        ])
        let server = try settings.server(host: "::1", port: "8443", publicURL: "http://[::1]:8443/")
        #expect(server.host == "::1")
        #expect(server.port == 8443)
        #expect(server.publicURL == "http://[::1]:8443")
        #expect(try settings.store(database: "option.sqlite").path == "option.sqlite")
        #expect(
            try settings.webForms(option: "/option/WebForms")
                == .given(URL(fileURLWithPath: "/option/WebForms"), source: "--webforms"))
        let broken = Settings(environment: ["PRONGSAI_PORT": "80x0", "PRONGSAI_HOST": "", "PRONGSAI_DB": ""])
        #expect(try broken.server(host: "127.0.0.1", port: "8081").port == 8081)
        #expect(try broken.store(database: "option.sqlite").path == "option.sqlite")
    }

    /// Each malformed value with the start of the message it must give.
    static let malformed: [(variable: String, value: String, message: String)] = [
        ("PRONGSAI_PORT", "80x0", #"PRONGSAI_PORT must be a port number from 1 to 65535, such as 8080 (got "80x0")"#),
        ("PRONGSAI_PORT", "0", "PRONGSAI_PORT must be a port number from 1 to 65535"),
        ("PRONGSAI_PORT", "65536", "PRONGSAI_PORT must be a port number from 1 to 65535"),
        ("PRONGSAI_PORT", "-1", "PRONGSAI_PORT must be a port number"),
        ("PRONGSAI_PORT", "+80", "PRONGSAI_PORT must be a port number"),
        ("PRONGSAI_PORT", " 8080", "PRONGSAI_PORT must be a port number"),
        ("PRONGSAI_PORT", "", "PRONGSAI_PORT must be a port number"),
        ("PRONGSAI_PORT", "99999999999999999999999", "PRONGSAI_PORT must be a port number"),
        ("PRONGSAI_HOST", "", #"PRONGSAI_HOST must be an address or host name to listen on"#),
        ("PRONGSAI_HOST", "local host", "PRONGSAI_HOST must be an address or host name"),
        ("PRONGSAI_PUBLIC_URL", "localhost:8080", "PRONGSAI_PUBLIC_URL must be an http:// or https:// address"),
        ("PRONGSAI_PUBLIC_URL", "ftp://ita.example.go.th", "PRONGSAI_PUBLIC_URL must be an http:// or https://"),
        ("PRONGSAI_PUBLIC_URL", "https://", "PRONGSAI_PUBLIC_URL must be an http:// or https://"),
        ("PRONGSAI_PUBLIC_URL", "https:ita.example.go.th", "PRONGSAI_PUBLIC_URL must be an http:// or https://"),
        ("PRONGSAI_PUBLIC_URL", "HTTPS://ita.example.go.th", "PRONGSAI_PUBLIC_URL must be an http:// or https://"),
        ("PRONGSAI_PUBLIC_URL", "https://ita.example.go.th/?a=1", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "https://ita example", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "https://ita.example.go.th/#top", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "http://x//", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "https://ita.example.go.th/prongsai", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "https://admin@ita.example.go.th", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_PUBLIC_URL", "https://ita.example.go.th:port", "PRONGSAI_PUBLIC_URL must be an http://"),
        ("PRONGSAI_IDLE_TIMEOUT", "0", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds above 0 and at most 3600"),
        ("PRONGSAI_IDLE_TIMEOUT", "0.0", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "-5", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "15s", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "1e3", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "inf", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", ".5", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "5.", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "0.0001", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "3600.5", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_IDLE_TIMEOUT", "", "PRONGSAI_IDLE_TIMEOUT must be a number of seconds"),
        ("PRONGSAI_BUSY_TIMEOUT", "0", "PRONGSAI_BUSY_TIMEOUT must be a number of seconds above 0 and at most 3600"),
        ("PRONGSAI_BUSY_TIMEOUT", "five", #"PRONGSAI_BUSY_TIMEOUT must be a number of seconds"#),
        ("PRONGSAI_SUBMISSIONS_PER_MINUTE", "0", "PRONGSAI_SUBMISSIONS_PER_MINUTE must be a whole number from 1 to"),
        ("PRONGSAI_SUBMISSIONS_PER_MINUTE", "12.5", "PRONGSAI_SUBMISSIONS_PER_MINUTE must be a whole number"),
        ("PRONGSAI_SUBMISSIONS_PER_MINUTE", "-3", "PRONGSAI_SUBMISSIONS_PER_MINUTE must be a whole number"),
        ("PRONGSAI_SUBMISSIONS_PER_MINUTE", "lots", "PRONGSAI_SUBMISSIONS_PER_MINUTE must be a whole number"),
        ("PRONGSAI_TRUSTED_PROXIES", "proxy.local", "PRONGSAI_TRUSTED_PROXIES must be addresses or blocks"),
        ("PRONGSAI_TRUSTED_PROXIES", "10.0.0.0/33", "PRONGSAI_TRUSTED_PROXIES must be addresses or blocks"),
        ("PRONGSAI_TRUSTED_PROXIES", "127.0.0.1,", "PRONGSAI_TRUSTED_PROXIES must be addresses or blocks"),
        ("PRONGSAI_TRUSTED_PROXIES", "", "PRONGSAI_TRUSTED_PROXIES must be addresses or blocks"),
        ("PRONGSAI_LOG_LEVEL", "verbose", "PRONGSAI_LOG_LEVEL must be one of trace, debug, info, notice, warning"),
        ("PRONGSAI_LOG_LEVEL", "INFO", "PRONGSAI_LOG_LEVEL must be one of"),
        ("PRONGSAI_LOG_LEVEL", "", "PRONGSAI_LOG_LEVEL must be one of"),
        ("PRONGSAI_METRICS_TOKEN", "", "PRONGSAI_METRICS_TOKEN must be a token of visible characters without spaces"),
        ("PRONGSAI_METRICS_TOKEN", "two words", "PRONGSAI_METRICS_TOKEN must be a token"),
        ("PRONGSAI_DB", "", #"PRONGSAI_DB must be a file path, such as data/prongsai.sqlite (got "")"#),
        ("PRONGSAI_WEBFORMS", "", #"PRONGSAI_WEBFORMS must be a folder path, such as ./WebForms (got "")"#),
    ]

    @Test("each malformed variable is refused with a message naming it, the form expected and what was given")
    func refusals() {
        for (variable, value, message) in Self.malformed {
            let settings = Settings(environment: [variable: value])
            let refused = Self.refusal {
                _ = try settings.server()
                _ = try settings.store(database: nil)
                _ = try settings.webForms(option: nil)
            }
            #expect(refused?.hasPrefix(message) == true, "\(variable)=\(value): \(refused ?? "taken")")
            if variable != "PRONGSAI_METRICS_TOKEN" {
                #expect(refused?.hasSuffix("(got \(String(reflecting: value)))") == true, "\(refused ?? "taken")")
            }
        }
    }

    @Test("a malformed option is refused with a message naming the option")
    func optionRefusals() {
        let settings = Settings(environment: [:])
        #expect(
            Self.refusal { try settings.server(port: "70000") }
                == #"--port must be a port number from 1 to 65535, such as 8080 (got "70000")"#)
        #expect(Self.refusal { try settings.server(host: "") }?.hasPrefix("--host must be an address") == true)
        #expect(
            Self.refusal { try settings.server(publicURL: "ita.example.go.th") }?.hasPrefix(
                "--public-url must be an http:// or https:// address") == true)
        #expect(Self.refusal { try settings.store(database: "") }?.hasPrefix("--db must be a file path") == true)
        #expect(Self.refusal { try settings.webForms(option: "") }?.hasPrefix("--webforms must be a folder") == true)
    }

    @Test("the metrics token is not repeated in its refusal")
    func secretNotRepeated() {
        let refused = Self.refusal { try Settings(environment: ["PRONGSAI_METRICS_TOKEN": "my secret"]).server() }
        #expect(refused?.contains("secret") == false)
        #expect(refused?.hasSuffix("(got a value of 9 characters)") == true)
    }

    @Test("a command reads only the settings it uses")
    func onlyWhatIsUsed() throws {
        let settings = Settings(environment: ["PRONGSAI_PORT": "80x0", "PRONGSAI_LOG_LEVEL": "loud"])
        #expect(try settings.store(database: nil).path == "data/prongsai.sqlite")
        #expect(Self.refusal { try settings.server() } != nil)
    }

    @Test("the process's settings keep only the PRONGSAI_* variables")
    func processSettings() {
        #expect(Settings.process.environment.keys.allSatisfy { $0.hasPrefix("PRONGSAI_") })
    }
}
