/// The two perception surveys this product collects.
public enum FormKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case iit
    case eit

    public var title: LocalizedText {
        switch self {
        case .iit:
            LocalizedText(
                th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
                en: "Internal perception survey (IIT)")
        case .eit:
            LocalizedText(
                th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
                en: "External perception survey (EIT)")
        }
    }

    /// The ITA indicator numbers that belong to this tool.
    public var indicatorNumbers: ClosedRange<Int> {
        switch self {
        case .iit: 1...5
        case .eit: 6...8
        }
    }

    /// The profile dimensions a respondent of this form is asked, in the order the form shows them.
    public var profileDimensions: [ProfileDimension] {
        switch self {
        case .iit: [.gender, .age, .education]
        case .eit: [.gender, .age, .education, .contact]
        }
    }

    /// The dimensions that reports cross with gender.
    public var crossedDimensions: [ProfileDimension] {
        profileDimensions.filter { $0 != .gender }
    }

    public static func < (lhs: FormKind, rhs: FormKind) -> Bool {
        lhs == .iit && rhs == .eit
    }
}
