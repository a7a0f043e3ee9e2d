import Foundation
import Testing

@testable import SurveyStore

@Suite("The round digest: order-independent, and sensitive to any change")
struct RoundDigestTests {
    static let responses = (0..<20).map { Data("response \($0)".utf8) }

    @Test("the same set in any order gives the same digest")
    func orderIndependent() {
        var forward = RoundDigest()
        var backward = RoundDigest()
        for response in Self.responses { forward.add(response) }
        for response in Self.responses.reversed() { backward.add(response) }
        #expect(forward == backward && forward.count == 20)
        var halves = RoundDigest()
        var other = RoundDigest()
        for response in Self.responses.prefix(7) { halves.add(response) }
        for response in Self.responses.dropFirst(7) { other.add(response) }
        halves.merge(other)
        #expect(halves == forward)
    }

    @Test("adding, leaving out or altering one response changes it")
    func sensitive() {
        var all = RoundDigest()
        for response in Self.responses { all.add(response) }
        var missing = RoundDigest()
        for response in Self.responses.dropLast() { missing.add(response) }
        var altered = RoundDigest()
        for response in Self.responses.dropLast() + [Data("response 19!".utf8)] { altered.add(response) }
        #expect(all.fingerprint != missing.fingerprint)
        #expect(all.fingerprint != altered.fingerprint)
        #expect(altered.count == all.count)
    }

    @Test("it survives being stored and read back")
    func storage() {
        var digest = RoundDigest()
        for response in Self.responses { digest.add(response) }
        #expect(RoundDigest(lanes: digest.data, count: digest.count) == digest)
        #expect(RoundDigest(lanes: Data([1, 2, 3]), count: 1) == nil)
        #expect(digest.fingerprint.split(separator: " ").count == 16)
    }

    @Test("the kept digest equals the one recomputed from the rows after concurrent submissions")
    func keptEqualsRecomputed() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
            for index in 0..<200 {
                group.addTask {
                    var generator = SystemRandomNumberGenerator()
                    return try await fixture.database.record(
                        Submission(
                            response: StoreFixture.randomResponse(
                                index.isMultiple(of: 3) ? .iit : .eit, using: &generator),
                            roundId: round.id, token: randomToken()))
                }
            }
            for try await outcome in group { #expect(outcome == .stored) }
        }
        let report = try await fixture.database.verify(roundId: round.id, instruments: [])
        #expect(report.isIntact)
        #expect(report.kept.count == 200)
    }

    @Test("verify reads one snapshot: while answers keep arriving it never reports an intact round as changed")
    func verifyDuringSubmissions() async throws {
        let fixture = try StoreFixture()
        defer { fixture.removeFiles() }
        let round = try await fixture.openRound()
        let reports = try await withThrowingTaskGroup(of: IntegrityReport?.self) { group in
            for index in 0..<400 {
                group.addTask {
                    var generator = SystemRandomNumberGenerator()
                    _ = try await fixture.database.record(
                        Submission(
                            response: StoreFixture.randomResponse(
                                index.isMultiple(of: 3) ? .iit : .eit, using: &generator),
                            roundId: round.id, token: randomToken()))
                    return index.isMultiple(of: 40)
                        ? try await fixture.database.verify(roundId: round.id, instruments: []) : nil
                }
            }
            var reports: [IntegrityReport] = []
            for try await report in group { if let report { reports.append(report) } }
            return reports
        }
        #expect(reports.count == 10)
        #expect(reports.allSatisfy { $0.isIntact })
    }
}
