import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML part read by Foundation's XMLParser: whether it is well-formed, its elements with their attributes in
/// document order, and the text of each `w:p` (its `w:t` runs joined, a `w:tab` as a tab).
final class ParsedXML: NSObject, XMLParserDelegate {
    /// An element's qualified name and attributes.
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var paragraphs: [String] = []
    private(set) var error: String?
    private var paragraph = ""
    private var inText = false

    /// Parses `data`; `error` tells what the parser refused, if anything.
    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "not well-formed" }
    }

    /// The attributes of every element named `name`.
    func attributes(of name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        switch name {
        case "w:p": paragraph = ""
        case "w:t": inText = true
        case "w:tab": paragraph += "\t"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:p": paragraphs.append(paragraph)
        case "w:t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters text: String) { if inText { paragraph += text } }
}
