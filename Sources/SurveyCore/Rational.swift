import Foundation

/// An exact fraction over 128-bit integers, always in lowest terms with a positive denominator.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "a fraction needs a denominator other than zero")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    public init(_ value: Int) {
        self.init(Int128(value), 1)
    }

    /// Parses a plain decimal such as `92.35` or `100` exactly; nil for anything else.
    public init?(decimal text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), digits.count <= 30,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard let value = Int128(String(parts[0] + fraction)) else { return nil }
        var scale: Int128 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        self.init(negative ? -value : value, scale)
    }

    public static let zero = Rational(0)

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        let divisor = Int128(gcd(lhs.denominator.magnitude, rhs.denominator.magnitude))
        let left = rhs.denominator / divisor
        let right = lhs.denominator / divisor
        return Rational(lhs.numerator * left + rhs.numerator * right, lhs.denominator * left)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + Rational(-rhs.numerator, rhs.denominator)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        let crossA = Int128(gcd(lhs.numerator.magnitude, rhs.denominator.magnitude))
        let crossB = Int128(gcd(rhs.numerator.magnitude, lhs.denominator.magnitude))
        return Rational(
            (lhs.numerator / crossA) * (rhs.numerator / crossB),
            (lhs.denominator / crossB) * (rhs.denominator / crossA))
    }

    public static func / (lhs: Rational, rhs: Int) -> Rational {
        lhs * Rational(1, Int128(rhs))
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        (lhs - rhs).numerator < 0
    }

    /// The mean of the values; nil for none.
    public static func mean(_ values: [Rational]) -> Rational? {
        guard !values.isEmpty else { return nil }
        return values.reduce(.zero, +) / values.count
    }

    /// The value in hundredths, rounded half away from zero: 88.555 → 8856.
    public var roundedHundredths: Int128 {
        let scaled = numerator * 100
        let quotient = scaled / denominator
        let remainder = (scaled % denominator).magnitude * 2
        guard remainder >= denominator.magnitude else { return quotient }
        return scaled < 0 ? quotient - 1 : quotient + 1
    }

    /// The value rounded to two decimals, for comparing what a reader sees with a threshold.
    public var rounded: Rational { Rational(roundedHundredths, 100) }

    /// Two decimals, the way reports show scores: `88.55`, `100.00`.
    public var formatted: String {
        let hundredths = roundedHundredths
        let whole = hundredths.magnitude / 100
        let cents = hundredths.magnitude % 100
        return (hundredths < 0 ? "-" : "") + "\(whole)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// The value as a plain decimal with no digit lost, such as `92.35`, `100` or `0.125`; nil when it has no
    /// finite decimal (a third). `Rational(decimal:)` reads it back to the same value.
    public var exactDecimal: String? {
        var scale: Int128 = 1
        var places = 0
        while scale % denominator != 0 {
            guard places < 30 else { return nil }
            scale *= 10
            places += 1
        }
        let digits = String((numerator * (scale / denominator)).magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let whole = padded.dropLast(places)
        let fraction = padded.suffix(places)
        return (numerator < 0 ? "-" : "") + whole + (places == 0 ? "" : "." + fraction)
    }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String { formatted }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }
}
