import Crypto
import Foundation
import SurveyCore

/// One-time access codes (IIT staff codes, EIT counter slips): how they look, how typed input is read, how they are looked up.
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

    /// The code as typed, without spaces, dashes or other separators and in capitals; nil when it cannot be
    /// a code.
    public static func normalize(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { !$0.isWhitespace && !"-‐‑–—_.+".contains($0) }
        guard letters.count == length, letters.allSatisfy(alphabet.contains) else { return nil }
        return letters
    }

    /// A normalized code shown as on a slip, `ABCD-EFGH`.
    public static func display(_ normalized: String) -> String {
        String(normalized.prefix(4)) + "-" + String(normalized.dropFirst(4))
    }

    /// The key a code is looked up by.
    static func hash(_ normalized: String, roundId: Int64, secret: SymmetricKey) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(roundId):\(normalized)".utf8), using: secret))
    }
}

/// What a typed access code turned out to be.
public enum AccessCodeStatus: Sendable, Hashable {
    case unused
    case used
    case withdrawn
    case unknown
}

/// One "make N codes" action of a round, with what became of its codes.
public struct CodeBatch: Sendable, Hashable {
    public let id: Int64
    /// The form its codes open.
    public let form: FormKind
    /// 1 for the round's first batch of its form, and so on.
    public let number: Int
    public let size: Int
    public let madeOn: Day?
    /// Whether its slips were printed (opened for printing) at least once.
    public let printed: Bool
    public let used: Int
    public let withdrawn: Int
    /// False for codes made before batches were kept, which exist only as hashes.
    public let reprintable: Bool

    /// Codes neither used nor withdrawn.
    public var open: Int { size - used - withdrawn }
}

/// A round's codes of a form in all: made, on printed slips, used, withdrawn.
public struct AccessCodeCounts: Sendable, Hashable {
    public let made: Int
    public let printed: Int
    public let used: Int
    public let withdrawn: Int

    public init(_ batches: [CodeBatch]) {
        made = batches.reduce(0) { $0 + $1.size }
        printed = batches.filter(\.printed).reduce(0) { $0 + $1.size }
        used = batches.reduce(0) { $0 + $1.used }
        withdrawn = batches.reduce(0) { $0 + $1.withdrawn }
    }
}
