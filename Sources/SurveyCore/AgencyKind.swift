/// The agency groups of the EIT minimum-sample table.
public enum AgencyKind: String, Sendable, Hashable, CaseIterable, Codable {
    case saoS = "sao-s"
    case saoM = "sao-m"
    case saoL = "sao-l"
    case tmS = "tm-s"
    case tmM = "tm-m"
    case policy
    case permit
    case university
    case other

    public var label: LocalizedText {
        switch self {
        case .saoS: LocalizedText(th: "อบต. ขนาดเล็ก", en: "Subdistrict administrative organisation, small")
        case .saoM: LocalizedText(th: "อบต. ขนาดกลาง", en: "Subdistrict administrative organisation, medium")
        case .saoL: LocalizedText(th: "อบต. ขนาดใหญ่", en: "Subdistrict administrative organisation, large")
        case .tmS: LocalizedText(th: "เทศบาลตำบล ขนาดเล็ก", en: "Subdistrict municipality, small")
        case .tmM: LocalizedText(th: "เทศบาลตำบล ขนาดกลาง", en: "Subdistrict municipality, medium")
        case .policy:
            LocalizedText(
                th: "หน่วยงานด้านนโยบาย วิชาการ หรือบริการเฉพาะ", en: "Policy, academic or specialised service unit")
        case .permit: LocalizedText(th: "หน่วยงานส่วนกลางที่ออกใบอนุญาต", en: "Central permit-issuing unit")
        case .university: LocalizedText(th: "มหาวิทยาลัย", en: "University")
        case .other: LocalizedText(th: "อื่น ๆ", en: "Other")
        }
    }

    /// The EIT minimum of the agency-group table (guidance of 2567); nil for `other`.
    public var eitGroupMinimum: Int? {
        switch self {
        case .saoS: 30
        case .saoM: 40
        case .saoL: 50
        case .tmS: 60
        case .tmM: 70
        case .policy: 100
        case .permit, .university: 400
        case .other: nil
        }
    }
}
