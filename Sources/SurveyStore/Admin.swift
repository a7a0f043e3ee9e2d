import Foundation
import GRDB

/// A person who manages rounds: of one agency, or of every agency when `agencyId` is nil.
public struct Admin: Codable, Sendable, Hashable, Identifiable, FetchableRecord, TableRecord {
    public let id: Int64
    public let username: String
    let passwordHash: String
    public let agencyId: Int64?

    public static let databaseTableName = "admin"

    /// Whether this admin manages every agency (and may add agencies and admins).
    public var managesAll: Bool { agencyId == nil }

    /// Whether this admin may see and change an agency's rounds.
    public func manages(agencyId: Int64) -> Bool {
        managesAll || self.agencyId == agencyId
    }

    /// 3–40 lowercase letters, digits, dots, dashes and underscores.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...40).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || ".-_".contains($0)) }
    }
}

/// One admin action, for the log the `--all` admin reads.
public struct AuditEvent: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public let id: Int64
    /// Seconds since 1970.
    public let at: Int64
    public let username: String
    public let agencySlug: String?
    /// An `AuditAction`'s text; older or newer servers may have written others.
    public let action: String
    public let detail: String

    public static let databaseTableName = "auditEvent"
}

/// What an admin (or the command line, as `cli`) did.
public enum AuditAction: String, Sendable, CaseIterable {
    case login
    case loginFailed = "login failed"
    case loginRefusedLocked = "login refused: locked"
    case logout
    case agencyAdded = "agency added"
    case adminAdded = "admin added"
    case passwordChanged = "password changed"
    case roundCreated = "round created"
    case roundChanged = "round changed"
    case reportViewed = "report viewed"
    case exportedCSV = "export csv"
    case exportedJSON = "export json"
    case accessCodesMade = "access codes made"
    case accessCodesPrinted = "access codes printed"
    case accessCodesWithdrawn = "access codes withdrawn"
    case responsesImported = "import"
    case counterLinkMade = "counter link made"
    case counterLinkRevoked = "counter link revoked"

    /// How the audit page names the action.
    public var thai: String {
        switch self {
        case .login: "เข้าสู่ระบบ"
        case .loginFailed: "เข้าสู่ระบบไม่สำเร็จ"
        case .loginRefusedLocked: "เข้าสู่ระบบไม่ได้: บัญชีถูกพัก"
        case .logout: "ออกจากระบบ"
        case .agencyAdded: "เพิ่มหน่วยงาน"
        case .adminAdded: "เพิ่มผู้ดูแล"
        case .passwordChanged: "เปลี่ยนรหัสผ่าน"
        case .roundCreated: "เปิดรอบการประเมิน"
        case .roundChanged: "แก้ไขรอบการประเมิน"
        case .reportViewed: "เปิดรายงาน"
        case .exportedCSV: "ส่งออก CSV"
        case .exportedJSON: "ส่งออก JSON"
        case .accessCodesMade: "สร้างรหัสผู้ตอบ"
        case .accessCodesPrinted: "พิมพ์บัตรรหัส"
        case .accessCodesWithdrawn: "ยกเลิกรหัสที่ยังไม่ใช้"
        case .responsesImported: "นำเข้าคำตอบ"
        case .counterLinkMade: "สร้างลิงก์หน้าจอเคาน์เตอร์"
        case .counterLinkRevoked: "ยกเลิกลิงก์หน้าจอเคาน์เตอร์"
        }
    }
}

/// One line to write to the audit log.
public struct AuditEntry: Sendable {
    public let actor: String
    public let action: AuditAction
    public let agency: String?
    public let detail: String
    public let at: Date

    public init(_ actor: String, _ action: AuditAction, agency: String? = nil, detail: String = "", at: Date = Date()) {
        self.actor = actor
        self.action = action
        self.agency = agency
        self.detail = detail
        self.at = at
    }

    func insert(in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO auditEvent (at, username, agencySlug, action, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [Int64(at.timeIntervalSince1970), actor, agency, action.rawValue, detail])
    }
}
