import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SurveyCore
import SurveyStore
import Synchronization
import Testing

@testable import SurveyWeb

@Suite("Client addresses: forwarded ones believed only from trusted proxies, each respondent limited alone")
struct ClientAddressTests {
    @Test("address blocks hold what they should, IPv4 mapped into IPv6 included")
    func ranges() throws {
        let local = try #require(AddressRange("10.0.0.0/8"))
        #expect(local.contains("10.200.3.4") && !local.contains("11.0.0.1") && !local.contains("fd00::1"))
        #expect(AddressRange.loopback.contains { $0.contains("::ffff:127.0.0.1") })
        #expect(try #require(AddressRange("fd00::/8")).contains("fd12:3456::1"))
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0/8", "::1/129", "10.0.0.1/+8", ""] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
    }

    @Test("the client is the nearest forwarded address that is not a trusted proxy, and only behind one")
    func resolving() throws {
        let peer = try SocketAddress(ipAddress: "127.0.0.1", port: 5000)
        let stranger = try SocketAddress(ipAddress: "198.51.100.9", port: 5000)
        let trusted = AddressRange.loopback + [AddressRange("10.0.0.0/8")!]
        func resolve(_ from: SocketAddress, _ header: String?) -> String? {
            ClientAddress.resolve(peer: from, forwardedFor: header, trusted: trusted)
        }
        #expect(resolve(peer, "203.0.113.5") == "203.0.113.5")
        // What a client wrote itself sits left of what the proxies appended.
        #expect(resolve(peer, "1.2.3.4, 203.0.113.5") == "203.0.113.5")
        #expect(resolve(peer, "203.0.113.5, 10.1.1.1") == "203.0.113.5")
        #expect(resolve(peer, nil) == "127.0.0.1")
        #expect(resolve(peer, "not an address") == "127.0.0.1")
        #expect(resolve(stranger, "203.0.113.5") == "198.51.100.9")
        // One subscriber's IPv6 block is one client, however they step through it; a mapped IPv4 is the IPv4.
        #expect(resolve(peer, "2001:db8:1:2::5") == "2001:db8:1:2::/64")
        #expect(resolve(peer, "2001:0db8:0001:0002:ffff:1:2:3") == "2001:db8:1:2::/64")
        #expect(resolve(peer, "2001:db8:1:3::5") == "2001:db8:1:3::/64")
        #expect(resolve(peer, "::ffff:203.0.113.5") == "203.0.113.5")
    }

    /// Loads the form and sends it as a phone behind the proxy would, the proxy naming the phone's address.
    static func submit(_ client: any TestClientProtocol, from address: String) async throws -> HTTPResponse.Status {
        let form = try await client.execute(uri: "/demo/eit", method: .get, headers: [.xForwardedFor: address])
        var answers = WebFixture.answers(.eit)
        answers["token"] = form.html.formToken
        return try await client.execute(
            uri: "/demo/eit", method: .post,
            headers: [.xForwardedFor: address, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode(answers))
        ).status
    }

    @Test(
        "behind the proxy on this machine each respondent has an allowance of their own; a stranger's header is not believed"
    )
    func forwardedLimits() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        let behindProxy = try await fixture.run(.live, adjust: { $0.submissionsPerMinute = 3 }) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 { statuses.append(try await Self.submit(client, from: "203.0.113.5")) }
            statuses.append(try await Self.submit(client, from: "203.0.113.6"))
            return statuses
        }
        #expect(behindProxy == [.seeOther, .seeOther, .seeOther, .tooManyRequests, .seeOther])
        // Not a trusted proxy: whatever it forwards, this machine is one client.
        let direct = try await fixture.run(
            .live,
            adjust: {
                $0.submissionsPerMinute = 3
                $0.trustedProxies = []
            }
        ) { client in
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<4 { statuses.append(try await Self.submit(client, from: "203.0.113.\(10 + index)")) }
            return statuses
        }
        #expect(direct == [.seeOther, .seeOther, .seeOther, .tooManyRequests])
        let stepping = try await fixture.run(.live, adjust: { $0.submissionsPerMinute = 3 }) { client in
            var statuses: [HTTPResponse.Status] = []
            for index in 1...4 { statuses.append(try await Self.submit(client, from: "2001:db8:7:7::\(index)")) }
            return statuses
        }
        #expect(stepping == [.seeOther, .seeOther, .seeOther, .tooManyRequests])
        #expect(try await fixture.database.tallies(roundId: round.id).eit.responses == 10)
    }
}

@Suite("The per-address allowance")
struct AddressLimiterTests {
    @Test("a used-up allowance refills over the minute; a flood from 30,000 addresses holds at most 10,000 of them")
    func allowanceAndBound() {
        let limiter = AddressLimiter(perMinute: 3)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect((0..<4).map { _ in limiter.allow("203.0.113.5", now: start) } == [true, true, true, false])
        #expect(limiter.allow("203.0.113.6", now: start))
        #expect(!limiter.allow("203.0.113.5", now: start.addingTimeInterval(19)))
        #expect(limiter.allow("203.0.113.5", now: start.addingTimeInterval(21)))
        var most = 0
        for index in 0..<30_000 {
            _ = limiter.allow(
                "10.\(index / 65_536).\(index / 256 % 256).\(index % 256)", now: start.addingTimeInterval(30))
            most = max(most, limiter.heldClients)
        }
        #expect(most == AddressLimiter.capacity)
        #expect(limiter.allow(nil, now: start))
    }
}

@Suite("Bursts of answers no crowd of phones makes are flagged on the dashboard, a day late")
struct BurstTests {
    @Test("thirty answers to a round within a minute make a burst; twenty-nine do not")
    func threshold() {
        let bursts = SubmissionBursts()
        let start = ContinuousClock.now
        let day = WebFixture.today
        for second in 0..<29 { bursts.noteStored(roundId: 1, day: day, now: start + .seconds(second * 2)) }
        #expect(bursts.days(roundId: 1, before: day.adding(days: 1)).isEmpty)
        bursts.noteStored(roundId: 1, day: day, now: start + .seconds(59))
        bursts.noteStored(roundId: 1, day: day, now: start + .seconds(60))
        #expect(bursts.days(roundId: 1, before: day.adding(days: 1)).map(\.answers) == [31])
        #expect(bursts.days(roundId: 1, before: day).isEmpty)
        #expect(bursts.days(roundId: 2, before: day.adding(days: 1)).isEmpty)
    }

    @Test("a burst shows on the dashboard once its day is over, with its count")
    func dashboard() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency()!
        try await fixture.admin("root", agency: nil)
        let day = Mutex(WebFixture.today)
        let clock = WallClock { WallClock.fixed(day.withLock { $0 }).now }
        try await fixture.run(clock: clock) { client in
            for _ in 0..<35 {
                let (_, stored) = try await client.fillAndSubmit("/demo/eit", WebFixture.answers(.eit))
                #expect(stored.status == .seeOther)
            }
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            #expect(!(try await admin.get("/admin/demo/\(round.fiscalYear)").html.contains("data-bursts")))
            day.withLock { $0 = $0.adding(days: 1) }
            // A day later the session has long been idle: sign in again.
            let tomorrow = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let next = try await tomorrow.get("/admin/demo/\(round.fiscalYear)").html
            #expect(next.contains("data-bursts") && next.contains("35 คำตอบเข้ามาถี่เกินกว่าคนตอบได้จริง"))
        }
    }
}
