/// A respondent profile question (gender, age band, education, EIT contact type) and its category codes.
public enum ProfileDimension: String, Sendable, Hashable, CaseIterable, Codable {
    case gender
    case age
    case education
    case contact

    public var label: LocalizedText {
        switch self {
        case .gender: LocalizedText(th: "เพศ", en: "Gender")
        case .age: LocalizedText(th: "ช่วงอายุ", en: "Age group")
        case .education: LocalizedText(th: "ระดับการศึกษา", en: "Education")
        case .contact: LocalizedText(th: "ประเภทผู้มาติดต่อหน่วยงาน", en: "You contacted the agency as")
        }
    }

    public var categories: [ProfileCategory] {
        switch self {
        case .gender:
            [
                ProfileCategory("male", th: "ชาย", en: "Male"),
                ProfileCategory("female", th: "หญิง", en: "Female"),
                ProfileCategory("other", th: "อื่น ๆ", en: "Other"),
            ]
        case .age:
            [
                ProfileCategory("lt20", th: "ต่ำกว่า 20 ปี", en: "Under 20"),
                ProfileCategory("20-30", th: "20–30 ปี", en: "20–30"),
                ProfileCategory("31-40", th: "31–40 ปี", en: "31–40"),
                ProfileCategory("41-50", th: "41–50 ปี", en: "41–50"),
                ProfileCategory("51-60", th: "51–60 ปี", en: "51–60"),
                ProfileCategory("gt60", th: "มากกว่า 60 ปี", en: "Over 60"),
            ]
        case .education:
            [
                ProfileCategory("primary", th: "ประถมศึกษาหรือต่ำกว่า", en: "Primary school or less"),
                ProfileCategory("secondary", th: "มัธยมศึกษาหรือเทียบเท่า", en: "Secondary school or equivalent"),
                ProfileCategory("diploma", th: "อนุปริญญาหรือเทียบเท่า", en: "Diploma or equivalent"),
                ProfileCategory("bachelor", th: "ปริญญาตรีหรือเทียบเท่า", en: "Bachelor's degree or equivalent"),
                ProfileCategory("postgrad", th: "สูงกว่าปริญญาตรี", en: "Above a bachelor's degree"),
                ProfileCategory("other", th: "อื่น ๆ", en: "Other"),
            ]
        case .contact:
            [
                ProfileCategory("public", th: "บุคคลทั่วไป", en: "Member of the public"),
                ProfileCategory("government", th: "หน่วยงานของรัฐ", en: "Government agency"),
                ProfileCategory("business", th: "องค์กรธุรกิจ", en: "Business"),
                ProfileCategory("other", th: "อื่น ๆ", en: "Other"),
            ]
        }
    }

    public var codes: [String] { categories.map(\.code) }

    /// The category with this code, if the code belongs to the dimension.
    public func category(_ code: String) -> ProfileCategory? {
        categories.first { $0.code == code }
    }
}

/// One answer to a profile question: its code and what the respondent reads.
public struct ProfileCategory: Sendable, Hashable {
    public let code: String
    public let label: LocalizedText

    init(_ code: String, th: String, en: String) {
        self.code = code
        self.label = LocalizedText(th: th, en: en)
    }
}
