import Crypto
import Foundation

/// One-time IIT access codes: how they look, how typed input is read, how they are kept (hashed only).
public enum AccessCode {
    /// Letters and digits that cannot be mistaken for one another when read off a slip.
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    static let length = 8

    /// A new random code, shown as `ABCD-EFGH`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return String(letters.prefix(4)) + "-" + String(letters.suffix(4))
    }

    /// The code as typed, without spaces or dashes and in capitals; nil when it cannot be a code.
    public static func normalize(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == length, letters.allSatisfy(alphabet.contains) else { return nil }
        return letters
    }

    /// What the database keeps: a keyed hash, so a copied database reveals no usable code.
    static func hash(_ normalized: String, roundId: Int64, secret: SymmetricKey) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(roundId):\(normalized)".utf8), using: secret))
    }
}

/// What a typed access code turned out to be.
public enum AccessCodeStatus: Sendable, Hashable {
    case unused
    case used
    case unknown
}
