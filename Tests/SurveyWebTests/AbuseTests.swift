import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import SurveyCore
import SurveyStore
import Synchronization
import Testing

@testable import SurveyWeb

@Suite("Abuse of the sign-in: parallel guessing, floods of failed logins, overlong input, a locked database")
struct AbuseTests {
    /// The server's time in every test: noon of the fixture's day.
    static let noon = WallClock.fixed(WebFixture.today).now

    /// Posts the login form with a token from the login page, as a script that read it once would.
    static func attempt(_ client: any TestClientProtocol, csrf: String, _ username: String, _ password: String)
        async throws -> HTTPResponse.Status
    {
        try await client.post("/admin/login", ["username": username, "password": password, "csrf": csrf]).status
    }

    /// Posts the login form as a client behind this machine's proxy, the proxy naming the client's address.
    static func attempt(
        _ client: any TestClientProtocol, _ csrf: String, from address: String, _ username: String,
        _ password: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/admin/login", method: .post,
            headers: [.xForwardedFor: address, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode(["username": username, "password": password, "csrf": csrf])))
    }

    static func loginToken(_ client: any TestClientProtocol) async throws -> String {
        try await client.get("/admin/login").html.hiddenValue("csrf") ?? ""
    }

    /// The size of the database file once its log has been copied into it.
    static func storedBytes(_ fixture: WebFixture) async throws -> Int {
        _ = try await fixture.database.eraseWriteOrder()
        let size = try FileManager.default.attributesOfItem(atPath: fixture.databasePath)[.size] as? NSNumber
        return try #require(size).intValue
    }

    @Test("100 logins at once on one name get five password checks; the right password then gets 429 like the rest")
    func parallelGuessing() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let (guesses, right, later) = try await fixture.run { client in
            let csrf = try await Self.loginToken(client)
            return try await withThrowingTaskGroup(of: (isRight: Bool, status: HTTPResponse.Status).self) { group in
                for _ in 0..<99 {
                    group.addTask { (false, try await Self.attempt(client, csrf: csrf, "root", "a wrong guess")) }
                }
                var guesses: [HTTPResponse.Status] = []
                var right: HTTPResponse.Status?
                // The right password goes out as soon as a guess came back locked: all five places are taken by
                // then, in whatever order the guesses ran.
                var sentRight = false
                while let result = try await group.next() {
                    if result.isRight { right = result.status } else { guesses.append(result.status) }
                    if result.status == .tooManyRequests && !sentRight {
                        sentRight = true
                        group.addTask {
                            (true, try await Self.attempt(client, csrf: csrf, "root", WebFixture.password))
                        }
                    }
                }
                let later = try await Self.attempt(client, csrf: csrf, "root", WebFixture.password)
                return (guesses, right, later)
            }
        }
        #expect(guesses.filter { $0 == .unauthorized }.count == LoginThrottle.limit)
        #expect(guesses.filter { $0 == .tooManyRequests }.count == 99 - LoginThrottle.limit)
        #expect(right == .tooManyRequests && later == .tooManyRequests)
        let events = try await fixture.database.auditEvents()
        #expect(events.filter { $0.action == AuditAction.loginFailed.rawValue }.count == LoginThrottle.limit)
        #expect(events.filter { $0.action == AuditAction.loginRefusedLocked.rawValue }.count == 1)
        #expect(!events.contains { $0.action == AuditAction.login.rawValue })
        // The other 95 refusals (94 guesses and the right password twice) are one row, written as the server stops.
        let summary = try #require(events.first { $0.action == AuditAction.loginsSummed.rawValue })
        #expect(summary.username == AuditEntry.notSignedIn && summary.detail == "ไม่ได้บันทึกแยก 95 ครั้ง: root 95")
    }

    @Test("20 current passwords at once on the password page get five checks, audited; then it and sign-in get 429")
    func ownPasswordGuessing() async throws {
        let fixture = try WebFixture()
        try await fixture.agency()
        try await fixture.admin("clerk", agency: "demo")
        let (guesses, right, signIn) = try await fixture.run { client in
            let clerk = try #require(try await AdminClient.login(client, "clerk", WebFixture.password))
            let csrf = try #require(try await clerk.get("/admin/password").html.hiddenValue("csrf"))
            func change(current: String) async throws -> TestResponse {
                try await clerk.post(
                    "/admin/password",
                    ["current": current, "new": "a brand new password", "repeat": "a brand new password"], csrf: csrf)
            }
            let guesses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 { group.addTask { try await change(current: "a wrong guess").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let right = try await change(current: WebFixture.password)
            return (guesses, right, try await AdminClient.loginAttempt(client, "clerk", WebFixture.password).status)
        }
        #expect(guesses.filter { $0 == .unprocessableContent }.count == LoginThrottle.limit)
        #expect(guesses.filter { $0 == .tooManyRequests }.count == 20 - LoginThrottle.limit)
        #expect(right.status == .tooManyRequests && right.html.contains(LoginThrottle.lockedMessage.th))
        #expect(right.headers[.setCookie] == nil && signIn == .tooManyRequests)
        #expect(try await fixture.database.verifyLogin(username: "clerk", password: WebFixture.password) != nil)
        let events = try await fixture.database.auditEvents().filter { $0.username == "clerk" }
        let failed = events.filter { $0.action == AuditAction.loginFailed.rawValue }
        #expect(failed.count == LoginThrottle.limit && failed.allSatisfy { $0.detail.contains("หน้าเปลี่ยนรหัสผ่าน") })
        #expect(events.filter { $0.action == AuditAction.loginRefusedLocked.rawValue }.count == 1)
        #expect(!events.contains { $0.action == AuditAction.passwordChanged.rawValue })
    }

    @Test(
        "a name locked by someone's guesses still lets in the browser its admin signed in with before, and no other; a new password forgets it"
    )
    func knownDevice() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("clerk", agency: nil)
        try await fixture.run { client in
            let first = try await AdminClient.loginAttempt(client, "root", WebFixture.password)
            #expect(first.status == .seeOther)
            let device = try #require(
                first.headers[values: .setCookie].first { $0.hasPrefix(KnownDevice.cookieName + "=") })
            #expect(
                device.contains("; Path=/admin/login;") && device.contains("HttpOnly")
                    && device.contains("SameSite=Strict"))
            let cookie = String(device.split(separator: ";")[0])
            let csrf = try await Self.loginToken(client)
            @Sendable func attempt(_ name: String, _ password: String, cookie: String?) async throws
                -> HTTPResponse.Status
            {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = cookie }
                return try await client.execute(
                    uri: "/admin/login", method: .post, headers: headers,
                    body: ByteBuffer(
                        string: FormEncoding.encode(["username": name, "password": password, "csrf": csrf]))
                ).status
            }
            for name in ["root", "clerk"] {
                for _ in 0..<LoginThrottle.limit {
                    #expect(try await attempt(name, "a wrong guess", cookie: nil) == .unauthorized)
                }
                #expect(try await attempt(name, WebFixture.password, cookie: nil) == .tooManyRequests)
            }
            let forged = cookie.prefix(KnownDevice.cookieName.count + 34) + String(repeating: "0", count: 64)
            #expect(try await attempt("root", WebFixture.password, cookie: String(forged)) == .tooManyRequests)
            #expect(try await attempt("root", WebFixture.password, cookie: cookie) == .seeOther)
            // Root's browser opens no lane for another admin's name.
            #expect(try await attempt("clerk", WebFixture.password, cookie: cookie) == .tooManyRequests)
            // A new password forgets every browser remembered under the old one.
            try await fixture.database.setPassword(username: "root", password: "another long enough password")
            #expect(try await attempt("root", "another long enough password", cookie: cookie) == .tooManyRequests)
        }
    }

    @Test(
        "100 logins at once under 100 names queue at most 16 password checks; the rest get 503 and the admin then gets in"
    )
    func parallelNames() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let (statuses, later) = try await fixture.run { client in
            let csrf = try await Self.loginToken(client)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<100 {
                    group.addTask { try await Self.attempt(client, csrf: csrf, "guess\(index)", "a wrong guess") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            return (statuses, try await Self.attempt(client, csrf: csrf, "root", WebFixture.password))
        }
        let checked = statuses.filter { $0 == .unauthorized }.count
        #expect(checked + statuses.filter { $0 == .serviceUnavailable }.count == 100)
        // A check takes tens of milliseconds and the hundred arrive together: many find every place taken, however
        // loaded the machine (16 when it is idle).
        #expect(checked >= PasswordChecks.waitingLimit && checked <= 70, "\(checked) checked")
        #expect(later == .seeOther)
    }

    @Test(
        "one machine's sign-ins under ever new names: 20 a minute are answered, the rest 429 before any check; another gets in"
    )
    func signInsPerAddress() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let (flood, refused, office) = try await fixture.run(.live) { client in
            let csrf = try await Self.loginToken(client)
            var flood: [HTTPResponse.Status] = []
            // The test server's clock stands still, so the allowance does not refill however long the thirty take.
            for index in 0..<30 {
                flood.append(
                    try await Self.attempt(client, csrf, from: "203.0.113.7", "guess \(index)", "wrong").status)
            }
            let refused = try await Self.attempt(client, csrf, from: "203.0.113.7", "root", WebFixture.password)
            let office = try await Self.attempt(client, csrf, from: "198.51.100.20", "root", WebFixture.password)
            return (flood, refused, office)
        }
        #expect(flood.prefix(AuthController.signInsPerAddressPerMinute).allSatisfy { $0 == .unauthorized })
        #expect(flood.dropFirst(AuthController.signInsPerAddressPerMinute).allSatisfy { $0 == .tooManyRequests })
        #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] == "60")
        #expect(refused.html.contains("มีการพยายามเข้าสู่ระบบจากเครื่องนี้หลายครั้งเกินไป"))
        #expect(refused.html.contains("value=\"root\""))
        #expect(office.status == .seeOther)
        let events = try await fixture.database.auditEvents()
        #expect(events.filter { $0.action == AuditAction.loginFailed.rawValue }.count == 20)
    }

    @Test("1,000 failed logins with a 60 KB name and 1,000 against a locked name add a few small rows, no more")
    func failedLoginFlood() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.admin("auditor", agency: nil)
        let huge = String(repeating: "a", count: 60 * 1024)
        let before = try await Self.storedBytes(fixture)
        try await fixture.run { client in
            let csrf = try await Self.loginToken(client)
            for _ in 0..<LoginThrottle.limit {
                #expect(try await Self.attempt(client, csrf: csrf, "root", "a wrong guess") == .unauthorized)
            }
            func flood(_ username: String, _ password: String, expecting status: HTTPResponse.Status) async throws {
                let body = ByteBuffer(
                    string: FormEncoding.encode(["username": username, "password": password, "csrf": csrf]))
                for _ in 0..<50 {
                    let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                        for _ in 0..<20 {
                            group.addTask {
                                try await client.execute(
                                    uri: "/admin/login", method: .post,
                                    headers: [.contentType: "application/x-www-form-urlencoded"], body: body
                                ).status
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(statuses.allSatisfy { $0 == status })
                }
            }
            try await flood(huge, "a wrong guess", expecting: .unauthorized)
            try await flood("root", "a wrong guess", expecting: .tooManyRequests)
        }
        let growth = try await Self.storedBytes(fixture) - before
        let events = try await fixture.database.auditEvents(limit: 10_000)
        #expect(events.count <= LoginAudit.rowsPerMinute + 1)
        #expect(events.allSatisfy { $0.username.count <= 40 && $0.detail.count <= 200 })
        #expect(events.filter { $0.username == AuditEntry.invalidName }.count == LoginAudit.rowsPerMinute - 5)
        let summary = try #require(events.first { $0.action == AuditAction.loginsSummed.rawValue })
        #expect(summary.detail == "ไม่ได้บันทึกแยก 1985 ครั้ง: root 1000, (invalid name) 985")
        #expect(growth <= 16 * 1024, "the database grew by \(growth) bytes")
        try await fixture.run { client in
            let auditor = try #require(try await AdminClient.login(client, "auditor", WebFixture.password))
            let page = try await auditor.get("/admin/audit")
            #expect(page.status == .ok && page.html.utf8.count < 64 * 1024)
            #expect(page.html.contains("ไม่ได้บันทึกแยก 1985 ครั้ง"))
        }
    }

    @Test("while another program holds the write lock, pages that only read open; an audited export or report is 503")
    func pagesWhileLocked() async throws {
        let fixture = try WebFixture(busyTimeout: .milliseconds(200))
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        let admin = try #require(
            try await fixture.database.verifyLogin(username: "root", password: WebFixture.password))
        // Last seen five minutes ago: the first page is due to write the session's idle time, and cannot.
        let token = try await fixture.database.createSession(
            adminId: admin.id, idleLimit: AdminSession.idleLimit, now: Self.noon.addingTimeInterval(-300))
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        // It waits for the server's own writes at start, as sqlite3 would.
        unsafe.busyMode = .timeout(5)
        let intruder = try DatabaseQueue(path: fixture.databasePath, configuration: unsafe)
        let export = "/admin/demo/\(round.fiscalYear)/export.csv?form=eit"
        try await fixture.run { client in
            let root = AdminClient(client: client, cookie: "\(AdminSession.cookieName)=\(token)")
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
            let home = try await root.get("/admin")
            let agency = try await root.get("/admin/demo")
            let audit = try await root.get("/admin/audit")
            let refusedExport = try await root.get(export)
            let refusedReport = try await root.get("/admin/demo/\(round.fiscalYear)/report")
            try await intruder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            #expect(home.status == .ok && home.html.contains("องค์การบริหารส่วนตำบลตัวอย่าง"))
            #expect(agency.status == .ok && audit.status == .ok)
            for refused in [refusedExport, refusedReport] {
                #expect(refused.status == .serviceUnavailable && refused.headers[.retryAfter] == "10")
                #expect(refused.html.contains("ระบบบันทึกข้อมูลไม่ได้ชั่วคราว"))
                #expect(refused.headers[.contentDisposition] == nil)
            }
            #expect(try await root.get(export).status == .ok)
        }
        #expect(fixture.log.all.contains { $0.hasPrefix("debug session seen, idle time not written") })
        let exports = try await fixture.database.auditEvents().filter { $0.action == AuditAction.exportedCSV.rawValue }
        #expect(exports.count == 1)
        let seen = try await intruder.read { try Int64.fetchOne($0, sql: "SELECT lastSeen FROM session") }
        #expect(seen == Int64(Self.noon.timeIntervalSince1970))
    }

    @Test("agency names over 200 characters are refused in Thai and English and not stored")
    func agencyNameBounds() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let long = String(repeating: "ก", count: Agency.nameLimit + 1)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let thai = try await root.post("/admin/agencies", ["slug": "long", "nameTh": long, "kind": "other"])
            #expect(thai.status == .unprocessableContent)
            #expect(thai.html.contains("ชื่อหน่วยงานภาษาไทยยาวได้ไม่เกิน 200 ตัวอักษร"))
            #expect(thai.html.contains("the agency&#39;s Thai name may have at most 200 characters"))
            let english = try await root.post(
                "/admin/agencies", ["slug": "long", "nameTh": "อบต.ยาว", "nameEn": String(repeating: "a", count: 201)])
            #expect(english.status == .unprocessableContent)
            #expect(english.html.contains("ชื่อหน่วยงานภาษาอังกฤษยาวได้ไม่เกิน 200 ตัวอักษร"))
            let longest = String(repeating: "ก", count: Agency.nameLimit)
            #expect(try await root.post("/admin/agencies", ["slug": "fits", "nameTh": longest]).status == .seeOther)
        }
        #expect(try await fixture.database.agency(slug: "long") == nil)
        #expect(try await fixture.database.agency(slug: "fits")?.nameTh.count == Agency.nameLimit)
    }

    @Test("a 60 KB username for a new admin is refused with a short message and not stored")
    func adminNameBounds() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        try await fixture.run { client in
            let root = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let refused = try await root.post(
                "/admin/admins", ["username": String(repeating: "a", count: 60 * 1024), "agency": "*"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก"))
            #expect(refused.html.utf8.count < 16 * 1024)
        }
        #expect(try await fixture.database.admins().map(\.username) == ["root"])
    }

    @Test("a locked name stays locked while the throttle's table fills with other names")
    func throttleTableIsBounded() {
        let throttle = LoginThrottle(capacity: 3)
        for _ in 0..<LoginThrottle.limit { #expect(throttle.admit("root", now: Self.noon) == .check) }
        #expect(throttle.admit("root", now: Self.noon) == .locked(first: true))
        for (offset, name) in ["aaa", "bbb", "ccc", "ddd"].enumerated() {
            #expect(throttle.admit(name, now: Self.noon.addingTimeInterval(Double(offset + 1))) == .check)
        }
        #expect(throttle.admit("root", now: Self.noon.addingTimeInterval(10)) == .locked(first: false))
        // Once the lock is over the name starts afresh.
        #expect(throttle.admit("root", now: Self.noon.addingTimeInterval(LoginThrottle.window)) == .check)
    }

    @Test("logins summed up in a minute that ended before the server stops are written when it stops")
    func summaryAtStop() async throws {
        let fixture = try WebFixture()
        try await fixture.admin("root", agency: nil)
        let now = Mutex(Self.noon)
        let clock = WallClock { now.withLock { $0 } }
        try await fixture.run(.live, clock: clock) { client in
            let csrf = try await Self.loginToken(client)
            // The first twenty get rows; the five this machine sends beyond its allowance are summed up.
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<(LoginAudit.rowsPerMinute + 5) {
                statuses.append(try await Self.attempt(client, csrf: csrf, "no such name!", "x"))
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == LoginAudit.rowsPerMinute)
            // The server stops in the next minute, before its minutely summary comes round.
            now.withLock { $0 = Self.noon.addingTimeInterval(61) }
        }
        let summed = try await fixture.database.auditEvents().filter {
            $0.action == AuditAction.loginsSummed.rawValue
        }
        #expect(summed.map(\.detail) == ["ไม่ได้บันทึกแยก 5 ครั้ง: (invalid name) 5"])
    }

    @Test("150 admin requests in a minute write 120 access lines; the next minute's first line says how many were left")
    func accessLogBudget() async throws {
        let fixture = try WebFixture()
        let statuses = try await fixture.run { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<150 { statuses.append(try await client.get("/admin/login").status) }
            return statuses
        }
        #expect(statuses.allSatisfy { $0 == .ok })
        #expect(fixture.log.all.filter { $0.contains("GET /admin/login 200") }.count == AccessLogBudget.linesPerMinute)
        let budget = AccessLogBudget()
        let start = ContinuousClock.now
        let first = (0..<125).map { budget.admit(now: start + .milliseconds($0)) }
        #expect(first.filter(\.logs).count == 120 && first.allSatisfy { $0.unloggedBefore == nil })
        let next = budget.admit(now: start + .seconds(61))
        #expect(next.logs && next.unloggedBefore == 5)
        #expect(budget.admit(now: start + .seconds(62)).unloggedBefore == nil)
    }

    @Test("a minute's attempts beyond its rows are summed up in one row when the next minute's first attempt comes")
    func loginAuditMinutes() {
        let audit = LoginAudit()
        let attempts = (0...LoginAudit.rowsPerMinute).map {
            audit.rows(
                for: AuditEntry("root", .loginFailed, at: Self.noon.addingTimeInterval(Double($0))), countOnly: false)
        }
        #expect(attempts.dropLast().allSatisfy { $0.count == 1 } && attempts.last?.isEmpty == true)
        #expect(audit.rows(for: AuditEntry("x", .loginFailed, at: Self.noon), countOnly: false).isEmpty)
        let nextMinute = audit.rows(
            for: AuditEntry("root", .loginFailed, at: Self.noon.addingTimeInterval(60)), countOnly: true)
        #expect(nextMinute.map(\.detail) == ["ไม่ได้บันทึกแยก 2 ครั้ง: (invalid name) 1, root 1"])
        #expect(audit.summary(endedBy: Self.noon.addingTimeInterval(90)) == nil)
        #expect(audit.summary(endedBy: Self.noon.addingTimeInterval(120))?.detail == "ไม่ได้บันทึกแยก 1 ครั้ง: root 1")
    }
}
