/// A request the store refuses, with a message for the person who made it.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case invalidSlug(String)
    case duplicateSlug(String)
    case unknownAgency(String)
    case roundExists(agency: String, year: Int)
    case unknownRound(agency: String, year: Int)

    public var description: String {
        switch self {
        case .invalidSlug(let slug):
            "“\(slug)” cannot be a slug: use 2–40 lowercase letters, digits and dashes, starting with a letter"
                + " / ชื่อย่อต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือขีด 2–40 ตัว ขึ้นต้นด้วยตัวอักษร"
        case .duplicateSlug(let slug):
            "an agency with the slug “\(slug)” already exists / มีหน่วยงานชื่อย่อ “\(slug)” อยู่แล้ว"
        case .unknownAgency(let slug):
            "no agency with the slug “\(slug)” / ไม่พบหน่วยงานชื่อย่อ “\(slug)”"
        case .roundExists(let agency, let year):
            "\(agency) already has a round for fiscal year \(year) / \(agency) มีรอบการประเมินปี \(year) อยู่แล้ว"
        case .unknownRound(let agency, let year):
            "\(agency) has no round for fiscal year \(year) / \(agency) ไม่มีรอบการประเมินปี \(year)"
        }
    }
}
