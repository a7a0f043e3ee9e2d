import Foundation

/// How a Prongsai server is started: where it listens, where its files are, how it is reached. The database is
/// opened by the caller and given to `buildApplication` beside this.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people type or scan: QR codes and posters point here.
    public var publicURL: String
    public var webFormsDirectory: URL
    /// A connection that sends nothing for this long is closed; a request body must arrive within it.
    public var idleTimeout: Duration = .seconds(15)
    /// Form submissions one client address may make per minute (kept in memory only, never written down).
    public var submissionsPerMinute = 120
    /// The peers whose `X-Forwarded-For` is believed: the reverse proxies in front of the server. Any other peer
    /// is the client itself.
    public var trustedProxies = AddressRange.loopback
    /// A bearer token that lets a metrics scraper read `/admin/metrics` without signing in.
    public var metricsToken: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: String = "http://localhost:8080",
        webFormsDirectory: URL
    ) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.webFormsDirectory = webFormsDirectory
    }
}
