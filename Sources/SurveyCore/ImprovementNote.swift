import Foundation

/// The coordinator's "วิธีการพัฒนา" for one weak question of an analysis report, as typed: checked here, so that
/// the console and anything else that stores one agree on what may be kept.
public enum ImprovementNote {
    /// The longest text kept, in characters: a few sentences, as a table cell of the printed report holds.
    public static let maximumLength = 1000

    /// The text to keep for what was typed: trimmed, line breaks as `\n`; nil when empty (the standard suggestion
    /// then applies); a problem, in Thai and English, when too long or holding characters that cannot be printed.
    public static func checked(_ typed: String, field: String) -> Result<String?, ValidationProblem> {
        let text = typed.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > maximumLength {
            return .failure(
                ValidationProblem(
                    field: field,
                    message: LocalizedText(
                        th: "วิธีการพัฒนายาวได้ไม่เกิน \(maximumLength) ตัวอักษร (ใส่มา \(text.count))",
                        en: "At most \(maximumLength) characters (got \(text.count)).")))
        }
        if TypedText.holdsUnprintable(text) {
            return .failure(
                ValidationProblem(field: field, message: TypedText.unprintableMessage("วิธีการพัฒนา", "The text")))
        }
        return .success(text.isEmpty ? nil : text)
    }
}
