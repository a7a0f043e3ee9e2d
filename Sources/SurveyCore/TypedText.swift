/// Rules every text typed by an admin follows before it is kept, so that a page, a CSV and a DOCX print what was
/// meant and nothing reorders or hides the text around it.
public enum TypedText {
    /// Whether the text holds a character that cannot be printed (a control character other than a line break or
    /// a tab) or one that reorders or hides what follows it (the bidirectional marks, embeddings, overrides and
    /// isolates such as U+202E, the line and paragraph separators, a byte-order mark). Zero-width spaces, which Thai
    /// text uses to mark word breaks, are kept.
    public static func holdsUnprintable(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x0D, 0x09: false
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0xFEFF: true
            default: scalar.properties.generalCategory == .control
            }
        }
    }

    /// The problem, in Thai and English, for a text that holds such a character.
    public static func unprintableMessage(_ what: String, _ whatEnglish: String) -> LocalizedText {
        LocalizedText(
            th: "\(what) มีอักขระพิเศษที่มองไม่เห็น (มักติดมากับการคัดลอก) กรุณาลบแล้วพิมพ์ข้อความนี้ใหม่",
            en: "\(whatEnglish) holds invisible control or direction-changing characters (often pasted with copied"
                + " text); please delete it and type it again.")
    }
}
