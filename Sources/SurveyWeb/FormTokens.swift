import Crypto
import Foundation
import SurveyCore
import SurveyStore

/// One-time form tokens and ballots: a random nonce and the day it was issued, signed with the server secret
/// so neither can be made up; the store remembers spent nonces. A ballot is what a spent access code turns
/// into: it allows one IIT answer and carries nothing of the code, so the answer it allows cannot be joined
/// to the code, whatever key one holds.
struct FormTokens: Sendable {
    /// What a signed nonce is for; a token cannot pass as a ballot or the other way round.
    enum Purpose: String {
        case form = "form-token"
        case ballot
    }

    let key: SymmetricKey
    /// HMAC with the key already absorbed; each signature starts from a copy.
    private let keyed: HMAC<SHA256>
    /// How long a rendered form can be sent.
    static let validDays = 7

    init(key: SymmetricKey) {
        self.key = key
        keyed = HMAC<SHA256>(key: key)
    }

    /// A fresh token for a form of a round; a form token also signs the instrument `version` its page shows, so
    /// that a page drawn before the round's set changed is not read with the new set's points.
    func issue(roundId: Int64, form: FormKind, purpose: Purpose = .form, version: String = "", day: Day) -> String {
        let body = RandomBytes.hex(RandomBytes.make(16)) + "." + day.compact
        return body + "." + signature(body, roundId: roundId, form: form, purpose: purpose, version: version)
    }

    /// The nonce and issue day of a genuine, unexpired token for this form and instrument version; nil otherwise.
    func verify(
        _ token: String, roundId: Int64, form: FormKind, purpose: Purpose = .form, version: String = "", today: Day
    ) -> OneTimeNonce? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count == 32, parts[1].count == 8,
            let nonce = Self.bytes(hex: parts[0]),
            let day = Day("\(parts[1].prefix(4))-\(parts[1].dropFirst(4).prefix(2))-\(parts[1].suffix(2))"),
            day <= today, day.days(until: today) <= Self.validDays
        else { return nil }
        let expected = signature(
            parts[0] + "." + parts[1], roundId: roundId, form: form, purpose: purpose, version: version)
        guard expected.equalsInConstantTime(parts[2]) else { return nil }
        return OneTimeNonce(nonce: Data(nonce), day: day)
    }

    private func signature(_ body: String, roundId: Int64, form: FormKind, purpose: Purpose, version: String)
        -> String
    {
        var mac = keyed
        mac.update(data: Data("\(purpose.rawValue)|\(roundId)|\(form.rawValue)|\(version)|\(body)".utf8))
        return RandomBytes.hex(Array(mac.finalize()).prefix(16))
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension String {
    /// Whether two texts are equal, in a time that tells nothing of where they differ (for signatures).
    func equalsInConstantTime(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    }
}
