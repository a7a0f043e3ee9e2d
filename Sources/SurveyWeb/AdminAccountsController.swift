import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// The admins' accounts: the list and the forms that add, disable, enable and reset them (for an admin of every
/// agency), and the page where any signed-in admin changes their own password.
struct AdminAccountsController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let clock: WallClock
    /// Whether cookies carry `Secure` (the public address is https).
    let secureCookies: Bool
    /// Sign-in's throttle: a current password typed here counts against the name as a sign-in would.
    let throttle: LoginThrottle
    /// Which wrong current passwords get a row of their own in the audit log, as failed sign-ins do.
    let loginAudit: LoginAudit

    func addRoutes(signedIn: RouterGroup<AdminContext>, everyAgency: RouterGroup<AdminContext>) {
        everyAgency.get(Route.admins.pattern, use: admins)
        everyAgency.post(Route.admins.pattern, use: addAdmin)
        everyAgency.post(Route.adminDisabling.pattern, use: disable)
        everyAgency.post(Route.adminEnabling.pattern, use: enable)
        everyAgency.post(Route.passwordReset.pattern, use: resetPassword)
        signedIn.get(Route.ownPassword.pattern, use: ownPasswordPage)
        signedIn.post(Route.ownPassword.pattern, use: changeOwnPassword)
    }

    @Sendable func admins(_ request: Request, context: AdminContext) async throws -> Response {
        try await adminsPage(context, form: nil, notice: nil, problems: [], status: .ok)
    }

    private func adminsPage(
        _ context: AdminContext, form: AdminForm?, notice: AdminsView.Notice?, problems: [ValidationProblem],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let agencies = try await database.agencies(includingArchived: true)
        let view = AdminsView(
            frame: context.signedIn.frame, admins: try await database.admins(), agencies: agencies,
            signedIn: context.admin, form: form, notice: notice, problems: problems)
        return HTML.page(pages.render(.adminAdmins, view), status: status)
    }

    @Sendable func addAdmin(_ request: Request, context: AdminContext) async throws -> Response {
        let form = AdminForm(try await bodies.checked(request, context.signedIn))
        var agency: Agency?
        if !form.managesAll {
            agency = try await database.agency(slug: form.agency)
            guard agency != nil else {
                let problem = ValidationProblem(
                    field: "agency", message: LocalizedText(th: "กรุณาเลือกหน่วยงาน", en: "Please choose an agency."))
                return try await adminsPage(
                    context, form: form, notice: nil, problems: [problem], status: .unprocessableContent)
            }
        }
        let password = PasswordPolicy.generate()
        do {
            try await database.addAdmin(
                username: form.username, password: password, agencyId: agency?.id,
                audit: AuditEntry(
                    context.admin.username, .adminAdded, agency: agency?.slug, detail: form.username, at: clock.now))
        } catch let error as StoreError {
            let problem = ValidationProblem(field: "username", message: error.message)
            return try await adminsPage(
                context, form: form, notice: nil, problems: [problem], status: .unprocessableContent)
        }
        return try await adminsPage(
            context, form: nil,
            notice: .init(
                text: "เพิ่มผู้ดูแล \(form.username) แล้ว รหัสผ่านแสดงครั้งเดียว กรุณาส่งให้เจ้าของบัญชีโดยตรง:",
                password: password),
            problems: [], status: .ok)
    }

    @Sendable func disable(_ request: Request, context: AdminContext) async throws -> Response {
        try await setDisabled(true, request, context)
    }

    @Sendable func enable(_ request: Request, context: AdminContext) async throws -> Response {
        try await setDisabled(false, request, context)
    }

    /// Disables or enables the posted admin; the last enabled admin of every agency stays, with the reason shown.
    private func setDisabled(_ disabled: Bool, _ request: Request, _ context: AdminContext) async throws -> Response {
        let username = try await bodies.checked(request, context.signedIn)["username"]
        do {
            try await database.setAdminDisabled(
                username: username, disabled,
                audit: AuditEntry(
                    context.admin.username, disabled ? .adminDisabled : .adminEnabled, detail: username,
                    at: clock.now))
        } catch let error as StoreError {
            return try await refused(error, context)
        }
        if disabled && username == context.admin.username { return HTML.redirect(to: SiteURL.login.path) }
        let text = disabled ? "ระงับบัญชี \(username) แล้ว เข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้อีกครั้ง" : "เปิดใช้บัญชี \(username) แล้ว"
        return try await adminsPage(
            context, form: nil, notice: .init(text: text, password: nil), problems: [], status: .ok)
    }

    /// Gives the posted admin a new generated password, shown once, and ends their sessions. An admin's own
    /// password is changed at `/admin/password` instead: a reset would end this session before showing the new one.
    @Sendable func resetPassword(_ request: Request, context: AdminContext) async throws -> Response {
        let username = try await bodies.checked(request, context.signedIn)["username"]
        guard username != context.admin.username else {
            let problem = ValidationProblem(
                field: AdminsView.listField,
                message: LocalizedText(
                    th: "ตั้งรหัสผ่านใหม่ให้บัญชีของตัวเองที่นี่ไม่ได้ กรุณาเปลี่ยนรหัสผ่านของคุณที่หน้าเปลี่ยนรหัสผ่าน"
                        + " (\(SiteURL.ownPassword.path)) ด้วยรหัสผ่านปัจจุบัน",
                    en: "Your own password is changed at \(SiteURL.ownPassword.path), with your current one."))
            return try await adminsPage(context, form: nil, notice: nil, problems: [problem], status: .conflict)
        }
        let password = PasswordPolicy.generate()
        do {
            try await database.setPassword(
                username: username, password: password,
                audit: AuditEntry(context.admin.username, .passwordReset, detail: username, at: clock.now))
        } catch let error as StoreError {
            return try await refused(error, context)
        }
        return try await adminsPage(
            context, form: nil,
            notice: .init(
                text: "ตั้งรหัสผ่านใหม่ให้ \(username) แล้ว การเข้าสู่ระบบเดิมของบัญชีนี้สิ้นสุดลง"
                    + " รหัสผ่านแสดงครั้งเดียว กรุณาส่งให้เจ้าของบัญชีโดยตรง:",
                password: password),
            problems: [], status: .ok)
    }

    /// The admins page with the store's reason for refusing a change at the list, under the status that fits the
    /// reason; a database that cannot be written just now is left to the error page (503).
    private func refused(_ error: StoreError, _ context: AdminContext) async throws -> Response {
        let status: HTTPResponse.Status
        switch error {
        case .unknownUsername: status = .notFound
        case .lastEveryAgencyAdmin: status = .conflict
        case .unavailable: throw error
        default: status = .unprocessableContent
        }
        let problem = ValidationProblem(field: AdminsView.listField, message: error.message)
        return try await adminsPage(context, form: nil, notice: nil, problems: [problem], status: status)
    }

    @Sendable func ownPasswordPage(_ request: Request, context: AdminContext) async throws -> Response {
        passwordPage(context, problems: [], saved: request.uri.queryParameters["saved"] == "1", status: .ok)
    }

    /// Changes the signed-in admin's password once they typed the current one and the new one twice; their other
    /// sessions end and this browser gets a new one. The current password is checked under sign-in's throttle and
    /// a wrong one is audited like a failed sign-in.
    @Sendable func changeOwnPassword(_ request: Request, context: AdminContext) async throws -> Response {
        let values = try await bodies.checked(request, context.signedIn)
        let (current, new, repeated) = (
            values.raw["current"] ?? "", values.raw["new"] ?? "", values.raw["repeat"] ?? ""
        )
        var problems: [ValidationProblem] = []
        if current.isEmpty {
            problems.append(
                ValidationProblem(
                    field: "current",
                    message: LocalizedText(th: "กรุณาใส่รหัสผ่านปัจจุบัน", en: "Please type your current password.")))
        }
        if new.count < PasswordPolicy.minimumLength {
            problems.append(ValidationProblem(field: "new", message: StoreError.weakPassword.message))
        } else if new != repeated {
            problems.append(
                ValidationProblem(
                    field: "repeat",
                    message: LocalizedText(
                        th: "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน", en: "The two new passwords are not the same.")))
        }
        guard problems.isEmpty else {
            return passwordPage(context, problems: problems, saved: false, status: .unprocessableContent)
        }
        let (username, now) = (context.admin.username, clock.now)
        guard database.passwordChecks.hasRoom(knownDevice: false) else { return busyPage(context) }
        if case .locked(let first) = throttle.admit(username, now: now) {
            try await database.audit(
                loginAudit.rows(
                    for: AuditEntry(username, .loginRefusedLocked, detail: Self.auditDetail, at: now), countOnly: !first
                ))
            let problem = ValidationProblem(field: "current", message: LoginThrottle.lockedMessage)
            return passwordPage(context, problems: [problem], saved: false, status: .tooManyRequests)
        }
        let token: String?
        do {
            token = try await database.changeOwnPassword(
                username: username, current: current, new: new, idleLimit: AdminSession.idleLimit,
                audit: AuditEntry(username, .passwordChanged, detail: username, at: now), now: now)
        } catch is PasswordChecks.Busy {
            return busyPage(context)
        } catch StoreError.unknownUsername {
            return disabledPage()
        }
        guard let token else {
            try await database.audit(
                loginAudit.rows(
                    for: AuditEntry(username, .loginFailed, detail: Self.auditDetail, at: now), countOnly: false))
            let problem = ValidationProblem(
                field: "current",
                message: LocalizedText(th: "รหัสผ่านปัจจุบันไม่ถูกต้อง", en: "The current password is not right."))
            return passwordPage(context, problems: [problem], saved: false, status: .unprocessableContent)
        }
        throttle.succeeded(username)
        var response = HTML.redirect(to: SiteURL.ownPassword.path(query: "saved", "1"))
        response.headers[.setCookie] = AdminSession.cookie(token, secure: secureCookies)
        return response
    }

    /// Where a wrong or refused current password was typed, as the audit log says beside the failed sign-in.
    private static let auditDetail = "รหัสผ่านปัจจุบันในหน้าเปลี่ยนรหัสผ่าน"

    /// The password form again with 503: more password checks are waiting than a second holds.
    private func busyPage(_ context: AdminContext) -> Response {
        let problem = ValidationProblem(
            field: "current",
            message: LocalizedText(
                th: "ขณะนี้มีการตรวจรหัสผ่านพร้อมกันจำนวนมาก กรุณารอสักครู่แล้วลองใหม่",
                en: "Too many passwords are being checked just now. Please wait a moment and try again."))
        var busy = passwordPage(context, problems: [problem], saved: false, status: .serviceUnavailable)
        busy.headers[.retryAfter] = "5"
        return busy
    }

    /// The page of an admin disabled while their current password was checked: nothing changed, no session.
    private func disabledPage() -> Response {
        var response = pages.response(
            MessagePage(
                heading: LocalizedText(th: "บัญชีนี้ถูกระงับการใช้งาน", en: "This account is disabled"),
                text: LocalizedText(
                    th: "รหัสผ่านไม่ได้เปลี่ยน กรุณาติดต่อผู้ดูแลทุกหน่วยงานเพื่อเปิดใช้บัญชีอีกครั้ง",
                    en: "The password was not changed. Please ask an admin of every agency to enable the account.")),
            status: .forbidden)
        response.headers[.setCookie] = AdminSession.expiredCookie(secure: secureCookies)
        return response
    }

    private func passwordPage(
        _ context: AdminContext, problems: [ValidationProblem], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let byField = ValidationFailure(problems: problems).byField
        let view = OwnPasswordView(
            frame: context.signedIn.frame, saved: saved, problems: problems.map(ProblemView.init),
            hasProblems: !problems.isEmpty,
            fields: ["current", "new", "repeat"].map { name in
                OwnPasswordView.Field(name: name, problem: byField[name].map(ProblemView.init))
            })
        return HTML.page(pages.render(.adminPassword, view), status: status)
    }
}

/// The page where an admin changes their own password.
struct OwnPasswordView: Sendable {
    let styles = Stylesheets()
    let pageTitle = "เปลี่ยนรหัสผ่าน — โปร่งใส"
    let frame: AdminFrame
    let saved: Bool
    let problems: [ProblemView]
    let hasProblems: Bool
    let fields: [Field]
    let action = SiteURL.ownPassword.path
    let minimumLength = PasswordPolicy.minimumLength

    /// One password input with its label and problem; every value is stored, as the templates read only those.
    struct Field: Sendable {
        let name: String
        let problem: ProblemView?
        let label: String
        let autocomplete: String

        init(name: String, problem: ProblemView?) {
            self.name = name
            self.problem = problem
            label =
                switch name {
                case "current": "รหัสผ่านปัจจุบัน"
                case "new": "รหัสผ่านใหม่ (อย่างน้อย \(PasswordPolicy.minimumLength) ตัวอักษร)"
                default: "รหัสผ่านใหม่อีกครั้ง"
                }
            autocomplete = name == "current" ? "current-password" : "new-password"
        }
    }
}
