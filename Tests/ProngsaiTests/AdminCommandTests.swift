import Foundation
import SurveyStore
import Testing

@Suite("`prongsai admin` adds admins and changes their passwords")
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
}
