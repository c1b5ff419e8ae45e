import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// From `xl/styles.xml`, the one thing a reader needs: which cell styles (`s="3"`, an index into `cellXfs`) show a
/// number as a date.
struct XLSXStyles {
    private var dateStyles: Set<Int> = []

    init() {}

    init(_ bytes: [UInt8], part: String) throws {
        let handler = Handler()
        try XMLPartParser.parse(bytes, part: part, handler: handler)
        for (index, id) in handler.cellFormatIDs.enumerated()
        where XLSXNumberFormat.isDate(id: id, code: handler.customFormats[id]) {
            self.dateStyles.insert(index)
        }
    }

    func isDate(style: Int) -> Bool {
        self.dateStyles.contains(style)
    }

    private final class Handler: XMLPartHandler {
        /// `numFmtId` → `formatCode` of the workbook's own formats (ids from 164, or redefined built-ins).
        var customFormats: [Int: String] = [:]
        /// The `numFmtId` of each `cellXfs/xf`, in order: a cell's `s` indexes this list.
        var cellFormatIDs: [Int] = []
        private var inCellFormats = false

        override func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    self.customFormats[id] = code
                }
            case "cellXfs": self.inCellFormats = true
            // `cellStyleXfs` holds `xf` elements too; only those of `cellXfs` are what cells point at.
            case "xf" where self.inCellFormats:
                self.cellFormatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        override func end(_ name: Substring, _ parser: XMLParser) {
            if name == "cellXfs" { self.inCellFormats = false }
        }
    }
}
