/// A request the store refuses, with a message for the person who made it.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case invalidSlug(String)
    case duplicateSlug(String)
    case unknownAgency(String)
    case roundExists(agency: String, year: Int)
    case unknownRound(agency: String, year: Int)
    case invalidUsername(String)
    case duplicateUsername(String)
    case unknownUsername(String)
    case weakPassword
    case fileExists(String)
    /// The database cannot be written just now: full, locked by another program, read-only.
    case unavailable(String)

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
        case .invalidUsername(let name):
            "“\(name)” cannot be a username: use 3–40 lowercase letters, digits, dots, dashes or underscores"
                + " / ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข จุด ขีด 3–40 ตัว"
        case .duplicateUsername(let name):
            "the username “\(name)” is taken / มีผู้ใช้ชื่อ “\(name)” อยู่แล้ว"
        case .unknownUsername(let name):
            "no admin named “\(name)” / ไม่พบผู้ดูแลชื่อ “\(name)”"
        case .weakPassword:
            "a password needs at least \(PasswordPolicy.minimumLength) characters"
                + " / รหัสผ่านต้องยาวอย่างน้อย \(PasswordPolicy.minimumLength) ตัวอักษร"
        case .fileExists(let path):
            "\(path) exists already; choose a new file / มีไฟล์ \(path) อยู่แล้ว กรุณาใช้ชื่อใหม่"
        case .unavailable(let reason):
            "the database cannot be written just now (\(reason)) / ฐานข้อมูลบันทึกไม่ได้ชั่วคราว"
        }
    }
}
