import Crypto
import Foundation
import Hummingbird
import SurveyStore
import Synchronization

/// Reads the admin session cookie on admin routes and puts the signed-in admin into the context.
struct AdminSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let token = request.cookies[AdminSession.cookieName]?.value, !token.isEmpty,
            let admin = try await site.database.sessionAdmin(token: token, idleLimit: AdminSession.idleLimit)
        {
            context.admin = admin
            context.sessionToken = token
        }
        var response = try await next(request, context)
        // Admin pages may hold data that no shared cache should keep.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Admin sessions: the cookie, idle expiry, CSRF tokens bound to the session, and the login throttle.
enum AdminSession {
    static let cookieName = "prongsai_admin"
    /// An idle session ends after this long.
    static let idleLimit: TimeInterval = 30 * 60

    /// The cookie that carries a new session: not readable by scripts, never sent from another site.
    static func cookie(_ token: String, secure: Bool) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func expiredCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The CSRF token of a session: a keyed hash of its token, so forms need no stored state.
    static func csrfToken(session: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("csrf|\(session)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// The CSRF token of the login form, which has no session yet: bound to the day it was issued.
    static func loginToken(day: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("login|\(day)".utf8), using: key)
        return day + "." + Data(mac).base64EncodedString()
    }
}

/// Counts failed logins per username in memory: the fifth failure within a minute locks the name for a minute.
final class LoginThrottle: Sendable {
    static let limit = 5
    static let window: TimeInterval = 60

    private struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    private let records = Mutex<[String: Record]>([:])

    /// Whether the username is locked now.
    func isLocked(_ username: String, now: Date = Date()) -> Bool {
        records.withLock { table in
            guard let until = table[username]?.lockedUntil else { return false }
            if until > now { return true }
            table[username] = nil
            return false
        }
    }

    func recordFailure(_ username: String, now: Date = Date()) {
        records.withLock { table in
            var record = table[username] ?? Record()
            record.failures = record.failures.filter { now.timeIntervalSince($0) < Self.window } + [now]
            if record.failures.count >= Self.limit {
                record.lockedUntil = now.addingTimeInterval(Self.window)
                record.failures = []
            }
            table[username] = record
        }
    }

    func recordSuccess(_ username: String) {
        records.withLock { $0[username] = nil }
    }
}
