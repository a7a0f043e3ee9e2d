import Crypto
import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// Reads the admin session cookie on admin routes and puts the signed-in admin into the context. The session's
/// idle time is written at most once every `AdminSession.touchInterval`, so most pages write nothing.
struct AdminSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    let key: SymmetricKey
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let now = clock.now
        if let token = request.cookies[AdminSession.cookieName]?.value, !token.isEmpty,
            let session = try await database.liveSession(token: token, idleLimit: AdminSession.idleLimit, now: now)
        {
            if now.timeIntervalSince(session.lastSeen) >= AdminSession.touchInterval {
                do {
                    try await database.touchSession(token: token, now: now)
                } catch StoreError.unavailable(let reason) {
                    // The session is still valid; a page that only reads opens, and the next page tries again.
                    context.logger.debug("session seen, idle time not written: \(reason)")
                }
            }
            context.signedIn = SignedIn(
                admin: session.admin, token: token, csrf: AdminSession.csrfToken(session: token, key: key))
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
    let password = SiteURL.ownPassword.path
    let logout = SiteURL.logout.path
}

/// Admin sessions: the cookie, idle expiry, CSRF tokens bound to the session.
enum AdminSession {
    static let cookieName = "prongsai_admin"
    /// An idle session ends after this long.
    static let idleLimit: TimeInterval = 30 * 60
    /// A session's idle time is written once it is this old: an idle session may end this much early.
    static let touchInterval: TimeInterval = 60

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

/// A browser an admin signed in with before, remembered by a cookie sent only to the sign-in form. Its sign-ins get
/// a throttle of their own (per browser), places in the password checks that a flood under other names cannot take,
/// and no address limit. It proves nothing by itself: the password is still checked. The cookie holds a random
/// browser id and a keyed hash binding it to the admin's account and password, so a password change or reset, or
/// the account made anew, forgets every browser.
enum KnownDevice {
    static let cookieName = "prongsai_device"
    /// A year: long enough to be there at the next round.
    static let lifetime = 365 * 24 * 3600

    /// The cookie that marks this browser as one the admin with `stamp` (`AppDatabase.credentialStamp`) signed in
    /// with, under a new browser id.
    static func cookie(stamp: String, key: SymmetricKey, secure: Bool) -> String {
        let browser = RandomBytes.hex(RandomBytes.make(16))
        return
            "\(cookieName)=\(browser).\(signature(stamp: stamp, browser: browser, key: key)); Path=\(SiteURL.login.path);"
            + " Max-Age=\(lifetime); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The browser id of the request's cookie when it was given to the admin with `stamp`; nil for no cookie, a
    /// forged one, or one of another admin or an older password.
    static func browser(_ request: Request, stamp: String, key: SymmetricKey) -> String? {
        guard let sent = request.cookies[cookieName]?.value else { return nil }
        let parts = sent.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0].count == 32,
            signature(stamp: stamp, browser: parts[0], key: key).equalsInConstantTime(parts[1])
        else { return nil }
        return parts[0]
    }

    /// The throttle's name for sign-ins of `username` from one remembered browser, apart from everyone else's.
    static func throttleName(_ username: String, browser: String) -> String { username + "\u{0}" + browser }

    private static func signature(stamp: String, browser: String, key: SymmetricKey) -> String {
        RandomBytes.hex(HMAC<SHA256>.authenticationCode(for: Data("known device|\(stamp)|\(browser)".utf8), using: key))
    }
}
