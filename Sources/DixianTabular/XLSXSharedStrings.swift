import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: the table of strings that text cells (`t="s"`) point into by index.
///
/// A string item is plain (`<si><t>…</t></si>`) or rich text, whose runs (`<r><t>…</t></r>`) are joined.
/// Phonetic guides (`<rPh>`) are not part of the cell's text and are left out, as Excel leaves them out of
/// the value.
struct XLSXSharedStrings {
    private(set) var strings: [String] = []

    init() {}

    init(_ bytes: [UInt8], part: String) throws {
        let handler = XLSXTextHandler(item: "si")
        try XMLPartParser.parse(bytes, part: part, handler: handler)
        self.strings = handler.items
    }

    subscript(index: Int) -> String? {
        self.strings.indices.contains(index) ? self.strings[index] : nil
    }
}

/// Collects the text of each `si` item through an ``XLSXTextCollector``.
final class XLSXTextHandler: XMLPartHandler {
    private var collector: XLSXTextCollector
    private(set) var items: [String] = []

    init(item: String) {
        self.collector = XLSXTextCollector(item: item)
    }

    override func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {
        self.collector.start(name)
    }

    override func characters(_ string: String) {
        self.collector.characters(string)
    }

    override func end(_ name: Substring, _ parser: XMLParser) {
        if let text = self.collector.end(name) { self.items.append(text) }
    }
}
