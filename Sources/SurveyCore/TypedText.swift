/// Rules every text typed by an admin follows before it is kept, so that a page, a CSV and a DOCX print what was
/// meant and nothing reorders or hides the text around it.
public enum TypedText {
    /// Whether the text holds a character that cannot be printed (a control character other than a line break or
    /// a tab) or one that reorders what follows it (the bidirectional embeddings, overrides and isolates, such as
    /// U+202E). Zero-width spaces, which Thai text uses to mark word breaks, are kept.
    public static func holdsUnprintable(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x0D, 0x09: false
            case 0x202A...0x202E, 0x2066...0x2069: true
            default: scalar.properties.generalCategory == .control
            }
        }
    }

    /// The problem, in Thai and English, for a text that holds such a character.
    public static func unprintableMessage(_ what: String, _ whatEnglish: String) -> LocalizedText {
        LocalizedText(
            th: "\(what) มีอักขระควบคุมหรืออักขระสลับทิศทางที่พิมพ์ไม่ได้ กรุณาพิมพ์ใหม่",
            en:
                "\(whatEnglish) holds control or direction-changing characters that cannot be printed; please type it again."
        )
    }
}
