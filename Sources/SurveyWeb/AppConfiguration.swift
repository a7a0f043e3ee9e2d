import Foundation

/// How a Prongsai server is started: where it listens, where its data and files are, how it is reached.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var databasePath: String
    /// The address people type or scan, without a trailing slash: QR codes and posters point here.
    public var publicURL: String
    public var webFormsDirectory: URL

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "data/prongsai.sqlite",
        publicURL: String = "http://localhost:8080", webFormsDirectory: URL
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.webFormsDirectory = webFormsDirectory
    }
}
