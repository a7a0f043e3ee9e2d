/// The three tools of the ITA and the weight each has in the total.
public enum ITATool: String, Sendable, Hashable, CaseIterable {
    case iit
    case eit
    case oit

    /// The indicators the tool's score is the mean of.
    public var indicatorNumbers: ClosedRange<Int> {
        switch self {
        case .iit: 1...5
        case .eit: 6...8
        case .oit: 9...10
        }
    }

    /// The tool's share of the total: 30 % IIT, 30 % EIT, 40 % OIT.
    public var weight: Rational {
        self == .oit ? Rational(4, 10) : Rational(3, 10)
    }

    /// How reports name the tool: `IIT`, `EIT`, `OIT`.
    public var code: String { rawValue.uppercased() }

    /// The tool an indicator belongs to; nil for a number that is not one of the ten.
    public static func of(indicator number: Int) -> ITATool? {
        allCases.first { $0.indicatorNumbers.contains(number) }
    }
}

/// One of the ten ITA indicators, as the NACC's result tables number and name them.
public struct ITAIndicator: Sendable, Hashable {
    public let number: Int
    public let name: LocalizedText
    public let tool: ITATool

    /// The ten indicators in number order.
    public static let all: [ITAIndicator] = [
        ("การปฏิบัติหน้าที่", "performance of duty"),
        ("การใช้งบประมาณ", "use of budget"),
        ("การใช้อำนาจ", "use of authority"),
        ("การใช้ทรัพย์สินของราชการ", "use of government property"),
        ("การแก้ไขปัญหาการทุจริต", "tackling corruption"),
        ("คุณภาพการดำเนินงาน", "quality of operations"),
        ("ประสิทธิภาพการสื่อสาร", "effective communication"),
        ("การปรับปรุงระบบการทำงาน", "improving the way of working"),
        ("การเปิดเผยข้อมูล", "information disclosure"),
        ("การป้องกันการทุจริต", "corruption prevention"),
    ].enumerated().map { index, name in
        ITAIndicator(
            number: index + 1, name: LocalizedText(th: name.0, en: name.1), tool: ITATool.of(indicator: index + 1)!)
    }

    /// The numbers the indicators have.
    public static let numbers = 1...10

    /// The indicator of a number from 1 to 10.
    public static func numbered(_ number: Int) -> ITAIndicator? {
        numbers.contains(number) ? all[number - 1] : nil
    }
}
