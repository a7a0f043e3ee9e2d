/// A rule that sets the minimum number of respondents for one form of a round.
public enum SampleRule: Sendable, Hashable {
    /// The EIT agency-group table.
    case agencyGroup
    /// A share of the population, with a floor (everyone below it) and a cap.
    case percentage(percent: Int, floor: Int, cap: Int)
    /// Krejcie & Morgan (1970), 95 % confidence, ±5 %.
    case krejcieMorgan
    /// Yamane, e = 0.05.
    case yamane
    /// A number typed by the admin.
    case fixed(Int)

    /// The percentage rule of the education-sector manuals: 10 %, at least 30, at most 400.
    public static let tenPercent = SampleRule.percentage(percent: 10, floor: 30, cap: 400)

    /// The default: Krejcie & Morgan for IIT; for EIT the agency-group table, or Krejcie & Morgan when the
    /// kind has no row in it.
    public static func standard(for form: FormKind, kind: AgencyKind) -> SampleRule {
        form == .eit && kind.eitGroupMinimum != nil ? .agencyGroup : .krejcieMorgan
    }

    /// The minimum sample; nil when the rule needs a population that is not known.
    public func minimum(population: Int?, kind: AgencyKind) -> Int? {
        // Counts beyond what the settings accept are no population (their arithmetic would overflow).
        let population = population.flatMap { (0...RoundSettings.largestCount).contains($0) ? $0 : nil }
        switch self {
        case .agencyGroup:
            return kind.eitGroupMinimum ?? population.map(Self.krejcieMorgan)
        case .fixed(let count):
            return count
        case .percentage(let percent, let floor, let cap):
            guard let population else { return nil }
            let share = (population * percent + 99) / 100
            return min(population, max(floor, share), cap)
        case .krejcieMorgan:
            return population.map(Self.krejcieMorgan)
        case .yamane:
            // n = N / (1 + N·0.05²) = 400N / (400 + N), rounded up.
            return population.map { $0 == 0 ? 0 : (400 * $0 + 400 + $0 - 1) / (400 + $0) }
        }
    }

    /// n = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05, to the nearest whole number;
    /// scaled by 100,000 so it stays in integers: 96025·N / (250·(N−1) + 96025).
    static func krejcieMorgan(_ population: Int) -> Int {
        guard population > 0 else { return 0 }
        let numerator = 96_025 * population
        let denominator = 250 * (population - 1) + 96_025
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// The rule's name as the admin reads it.
    public var name: LocalizedText {
        switch self {
        case .agencyGroup:
            LocalizedText(th: "ตารางกลุ่มหน่วยงาน (เกณฑ์ EIT)", en: "Agency-group table (EIT guidance)")
        case .percentage(let percent, let floor, let cap):
            LocalizedText(
                th: "ร้อยละ \(percent) ของประชากร อย่างน้อย \(floor) ไม่เกิน \(cap)",
                en: "\(percent) % of the population, at least \(floor), at most \(cap)")
        case .krejcieMorgan:
            LocalizedText(th: "ตารางเครจซีและมอร์แกน (ความเชื่อมั่น 95%)", en: "Krejcie & Morgan (95 % confidence)")
        case .yamane:
            LocalizedText(th: "สูตรของยามาเน่ (คลาดเคลื่อน 5%)", en: "Yamane (5 % error)")
        case .fixed(let count):
            LocalizedText(th: "กำหนดเอง \(count) คน", en: "Fixed at \(count)")
        }
    }

    /// The rule as one short token, for command lines and storage: `group`, `percent:10:30:400`,
    /// `krejcie-morgan`, `yamane`, `fixed:50`.
    public var token: String {
        switch self {
        case .agencyGroup: "group"
        case .percentage(let percent, let floor, let cap): "percent:\(percent):\(floor):\(cap)"
        case .krejcieMorgan: "krejcie-morgan"
        case .yamane: "yamane"
        case .fixed(let count): "fixed:\(count)"
        }
    }

    /// Whether the numbers are ones a round may use: a fixed minimum of at least one, a cap of at least one, none
    /// beyond `RoundSettings.largestCount`.
    public var isWithinBounds: Bool {
        switch self {
        case .fixed(let count): (1...RoundSettings.largestCount).contains(count)
        case .percentage(_, let floor, let cap):
            cap >= 1 && floor <= RoundSettings.largestCount && cap <= RoundSettings.largestCount
        case .agencyGroup, .krejcieMorgan, .yamane: true
        }
    }

    /// Reads a token written by `token`; `percent` alone means 10 %, at least 30, at most 400.
    public init?(token: String) {
        let parts = token.split(separator: ":").map(String.init)
        let numbers = parts.dropFirst().compactMap { Int($0) }.filter { $0 >= 0 }
        guard numbers.count == parts.count - 1 else { return nil }
        switch (parts.first, numbers.count) {
        case ("group", 0): self = .agencyGroup
        case ("krejcie-morgan", 0): self = .krejcieMorgan
        case ("yamane", 0): self = .yamane
        case ("fixed", 1): self = .fixed(numbers[0])
        case ("percent", 0): self = .tenPercent
        case ("percent", 3) where (1...100).contains(numbers[0]) && numbers[1] <= numbers[2]:
            self = .percentage(percent: numbers[0], floor: numbers[1], cap: numbers[2])
        default: return nil
        }
    }
}
