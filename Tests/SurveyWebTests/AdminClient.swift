import Foundation
import HummingbirdTesting
import NIOCore

/// A signed-in browser session against the live test server: keeps the session cookie and the CSRF token.
struct AdminClient: Sendable {
    let client: any TestClientProtocol
    let cookie: String

    /// Signs in through the login form; nil when the server refuses.
    static func login(_ client: any TestClientProtocol, _ username: String, _ password: String) async throws
        -> AdminClient?
    {
        let response = try await loginAttempt(client, username, password)
        guard response.status == .seeOther, let header = response.headers[.setCookie],
            let cookie = header.split(separator: ";").first
        else { return nil }
        return AdminClient(client: client, cookie: String(cookie))
    }

    /// Posts the login form as a browser would, with the form's CSRF token.
    static func loginAttempt(_ client: any TestClientProtocol, _ username: String, _ password: String) async throws
        -> TestResponse
    {
        let page = try await client.get("/admin/login")
        return try await client.post(
            "/admin/login", ["username": username, "password": password, "csrf": page.html.hiddenValue("csrf") ?? ""])
    }

    func get(_ path: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
    }

    /// Posts a form with the CSRF token of the page it came from, unless `csrf` says otherwise.
    func post(_ path: String, _ values: [String: String], csrf: String? = nil) async throws -> TestResponse {
        var values = values
        if let csrf {
            values["csrf"] = csrf
        } else if values["csrf"] == nil {
            values["csrf"] = try await token()
        }
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode(values)))
    }

    /// The CSRF token of this session, read from a page.
    func token() async throws -> String {
        try await get("/admin").html.hiddenValue("csrf") ?? ""
    }
}

extension WebFixture {
    static let password = "a long enough password"

    /// Adds an admin of one agency, or of all when `agency` is nil.
    func admin(_ username: String, agency: String?) async throws {
        var agencyId: Int64?
        if let agency { agencyId = try await database.agency(slug: agency)?.id }
        try await database.addAdmin(username: username, password: Self.password, agencyId: agencyId)
    }
}
