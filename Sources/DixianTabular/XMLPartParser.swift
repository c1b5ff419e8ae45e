import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses one XML part of a workbook with Foundation's `XMLParser`, after refusing what a workbook never
/// contains and an attack does.
///
/// A DTD is refused outright (it is how entity expansion — "billion laughs" — and external entities get in), so
/// the prolog is scanned before the parser sees the part. The part must be UTF-8, as every spreadsheet program
/// writes it: a declared or byte-order-marked other encoding could hide a DTD from the byte scan.
enum XMLPartParser {
    /// Runs `handler` over `bytes`; a failure the handler recorded (a limit, a bad reference, the caller's own
    /// error) wins over the parser's complaint about the aborted parse.
    static func parse(_ bytes: [UInt8], part: String, handler: XMLPartHandler) throws {
        try self.checkProlog(bytes, part: part)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = handler
        handler.part = part
        let parsed = parser.parse()
        if let failure = handler.failure { throw failure }
        // An unclosed root is no error to the recovering parser; it is a truncated part here.
        guard parsed, parser.parserError == nil, handler.closedRoot else { throw self.malformed(parser, part: part) }
    }

    static func malformed(_ parser: XMLParser, part: String = "") -> TabularError {
        let line = parser.lineNumber
        return TabularError(
            .invalidXML, "工作簿部件 \(part) 第 \(line) 行 XML 格式错误 (malformed XML)",
            context: ["part": part, "xml_line": String(line)])
    }

    /// Refuses a DTD, and any encoding but UTF-8, by reading the prolog up to the root element.
    static func checkProlog(_ bytes: [UInt8], part: String) throws(TabularError) {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(4).contains(0) {
            throw self.notUTF8(part)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if self.matches(bytes, at: index, "<?") {
                guard let end = self.find(bytes, "?>", from: index + 2) else { return }
                if self.matches(bytes, at: index, "<?xml") {
                    try self.checkDeclaration(Array(bytes[index..<end]), part: part)
                }
                index = end + 2
            } else if self.matches(bytes, at: index, "<!--") {
                guard let end = self.find(bytes, "-->", from: index + 4) else { return }
                index = end + 3
            } else if self.matches(bytes, at: index, "<!") {
                throw TabularError(
                    .forbiddenDTD, "工作簿部件 \(part) 含有 DTD 声明,已拒绝 (a DTD is not allowed in a workbook part)",
                    context: ["part": part])
            } else {
                return  // the root element, or text the parser will refuse
            }
        }
    }

    private static func checkDeclaration(_ declaration: [UInt8], part: String) throws(TabularError) {
        let text = String(decoding: declaration, as: UTF8.self).lowercased()
        guard let range = text.range(of: "encoding") else { return }
        let value = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" }
        guard value == "utf-8" || value == "utf8" else { throw self.notUTF8(part) }
    }

    private static func notUTF8(_ part: String) -> TabularError {
        TabularError(.invalidXML, "工作簿部件 \(part) 不是 UTF-8 编码 (XML part is not UTF-8)", context: ["part": part])
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
    }

    private static func find(_ bytes: [UInt8], _ text: StaticString, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if self.matches(bytes, at: index, text) { return index }
            index += 1
        }
        return nil
    }
}

/// The base of the workbook's part handlers: element names without their namespace prefix, and a recorded
/// failure that stops the parse.
class XMLPartHandler: NSObject, XMLParserDelegate {
    /// The first error a callback met; the parse is aborted when it is set.
    private(set) var failure: (any Error)?
    /// The part's path, for errors.
    var part = ""

    func fail(_ error: any Error, _ parser: XMLParser) {
        if self.failure == nil { self.failure = error }
        parser.abortParsing()
    }

    /// `x:row` → `row`: some writers prefix SpreadsheetML's elements.
    static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// An attribute by its local name, whatever its prefix (`r:id`, `id`).
    static func attribute(_ attributes: [String: String], _ local: String) -> String? {
        if let value = attributes[local] { return value }
        return attributes.first { self.localName($0.key) == local }?.value
    }

    /// Elements open now; the document is whole only when the root element has closed.
    private var depth = 0
    private(set) var closedRoot = false

    /// An element opened: its name without prefix, its attributes.
    func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {}

    /// An element closed.
    func end(_ name: Substring, _ parser: XMLParser) {}

    /// Text inside the current element, possibly in several pieces.
    func characters(_ string: String) {}

    // The delegate methods live here, not in the handlers: on Linux the parser calls through the protocol's
    // witness table, which a method only a subclass declares would never enter.
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        self.depth += 1
        self.start(Self.localName(elementName), attributes, parser)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        self.depth -= 1
        if self.depth == 0 { self.closedRoot = true }
        self.end(Self.localName(elementName), parser)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        self.characters(string)
    }

    /// swift-corelibs-foundation's parser recovers from errors and still answers `true`: the first error stops it.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        self.fail(XMLPartParser.malformed(parser, part: self.part), parser)
    }

    // Entity and notation declarations can only come with a DTD, which `checkProlog` already refused; should
    // one slip through, it stops the parse rather than being expanded.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        self.fail(Self.entity(name), parser)
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
        self.fail(Self.entity(name), parser)
    }

    private static func entity(_ name: String) -> TabularError {
        TabularError(.forbiddenDTD, "XML 中声明了实体 \(name),已拒绝 (entity declarations are not allowed)")
    }
}
