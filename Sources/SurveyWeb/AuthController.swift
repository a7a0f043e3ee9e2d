import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SurveyCore
import SurveyStore

/// Signing admins in and out.
struct AuthController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    /// Keys the login form's CSRF token.
    let key: SymmetricKey
    let clock: WallClock
    /// Whether cookies carry `Secure` (the public address is https).
    let secureCookies: Bool
    /// Shared with the own-password page, whose current-password checks count against the same name.
    let throttle: LoginThrottle
    /// Which failed and refused logins get a row of their own in the audit log.
    let loginAudit: LoginAudit
    /// Sign-ins allowed per client address and minute, whatever the names.
    let addressLimiter: AddressLimiter
    let trustedProxies: [AddressRange]

    /// Enough for an office of admins behind one address mistyping a few times; far below a flood.
    static let signInsPerAddressPerMinute = 20

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(Route.login.pattern, use: loginPage)
        router.post(Route.login.pattern, use: login)
    }

    func addSignedInRoutes(to router: RouterGroup<AdminContext>) {
        router.post(Route.logout.pattern, use: logout)
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.signedIn != nil { return HTML.redirect(to: SiteURL.adminHome.path) }
        return page(username: "", problem: nil, status: .ok)
    }

    /// Checks a password only when the name could be an account and the throttle gives the attempt a place; the
    /// audit log gets what `loginAudit` lets through of the failures. A browser the admin signed in with before
    /// (`KnownDevice`) is not held back by floods: it has its own throttle, its own places and no address limit.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = LoginForm(try await bodies.values(request))
        guard isValidLoginToken(form.csrf) else { throw PageError.forbidden }
        let now = clock.now
        let typed = String(form.username.prefix(Admin.usernameLengths.upperBound))
        let browser = try await knownBrowser(request, username: form.username)
        let knownDevice = browser != nil
        let client = ClientAddress.of(request, context, trusted: trustedProxies)
        guard knownDevice || addressLimiter.allow(client, now: now) else {
            // Summed with the minute's failures, never a row each: a flood is what this refuses.
            try await auditAttempt(AuditEntry(form.username, .loginFailed, at: now), countOnly: true)
            var refused = page(username: typed, problem: Self.tooManyFromAddress, status: .tooManyRequests)
            refused.headers[.retryAfter] = "60"
            return refused
        }
        // No account has a name of another shape, so there is no password to check.
        guard Admin.isValidUsername(form.username) else {
            try await auditAttempt(AuditEntry(form.username, .loginFailed, at: now), countOnly: false)
            return page(username: typed, problem: Self.wrongPassword, status: .unauthorized)
        }
        guard database.passwordChecks.hasRoom(knownDevice: knownDevice) else { return busyPage(username: typed) }
        // Someone locking the name by guessing does not lock out the browser its admin signed in with before.
        let throttleName = browser.map { KnownDevice.throttleName(form.username, browser: $0) } ?? form.username
        if case .locked(let first) = throttle.admit(throttleName, now: now) {
            try await auditAttempt(AuditEntry(form.username, .loginRefusedLocked, at: now), countOnly: !first)
            return page(username: typed, problem: LoginThrottle.lockedMessage, status: .tooManyRequests)
        }
        let admin: Admin?
        do {
            admin = try await database.verifyLogin(
                username: form.username, password: form.password, knownDevice: knownDevice)
        } catch is PasswordChecks.Busy {
            return busyPage(username: typed)
        }
        guard let admin else {
            try await auditAttempt(AuditEntry(form.username, .loginFailed, at: now), countOnly: false)
            return page(username: typed, problem: Self.wrongPassword, status: .unauthorized)
        }
        throttle.succeeded(throttleName)
        let disabledPage = page(
            username: typed,
            problem: LocalizedText(
                th: "บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลทุกหน่วยงานเพื่อเปิดใช้อีกครั้ง",
                en: "This account is disabled. Please ask an admin of every agency to enable it."),
            status: .forbidden)
        guard !admin.disabled else {
            try await database.audit(AuditEntry(admin.username, .loginFailed, detail: "disabled", at: now))
            return disabledPage
        }
        let token: String
        do {
            token = try await database.createSession(adminId: admin.id, idleLimit: AdminSession.idleLimit, now: now)
        } catch StoreError.unknownUsername {
            // Disabled between the password check and the session.
            return disabledPage
        }
        try await database.audit(AuditEntry(admin.username, .login, at: now))
        var response = HTML.redirect(to: SiteURL.adminHome.path)
        response.headers[.setCookie] = AdminSession.cookie(token, secure: secureCookies)
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: KnownDevice.cookie(stamp: admin.credentialStamp, key: key, secure: secureCookies)))
        return response
    }

    /// The id of the remembered browser the request comes from, when it was remembered for this account and
    /// password; the account is read only when the request carries such a cookie.
    private func knownBrowser(_ request: Request, username: String) async throws -> String? {
        guard request.cookies[KnownDevice.cookieName] != nil, Admin.isValidUsername(username),
            let stamp = try await database.credentialStamp(username: username)
        else { return nil }
        return KnownDevice.browser(request, stamp: stamp, key: key)
    }

    /// The login form again with 503: more password checks are waiting than a second holds.
    private func busyPage(username: String) -> Response {
        var busy = page(
            username: username,
            problem: LocalizedText(
                th: "ขณะนี้มีผู้เข้าสู่ระบบพร้อมกันจำนวนมาก กรุณารอสักครู่แล้วลองใหม่",
                en: "Too many sign-ins are being checked just now. Please wait a moment and try again."),
            status: .serviceUnavailable)
        busy.headers[.retryAfter] = "5"
        return busy
    }

    private static let tooManyFromAddress = LocalizedText(
        th: "มีการพยายามเข้าสู่ระบบจากเครื่องนี้หลายครั้งเกินไป กรุณารอหนึ่งนาทีแล้วลองใหม่",
        en: "Too many sign-ins have come from this machine. Please wait a minute and try again.")

    private static let wrongPassword = LocalizedText(
        th: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", en: "The username or password is not right.")

    /// Writes the rows `loginAudit` gives for an attempt by someone not signed in.
    private func auditAttempt(_ entry: AuditEntry, countOnly: Bool) async throws {
        try await database.audit(loginAudit.rows(for: entry, countOnly: countOnly))
    }

    @Sendable func logout(_ request: Request, context: AdminContext) async throws -> Response {
        _ = try await bodies.checked(request, context.signedIn)
        try await database.endSession(token: context.signedIn.token)
        try await database.audit(AuditEntry(context.admin.username, .logout, at: clock.now))
        var response = HTML.redirect(to: SiteURL.login.path)
        response.headers[.setCookie] = AdminSession.expiredCookie(secure: secureCookies)
        return response
    }

    /// Whether a login-form token was issued today or yesterday by this server.
    private func isValidLoginToken(_ token: String) -> Bool {
        let today = clock.today
        return [today, today.adding(days: -1)].contains {
            AdminSession.loginToken(day: $0.description, key: key) == token
        }
    }

    private func page(username: String, problem: LocalizedText?, status: HTTPResponse.Status) -> Response {
        HTML.page(
            pages.render(
                .adminLogin,
                LoginView(
                    pageTitle: "เข้าสู่ระบบผู้ดูแล", username: username,
                    csrf: AdminSession.loginToken(day: clock.today.description, key: key),
                    problem: problem.map { ProblemView(ValidationProblem(field: "password", message: $0)) })),
            status: status)
    }
}

/// The login page's view model.
struct LoginView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let username: String
    let csrf: String
    let problem: ProblemView?
    let action = SiteURL.login.path
}
