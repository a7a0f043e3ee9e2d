import Crypto
import Foundation
import Hummingbird
import SurveyCore
import SurveyStore
import Synchronization

/// Reads the admin session cookie on admin routes and puts the signed-in admin into the context.
struct AdminSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    let key: SymmetricKey
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let token = request.cookies[AdminSession.cookieName]?.value, !token.isEmpty,
            let admin = try await database.sessionAdmin(token: token, idleLimit: AdminSession.idleLimit, now: clock.now)
        {
            context.signedIn = SignedIn(
                admin: admin, token: token, csrf: AdminSession.csrfToken(session: token, key: key))
        }
        var response = try await next(request, context)
        // Admin pages may hold data that no shared cache should keep.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The signed-in admin of a request, their session token and the CSRF token their forms carry.
struct SignedIn: Sendable {
    let admin: Admin
    let token: String
    let csrf: String

    /// The frame every admin page shares.
    var frame: AdminFrame {
        AdminFrame(adminName: admin.username, managesAll: admin.managesAll, csrf: csrf)
    }
}

/// The frame every admin page shares: who is signed in, the CSRF token of their forms, the console's links.
struct AdminFrame: Sendable {
    let adminName: String
    let managesAll: Bool
    let csrf: String
    let links = AdminLinks()
}

/// The links of the console's header.
struct AdminLinks: Sendable {
    let home = SiteURL.adminHome.path
    let admins = SiteURL.admins.path
    let audit = SiteURL.audit.path
    let logout = SiteURL.logout.path
}

/// Admin sessions: the cookie, idle expiry, CSRF tokens bound to the session.
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
    func isLocked(_ username: String, now: Date) -> Bool {
        records.withLock { table in
            guard let until = table[username]?.lockedUntil else { return false }
            if until > now { return true }
            table[username] = nil
            return false
        }
    }

    func recordFailure(_ username: String, now: Date) {
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
