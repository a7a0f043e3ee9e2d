import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SurveyCore
import SurveyStore
import Testing

@Suite("Thousands of malformed requests: never a 5xx, never a stored row, never a changed round")
struct FuzzTests {
    /// A deterministic source of junk.
    struct Junk {
        var generator: SeededJunkGenerator

        mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &generator) }

        mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }

        /// Bytes that are often not UTF-8, often percent-escapes gone wrong, sometimes huge.
        mutating func value() -> [UInt8] {
            switch int(0..<9) {
            case 0: return Array(repeating: UInt8(ascii: "4"), count: int(1..<80_000))
            case 1: return (0..<int(1..<40)).map { _ in UInt8(int(0..<256)) }
            case 2: return Array("%\(pick(["zz", "4", "", "C3", "E0%B8", "FF%FE", "00"]))".utf8)
            case 3: return Array(pick(["yes", "no", "1", "2", "3", "4", "5", "0", "-1", "4.0", " 4", "๔"]).utf8)
            case 4:
                return Array(
                    pick(["male", "female", "gt60", "public", "business", "admin", "'; DROP TABLE response; --"]).utf8)
            case 5: return Array(String(repeating: "&=", count: int(1..<50)).utf8)
            case 6: return Array("<script>alert(1)</script>".utf8)
            case 7: return []
            default: return Array(String(int(0..<1_000_000)).utf8)
            }
        }

        mutating func key(fields: [String]) -> [UInt8] {
            switch int(0..<6) {
            case 0...2: return Array(pick(fields).utf8)
            case 3: return Array(pick(["token", "code", "csrf", "lang", "username", "password", "year", "opens"]).utf8)
            case 4: return value()
            default: return Array("\(pick(fields))[]".utf8)
            }
        }

        /// A body of random pairs, with repeated keys, sometimes a real token.
        mutating func body(fields: [String], token: String?) -> ByteBuffer {
            var bytes: [UInt8] = []
            for index in 0..<int(0..<60) {
                if index > 0 { bytes.append(UInt8(ascii: "&")) }
                bytes += key(fields: fields)
                bytes.append(UInt8(ascii: "="))
                bytes += value()
            }
            if let token, int(0..<2) == 0 { bytes += Array("&token=\(token)".utf8) }
            return ByteBuffer(bytes: bytes.prefix(100_000))
        }
    }

    @Test("malformed bodies, content types, tokens and queries on the form and admin routes")
    func fuzz() async throws {
        let fixture = try WebFixture()
        let round = try await fixture.agency(codes: false)!
        try await fixture.agency("staff", codes: true)
        try await fixture.admin("root", agency: nil)
        let fields =
            ["gender", "age", "education", "contact"]
            + (WebFixture.instrument(.iit).fields + WebFixture.instrument(.eit).fields).map(\.id)
        try await fixture.run { client in
            let admin = try #require(try await AdminClient.login(client, "root", WebFixture.password))
            let csrf = try await admin.token()
            var junk = Junk(generator: SeededJunkGenerator(seed: 2570))
            var statuses: [Int: Int] = [:]
            let token = try await client.get("/demo/eit").html.formToken
            let paths = [
                "/demo/eit", "/demo/iit", "/staff/iit", "/demo/eit?lang=en", "/admin/login",
                "/admin/demo/\(round.fiscalYear)/edit",
                "/admin/demo/rounds", "/admin/agencies", "/admin/admins", "/admin/logout", "/nowhere/eit", "/demo/oit",
            ]
            let types = [
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
                "application/json", "multipart/form-data; boundary=x", "text/plain", "",
            ]
            for round in 0..<2500 {
                let path = junk.pick(paths)
                var headers: HTTPFields = [:]
                let type = junk.pick(types)
                if !type.isEmpty { headers[.contentType] = type }
                if path.hasPrefix("/admin"), junk.int(0..<2) == 0 { headers[.cookie] = admin.cookie }
                var body = junk.body(fields: fields, token: token)
                if path.hasPrefix("/admin"), junk.int(0..<3) == 0 { body.writeString("&csrf=\(csrf)") }
                let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
                statuses[response.status.code, default: 0] += 1
                #expect(response.status.code < 500, "round \(round): POST \(path) gave \(response.status)")
                if round % 50 == 0 {
                    let query =
                        String(decoding: junk.value().prefix(200), as: UTF8.self)
                        .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    let get = try await client.get("\(junk.pick(paths))?code=\(query)&lang=\(query)&q=\(query)")
                    #expect(get.status.code < 500, "GET with query \(query)")
                }
            }
            #expect(statuses.keys.count > 4)
        }
        let tallies = try await fixture.database.tallies(roundId: round.id)
        #expect(tallies.iit.responses + tallies.eit.responses == 0)
        #expect(try await fixture.database.round(id: round.id) == round)
        #expect(try await fixture.database.agencies().count == 2)
        #expect(try await fixture.database.admins().count == 1)
    }
}

/// A small deterministic generator for reproducible junk.
struct SeededJunkGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
