import Foundation
import GRDB
import SurveyCore
import SurveyStore
import Testing

@Suite("Recording responses: one transaction, tokens, access codes, tallies")
struct RecordingTests {
    @Test("a stored response bumps its tallies, and a spent token stores nothing more")
    func tokenSpentOnce() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        let response = StoreFixture.randomResponse(.eit, using: &generator)
        let token = randomToken()
        let submission = Submission(
            response: response, roundId: round.id!, token: token, tokenDay: .today, accessCode: nil)
        #expect(try await fixture.database.record(submission) == .stored)
        #expect(try await fixture.database.record(submission) == .alreadySubmitted)
        let tallies = try await fixture.database.tallies(roundId: round.id!)
        #expect(tallies.eit.responses == 1)
        #expect(tallies.iit.responses == 0)
        #expect(tallies.eit == Tally(form: .eit, responses: [response]))
        #expect(try fixture.inspect { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") } == 1)
    }

    @Test("an access code is spent with the response, refused the second time, and left no trace on the row")
    func accessCodes() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound(codes: true)
        let codes = try await fixture.database.createAccessCodes(roundId: round.id!, count: 3)
        #expect(Set(codes).count == 3)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil })
        let code = AccessCode.normalize(codes[0].lowercased())!
        #expect(try await fixture.database.accessCodeStatus(roundId: round.id!, code: code) == .unused)
        var generator = SystemRandomNumberGenerator()
        func submit(_ code: String) async throws -> RecordOutcome {
            try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(.iit, using: &generator), roundId: round.id!,
                    token: randomToken(),
                    tokenDay: .today, accessCode: code))
        }
        #expect(try await submit(code) == .stored)
        #expect(try await submit(code) == .accessCodeRefused(.used))
        #expect(try await submit("ZZZZZZZZ") == .accessCodeRefused(.unknown))
        #expect(try await fixture.database.accessCodeStatus(roundId: round.id!, code: code) == .used)
        #expect(try await fixture.database.accessCodeCounts(roundId: round.id!) == (3, 1))
        let stored = try fixture.inspect { try Row.fetchAll($0, sql: "SELECT * FROM response") }
        #expect(stored.count == 1)
        let text = stored[0].databaseValues.map(\.description).joined(separator: " ")
        #expect(!text.contains(code) && !text.contains(codes[0]))
        let hashes = try fixture.inspect { try Data.fetchAll($0, sql: "SELECT codeHash FROM accessCode") }
        #expect(hashes.allSatisfy { !String(decoding: $0, as: UTF8.self).contains(code) })
        // A refused code spends no token: the same form can still be sent with a good code.
        #expect(try await fixture.database.tallies(roundId: round.id!).iit.responses == 1)
    }

    @Test("typed codes are read forgivingly: case, spaces and dashes do not matter; other letters do")
    func normalization() {
        #expect(AccessCode.normalize("abcd-efgh") == "ABCDEFGH")
        #expect(AccessCode.normalize(" AB CD EF GH ") == "ABCDEFGH")
        #expect(AccessCode.normalize("ABCD-EFG0") == nil)
        #expect(AccessCode.normalize("ABCDEFG") == nil)
    }

    @Test("after a few hundred mixed submissions every stored tally equals a recount of the rows")
    func talliesEqualRecount() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        var tokens: [Data] = []
        for index in 0..<300 {
            let form: FormKind = index % 3 == 0 ? .iit : .eit
            let token = index % 10 == 9 ? tokens.randomElement()! : randomToken()
            tokens.append(token)
            _ = try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(form, using: &generator), roundId: round.id!, token: token,
                    tokenDay: .today, accessCode: nil))
        }
        let stored = try await fixture.database.tallies(roundId: round.id!)
        let recount = try await fixture.database.recountedTallies(roundId: round.id!)
        #expect(stored == recount)
        #expect(stored.iit.responses + stored.eit.responses == 270)
    }

    @Test("spent tokens are forgotten after their forms expire")
    func forgetTokens() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        let old = Submission(
            response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id!, token: randomToken(),
            tokenDay: Day.today.adding(days: -30), accessCode: nil)
        _ = try await fixture.database.record(old)
        try await fixture.database.forgetSpentTokens(before: Day.today.adding(days: -8))
        #expect(try fixture.inspect { try Int.fetchOne($0, sql: "SELECT count(*) FROM spentToken") } == 0)
    }
}
