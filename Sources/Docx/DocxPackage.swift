import Foundation

/// The parts of a .docx (Office Open XML) package for a document, zipped in the order Word itself writes them.
struct DocxPackage {
    let document: Document

    /// The namespace of WordprocessingML elements, prefixed `w`.
    private static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The zipped package.
    var bytes: [UInt8] {
        var archive = ZipArchive()
        for (path, xml) in parts { archive.add(path, Array((Self.declaration + xml).utf8)) }
        return archive.bytes
    }

    /// Each part's path in the package and its XML, without the declaration.
    var parts: [(path: String, xml: String)] {
        let body = BodyXML(document: document)
        return [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", coreProperties),
            ("docProps/app.xml", appProperties),
            ("word/document.xml", "<w:document xmlns:w=\"\(Self.wordNamespace)\">\(body.body)</w:document>"),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles),
            ("word/settings.xml", settings),
            ("word/fontTable.xml", fontTable),
            ("word/numbering.xml", numbering(numberedListIDs: body.numberedListIDs)),
        ]
    }

    private var contentTypes: String {
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        let overrides = [
            ("/word/document.xml", "\(word).document.main+xml"),
            ("/word/styles.xml", "\(word).styles+xml"),
            ("/word/settings.xml", "\(word).settings+xml"),
            ("/word/fontTable.xml", "\(word).fontTable+xml"),
            ("/word/numbering.xml", "\(word).numbering+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + overrides.map { "<Override PartName=\"\($0.0)\" ContentType=\"\($0.1)\"/>" }.joined() + "</Types>"
    }

    private var packageRelationships: String {
        relationships([
            ("officeDocument", "\(Self.relationshipTypes)/officeDocument", "word/document.xml"),
            (
                "core", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml"
            ),
            ("app", "\(Self.relationshipTypes)/extended-properties", "docProps/app.xml"),
        ])
    }

    private var documentRelationships: String {
        relationships(
            ["styles", "settings", "fontTable", "numbering"].map {
                ($0, "\(Self.relationshipTypes)/\($0)", "\($0).xml")
            })
    }

    /// A relationships part of `(id, type, target)` triples.
    private func relationships(_ entries: [(id: String, type: String, target: String)]) -> String {
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + entries.map { "<Relationship Id=\"\($0.id)\" Type=\"\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
            + "</Relationships>"
    }

    private var coreProperties: String {
        var xml = "<cp:coreProperties"
        xml += " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        xml += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        xml += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        xml += "<dc:title>\(XMLText.escaped(document.title))</dc:title>"
        xml += "<dc:creator>\(XMLText.escaped(document.author))</dc:creator>"
        xml += "<dc:language>th-TH</dc:language>"
        if let created = document.created {
            xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(created.formatted(.iso8601))</dcterms:created>"
        }
        return xml + "</cp:coreProperties>"
    }

    private var appProperties: String {
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Prongsai</Application></Properties>"
    }

    /// The document defaults (the typeface on all four of Word's font slots, Thai as the complex-script language),
    /// Normal, the three headings and the list paragraph.
    private var styles: String {
        let font = XMLText.escaped(document.font.name)
        let body = halfPoints(document.bodySize)
        var xml = "<w:styles xmlns:w=\"\(Self.wordNamespace)\"><w:docDefaults><w:rPrDefault><w:rPr>"
        xml += "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
        xml += "<w:sz w:val=\"\(body)\"/><w:szCs w:val=\"\(body)\"/>"
        xml += "<w:lang w:val=\"en-US\" w:eastAsia=\"en-US\" w:bidi=\"th-TH\"/></w:rPr></w:rPrDefault>"
        xml += "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
        xml += "</w:pPrDefault></w:docDefaults>"
        xml +=
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
        xml += "</w:style><w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        xml += "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
        xml += "</w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
        xml += "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
        xml += "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        for (level, size) in [(1, document.bodySize + 4), (2, document.bodySize + 2), (3, document.bodySize)] {
            xml += "<w:style w:type=\"paragraph\" w:styleId=\"Heading\(level)\"><w:name w:val=\"heading \(level)\"/>"
            xml += "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
            xml +=
                "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"\(level == 1 ? 240 : 160)\" w:after=\"80\"/>"
            xml += "<w:outlineLvl w:val=\"\(level - 1)\"/></w:pPr><w:rPr><w:b/><w:bCs/>"
            xml += "<w:sz w:val=\"\(halfPoints(size))\"/><w:szCs w:val=\"\(halfPoints(size))\"/></w:rPr></w:style>"
        }
        xml += "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>"
        xml += "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:ind w:left=\"720\"/>"
        xml += "</w:pPr></w:style>"
        return xml + "</w:styles>"
    }

    private var settings: String {
        "<w:settings xmlns:w=\"\(Self.wordNamespace)\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
            + "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting"
            + " w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
            + "</w:compat><w:themeFontLang w:val=\"en-US\" w:bidi=\"th-TH\"/></w:settings>"
    }

    /// The font table: the typeface, its alternate name, and the Thai character set (222) for a reader that
    /// substitutes by character set.
    private var fontTable: String {
        let font = document.font
        let alternate = font.alternateName.map { "<w:altName w:val=\"\(XMLText.escaped($0))\"/>" } ?? ""
        return "<w:fonts xmlns:w=\"\(Self.wordNamespace)\"><w:font w:name=\"\(XMLText.escaped(font.name))\">"
            + "\(alternate)<w:charset w:val=\"DE\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>"
            + "</w:fonts>"
    }

    /// Bullets, and one numbering instance per numbered list so that each starts at 1.
    private func numbering(numberedListIDs: [Int]) -> String {
        func level(format: String, text: String) -> String {
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/><w:lvlText w:val=\"\(text)\"/>"
                + "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"\(BodyXML.listIndent)\" w:hanging=\"\(BodyXML.listHanging)\"/></w:pPr></w:lvl>"
        }
        var xml = "<w:numbering xmlns:w=\"\(Self.wordNamespace)\">"
        xml += "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
        xml += level(format: "bullet", text: "•") + "</w:abstractNum>"
        xml += "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>"
        xml += level(format: "decimal", text: "%1.") + "</w:abstractNum>"
        xml += "<w:num w:numId=\"\(BodyXML.bulletNumberingID)\"><w:abstractNumId w:val=\"0\"/></w:num>"
        for id in numberedListIDs {
            xml += "<w:num w:numId=\"\(id)\"><w:abstractNumId w:val=\"1\"/>"
            xml += "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    /// `points` in the half-points of `w:sz`.
    private func halfPoints(_ points: Double) -> Int { Int((points * 2).rounded()) }
}
