/// A piece of text in Thai, the language shown first, and in English.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var th: String
    public var en: String

    public init(th: String, en: String) {
        self.th = th
        self.en = en
    }

    /// Both languages on one line, Thai first: "ชาย / male".
    public var bilingual: String { "\(th) / \(en)" }
}
