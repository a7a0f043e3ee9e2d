import Crypto
import Foundation
import GRDB
import SurveyCore

/// A person who manages rounds: of one agency, or of every agency when `agencyId` is nil.
public struct Admin: Codable, Sendable, Hashable, Identifiable, FetchableRecord, TableRecord {
    public let id: Int64
    public let username: String
    let passwordHash: String
    public let agencyId: Int64?
    /// A disabled admin cannot sign in and has no session.
    public let disabled: Bool

    public static let databaseTableName = "admin"

    /// Whether this admin manages every agency (and may add agencies and admins).
    public var managesAll: Bool { agencyId == nil }

    /// An opaque text that stays the same while the admin keeps their account and password and changes when either
    /// does: what a browser remembered at sign-in is bound to.
    public var credentialStamp: String {
        RandomBytes.hex(SHA256.hash(data: Data("\(id)|\(passwordHash)".utf8)))
    }

    /// Whether this admin may see and change an agency's rounds.
    public func manages(agencyId: Int64) -> Bool {
        managesAll || self.agencyId == agencyId
    }

    /// How many characters a username has.
    public static let usernameLengths = 3...40

    /// 3–40 lowercase letters, digits, dots, dashes and underscores.
    public static func isValidUsername(_ name: String) -> Bool {
        // Every allowed character is one byte, so counting bytes refuses a long name without reading all of it.
        usernameLengths.contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || ".-_".utf8.contains(byte)
            }
    }
}

/// A session that has not been idle too long: its admin, and when it was last seen.
public struct LiveSession: Sendable {
    public let admin: Admin
    public let lastSeen: Date
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
    /// Failed and refused logins of one minute that did not get a row each.
    case loginsSummed = "logins summed up"
    case logout
    case agencyAdded = "agency added"
    case adminAdded = "admin added"
    case passwordChanged = "password changed"
    case passwordReset = "password reset"
    case adminDisabled = "admin disabled"
    case adminEnabled = "admin enabled"
    case agencyArchived = "agency archived"
    case agencyUnarchived = "agency unarchived"
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
    case officialLinkChanged = "official survey link changed"
    case officialResultsSaved = "official results saved"
    case officialResultsDeleted = "official results deleted"
    case measuresPlanDrafted = "measures plan drafted"
    case measuresPlanSaved = "measures plan saved"
    case measuresFollowUpSaved = "measures follow-up saved"
    case measuresPlanDownloaded = "measures plan downloaded"
    case measuresFollowUpDownloaded = "measures follow-up downloaded"
    case improvementNotesChanged = "improvement notes changed"

    /// How the audit page names the action.
    public var thai: String {
        switch self {
        case .login: "เข้าสู่ระบบ"
        case .loginFailed: "เข้าสู่ระบบไม่สำเร็จ"
        case .loginRefusedLocked: "เข้าสู่ระบบไม่ได้: บัญชีถูกพัก"
        case .loginsSummed: "เข้าสู่ระบบไม่สำเร็จ: รวมยอดต่อนาที"
        case .logout: "ออกจากระบบ"
        case .agencyAdded: "เพิ่มหน่วยงาน"
        case .adminAdded: "เพิ่มผู้ดูแล"
        case .passwordChanged: "เปลี่ยนรหัสผ่าน"
        case .passwordReset: "ตั้งรหัสผ่านใหม่ให้ผู้ดูแล"
        case .adminDisabled: "ระงับบัญชีผู้ดูแล"
        case .adminEnabled: "เปิดใช้บัญชีผู้ดูแลอีกครั้ง"
        case .agencyArchived: "ซ่อนหน่วยงาน (เก็บถาวร)"
        case .agencyUnarchived: "นำหน่วยงานที่ซ่อนไว้กลับมาใช้"
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
        case .officialLinkChanged: "แก้ไขลิงก์แบบประเมิน ITAS"
        case .officialResultsSaved: "บันทึกผลการประเมินอย่างเป็นทางการ"
        case .officialResultsDeleted: "ลบผลการประเมินอย่างเป็นทางการ"
        case .measuresPlanDrafted: "ร่างมาตรการส่งเสริมคุณธรรมจากผลการประเมิน"
        case .measuresPlanSaved: "บันทึกมาตรการส่งเสริมคุณธรรม"
        case .measuresFollowUpSaved: "บันทึกผลการดำเนินการตามมาตรการ"
        case .measuresPlanDownloaded: "ดาวน์โหลดมาตรการ (DOCX)"
        case .measuresFollowUpDownloaded: "ดาวน์โหลดรายงานผลการดำเนินการตามมาตรการ (DOCX)"
        case .improvementNotesChanged: "แก้ไขวิธีการพัฒนาในรายงานการวิเคราะห์"
        }
    }
}

/// One line to write to the audit log.
public struct AuditEntry: Sendable {
    /// An admin's username, `cli`, or one of the placeholders below; never anything else that was typed.
    public let actor: String
    public let action: AuditAction
    public let agency: String?
    public let detail: String
    public let at: Date

    /// The actor of a line about someone who typed a name no account can have.
    public static let invalidName = "(invalid name)"
    /// The actor of a line that sums up the attempts of people not signed in.
    public static let notSignedIn = "(not signed in)"

    /// A line by `actor`, which becomes `invalidName` unless it has the shape of a username.
    public init(_ actor: String, _ action: AuditAction, agency: String? = nil, detail: String = "", at: Date = Date()) {
        self.actor = Admin.isValidUsername(actor) || actor == Self.notSignedIn ? actor : Self.invalidName
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
