import Foundation
import GRDB
import SurveyCore
import SurveyStore
import Testing

@Suite("Recording responses: one transaction, tokens, ballots, access codes, tallies")
struct RecordingTests {
    @Test("a stored response bumps its tallies, and a spent token stores nothing more")
    func tokenSpentOnce() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        let response = StoreFixture.randomResponse(.eit, using: &generator)
        let token = randomToken()
        let submission = Submission(response: response, roundId: round.id, token: token)
        #expect(try await fixture.database.record(submission) == .stored)
        #expect(try await fixture.database.record(submission) == .alreadySubmitted)
        let tallies = try await fixture.database.tallies(roundId: round.id)
        #expect(tallies.eit.responses == 1)
        #expect(tallies.iit.responses == 0)
        #expect(tallies.eit == Tally(form: .eit, responses: [response]))
        #expect(try await fixture.database.responses(roundId: round.id, form: .eit) == [response])
    }

    @Test("a code is spent on its own, refused the second time or once withdrawn, and kept in its batch")
    func accessCodes() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound(codes: true)
        let (batch, codes) = try await fixture.database.makeCodeBatch(
            roundId: round.id, form: .iit, count: 3, on: StoreFixture.today)
        #expect(Set(codes).count == 3 && batch.size == 3 && batch.number == 1 && !batch.printed)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil })
        #expect(try await fixture.database.batchCodes(roundId: round.id, batchId: batch.id) == codes.sorted())
        let code = AccessCode.normalize(codes[0].lowercased())!
        #expect(try await fixture.database.accessCodeStatus(roundId: round.id, form: .iit, code: code) == .unused)
        #expect(try await fixture.database.spendAccessCode(roundId: round.id, form: .iit, code: code) == .unused)
        #expect(try await fixture.database.spendAccessCode(roundId: round.id, form: .iit, code: code) == .used)
        #expect(try await fixture.database.spendAccessCode(roundId: round.id, form: .iit, code: "ZZZZZZZZ") == .unknown)
        #expect(try await fixture.database.withdrawUnusedCodes(roundId: round.id, batchId: batch.id) == 2)
        let withdrawn = AccessCode.normalize(codes[1])!
        #expect(
            try await fixture.database.spendAccessCode(roundId: round.id, form: .iit, code: withdrawn) == .withdrawn)
        try await fixture.database.markPrinted(roundId: round.id, batchId: batch.id)
        // Printing again makes no new codes.
        #expect(try await fixture.database.batchCodes(roundId: round.id, batchId: batch.id) == codes.sorted())
        let counts = try await fixture.database.accessCodeCounts(roundId: round.id, form: .iit)
        #expect(counts == AccessCodeCounts(try await fixture.database.codeBatches(roundId: round.id)))
        #expect((counts.made, counts.printed, counts.used, counts.withdrawn) == (3, 3, 1, 2))
        // Spending a code stores no response, and no response row has room for a code.
        #expect(try await fixture.database.tallies(roundId: round.id).iit.responses == 0)
    }

    @Test("a ballot allows one answer; a second answer with it is refused and stores nothing")
    func ballots() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound(codes: true)
        var generator = SystemRandomNumberGenerator()
        let ballot = randomToken()
        func submit(token: OneTimeNonce) async throws -> RecordOutcome {
            try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(.iit, using: &generator), roundId: round.id, token: token,
                    ballot: ballot))
        }
        let token = randomToken()
        #expect(try await submit(token: token) == .stored)
        #expect(try await submit(token: token) == .alreadySubmitted)
        #expect(try await submit(token: randomToken()) == .ballotSpent)
        #expect(try await fixture.database.isSpent(ballot))
        #expect(try await fixture.database.tallies(roundId: round.id).iit.responses == 1)
    }

    @Test("typed codes are read forgivingly: case, spaces and dashes do not matter; other letters do")
    func normalization() {
        #expect(AccessCode.normalize("abcd-efgh") == "ABCDEFGH")
        #expect(AccessCode.normalize(" AB CD EF GH ") == "ABCDEFGH")
        #expect(AccessCode.normalize("abcd–efgh") == "ABCDEFGH")
        #expect(AccessCode.normalize("ABCD+EFGH") == "ABCDEFGH")
        #expect(AccessCode.normalize("ABCD-EFG0") == nil)
        #expect(AccessCode.normalize("ABCDEFG") == nil)
    }

    @Test("after a few hundred mixed submissions every stored tally equals a recount of the rows")
    func talliesEqualRecount() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        var tokens: [OneTimeNonce] = []
        for index in 0..<300 {
            let form: FormKind = index % 3 == 0 ? .iit : .eit
            let token = index % 10 == 9 ? tokens.randomElement()! : randomToken()
            tokens.append(token)
            _ = try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(form, using: &generator), roundId: round.id, token: token))
        }
        let stored = try await fixture.database.tallies(roundId: round.id)
        let recount = try await fixture.database.recountedTallies(roundId: round.id)
        #expect(stored == recount)
        #expect(stored.iit.responses + stored.eit.responses == 270)
    }

    @Test("spent tokens are forgotten after their forms expire")
    func forgetTokens() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        var generator = SystemRandomNumberGenerator()
        let old = randomToken(day: StoreFixture.today.adding(days: -30))
        let recent = randomToken()
        for token in [old, recent] {
            _ = try await fixture.database.record(
                Submission(
                    response: StoreFixture.randomResponse(.eit, using: &generator), roundId: round.id, token: token))
        }
        try await fixture.database.forgetSpentTokens(before: StoreFixture.today.adding(days: -8))
        #expect(try await !fixture.database.isSpent(old))
        #expect(try await fixture.database.isSpent(recent))
    }
}
