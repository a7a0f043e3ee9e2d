import Foundation
import SurveyStore
import Testing

@Suite("`prongsai admin` adds, lists, disables and enables admins and changes their passwords; `agency` archives")
struct AdminCommandTests {
    @Test("add prints a generated password once; passwd replaces it; stdin passwords work for both")
    func addAndChange() async throws {
        let db = StoreCommandTests.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        let added = try Program.run(["admin", "add", "clerk", "--agency", "demo", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        let first = try #require(added.stdout.firstMatch(of: /password \(shown once\): (\S{16})/)?.output.1)
        let database = try AppDatabase.open(path: db)
        #expect(try await database.verifyLogin(username: "clerk", password: String(first))?.agencyId != nil)
        let changed = try Program.run(["admin", "passwd", "clerk", "--db", db])
        let second = try #require(changed.stdout.firstMatch(of: /password \(shown once\): (\S{16})/)?.output.1)
        #expect(second != first)
        #expect(try await database.verifyLogin(username: "clerk", password: String(first)) == nil)
        #expect(try await database.verifyLogin(username: "clerk", password: String(second)) != nil)
        let both = try Program.run(["admin", "add", "root", "--db", db])
        #expect(both.status != 0 && both.stderr.contains("--agency SLUG or --all"))
        let short = try Program.run(
            ["admin", "add", "root", "--all", "--password-stdin", "--db", db], stdin: "short\n")
        #expect(short.status != 0 && short.stderr.contains("at least 10 characters"))
        let typed = try Program.run(
            ["admin", "add", "root", "--all", "--password-stdin", "--db", db], stdin: "a typed password\n")
        #expect(typed.status == 0 && !typed.stdout.contains("shown once"))
        #expect(try await database.verifyLogin(username: "root", password: "a typed password")?.managesAll == true)
        let missing = try Program.run(["admin", "passwd", "nobody", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("no admin named “nobody”"))
    }

    @Test("disable ends the admin's sessions and refuses the last enabled admin of every agency; enable undoes it")
    func disableAndEnable() async throws {
        let db = StoreCommandTests.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        _ = try Program.run(["admin", "add", "root", "--all", "--db", db])
        _ = try Program.run(
            ["admin", "add", "clerk", "--agency", "demo", "--password-stdin", "--db", db], stdin: "a typed password\n")
        let database = try AppDatabase.open(path: db)
        let clerk = try #require(try await database.admins().first { $0.username == "clerk" })
        let token = try await database.createSession(adminId: clerk.id, idleLimit: 1800)
        let disabled = try Program.run(["admin", "disable", "clerk", "--db", db])
        #expect(disabled.status == 0 && disabled.stdout.contains("disabled clerk"), "\(disabled.stderr)")
        #expect(try await database.liveSession(token: token, idleLimit: 1800) == nil)
        #expect(try await database.verifyLogin(username: "clerk", password: "a typed password")?.disabled == true)
        let listed = try Program.run(["admin", "list", "--db", db])
        #expect(listed.stdout.contains("clerk\tdemo\tdisabled") && listed.stdout.contains("root\t*\n"))
        let last = try Program.run(["admin", "disable", "root", "--db", db])
        #expect(last.status != 0 && last.stderr.contains("last enabled admin of every agency"))
        #expect(try Program.run(["admin", "enable", "clerk", "--db", db]).status == 0)
        #expect(try await database.verifyLogin(username: "clerk", password: "a typed password")?.disabled == false)
        let audit = try await database.auditEvents().map(\.action)
        #expect(audit.contains("admin disabled") && audit.contains("admin enabled"))
    }

    @Test("agency archive hides an agency and refuses new rounds, keeping its rounds; unarchive brings it back")
    func archiveAgency() async throws {
        let db = StoreCommandTests.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        let opened = try Program.run(
            ["round", "open", "demo", "--year", "2570", "--closes", "2027-01-31", "--iit-population", "40", "--db", db])
        #expect(opened.status == 0, "\(opened.stderr)")
        let archived = try Program.run(["agency", "archive", "demo", "--db", db])
        #expect(archived.status == 0 && archived.stdout.contains("archived demo"), "\(archived.stderr)")
        #expect(try Program.run(["agency", "list", "--db", db]).stdout.contains("demo\tother\tตัวอย่าง\tarchived"))
        let refused = try Program.run(["round", "open", "demo", "--year", "2571", "--closes", "2028-01-31", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("archived"))
        let database = try AppDatabase.open(path: db)
        #expect(try await database.agencies().isEmpty)
        #expect(try await database.rounds(agencyId: 1).count == 1)
        #expect(try Program.run(["agency", "unarchive", "demo", "--db", db]).status == 0)
        #expect(try await database.agencies().map(\.slug) == ["demo"])
        let missing = try Program.run(["agency", "archive", "nobody", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("no agency with the slug"))
    }

    @Test("backup makes the folders it is given")
    func backupFolders() async throws {
        let db = StoreCommandTests.databasePath()
        _ = try Program.run(["agency", "add", "demo", "--name-th", "ตัวอย่าง", "--db", db])
        let target = db + "-folder/backups/2570/prongsai.sqlite"
        let backup = try Program.run(["backup", target, "--db", db])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try await AppDatabase.open(path: target).agencies().map(\.slug) == ["demo"])
    }
}
