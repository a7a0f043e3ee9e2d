import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// Signing admins in and out.
struct AuthController: Sendable {
    let site: Site
    let throttle = LoginThrottle()

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.admin != nil { return HTML.redirect(to: "/admin") }
        return page(username: "", problem: nil, status: .ok)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let values = try await site.formValues(request, context: context)
        let username = (values["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard site.isValidLoginToken(values["csrf"] ?? "") else { return site.forbidden() }
        guard !throttle.isLocked(username) else {
            try await site.database.audit(username, "login refused: locked")
            return page(
                username: username,
                problem: LocalizedText(
                    th: "ใส่รหัสผ่านผิดหลายครั้ง บัญชีนี้ถูกพักไว้ 1 นาที กรุณารอแล้วลองใหม่",
                    en: "Too many wrong passwords: this account is locked for a minute. Please wait and try again."),
                status: .tooManyRequests)
        }
        guard let admin = try await site.database.verifyLogin(username: username, password: values["password"] ?? "")
        else {
            throttle.recordFailure(username)
            try await site.database.audit(username, "login failed")
            return page(
                username: username,
                problem: LocalizedText(
                    th: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", en: "The username or password is not right."),
                status: .unauthorized)
        }
        throttle.recordSuccess(username)
        let token = try await site.database.createSession(adminId: admin.id!)
        try await site.database.audit(admin.username, "login")
        var response = HTML.redirect(to: "/admin")
        response.headers[.setCookie] = AdminSession.cookie(token, secure: site.isSecure)
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let admin = context.admin, let token = context.sessionToken else {
            return HTML.redirect(to: "/admin/login")
        }
        _ = try await site.checkedAdminForm(request, context: context)
        try await site.database.endSession(token: token)
        try await site.database.audit(admin.username, "logout")
        var response = HTML.redirect(to: "/admin/login")
        response.headers[.setCookie] = AdminSession.expiredCookie(secure: site.isSecure)
        return response
    }

    private func page(username: String, problem: LocalizedText?, status: HTTPResponse.Status) -> Response {
        HTML.page(
            site.render(
                "admin-login",
                LoginView(
                    pageTitle: "เข้าสู่ระบบผู้ดูแล", username: username, csrf: site.loginToken(),
                    problem: problem.map { ProblemView(ValidationProblem(field: "password", message: $0)) })),
            status: status)
    }
}

/// The login page's view model.
struct LoginView: Sendable {
    let lang = "th"
    let pageTitle: String
    let username: String
    let csrf: String
    let problem: ProblemView?
}

/// A POST under /admin whose CSRF token is missing or wrong.
struct CSRFRefusal: Error {}

extension Site {
    var isSecure: Bool { publicURL.hasPrefix("https://") }

    /// A login-form token for today.
    func loginToken() -> String {
        AdminSession.loginToken(day: Day.today.description, key: tokens.key)
    }

    /// Whether a login-form token was issued today or yesterday by this server.
    func isValidLoginToken(_ token: String) -> Bool {
        [Day.today, Day.today.adding(days: -1)].contains {
            AdminSession.loginToken(day: $0.description, key: tokens.key) == token
        }
    }

    /// The urlencoded values of a POST body.
    func formValues(_ request: Request, context: AppRequestContext) async throws -> [String: String] {
        FormBody.parse(try await body(request, context: context))
    }

    /// A request body, at most `maxUploadSize` bytes (else `NIOTooManyBytesError`), arriving within the body
    /// deadline (else `BodyTimeout`), so that a slow sender cannot hold a request open.
    func body(_ request: Request, context: AppRequestContext) async throws -> ByteBuffer {
        try await bodyDeadlines.collect(request, upTo: context.maxUploadSize)
    }

    /// The values of an admin form whose CSRF token matches the session; throws `CSRFRefusal` otherwise.
    func checkedAdminForm(_ request: Request, context: AppRequestContext) async throws -> [String: String] {
        let values = try await formValues(request, context: context)
        guard let session = context.sessionToken,
            values["csrf"] == AdminSession.csrfToken(session: session, key: tokens.key)
        else { throw CSRFRefusal() }
        return values
    }

    /// The CSRF token to put in the signed-in admin's forms.
    func csrfToken(_ context: AppRequestContext) -> String {
        context.sessionToken.map { AdminSession.csrfToken(session: $0, key: tokens.key) } ?? ""
    }

    func forbidden() -> Response {
        messageResponse(
            MessagePage(
                heading: LocalizedText(th: "ไม่อนุญาต", en: "Not allowed"),
                text: LocalizedText(
                    th: "คำขอนี้ไม่ได้รับอนุญาต หากท่านกดส่งแบบฟอร์ม กรุณาโหลดหน้านั้นใหม่แล้วลองอีกครั้ง",
                    en: "This request is not allowed. If you sent a form, please reload that page and try again.")),
            status: .forbidden)
    }
}
