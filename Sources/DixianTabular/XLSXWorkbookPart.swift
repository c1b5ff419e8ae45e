import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/workbook.xml`: the sheets in tab order, with the relationship id of each, and the date system.
struct XLSXWorkbookPart {
    struct Sheet {
        var name: String
        var relationshipID: String
    }

    private(set) var sheets: [Sheet] = []
    /// Whether serial numbers count from 1904-01-01 (old Mac Excel) rather than from 1900.
    private(set) var uses1904Dates = false

    init(_ bytes: [UInt8], part: String) throws {
        let handler = Handler()
        try XMLPartParser.parse(bytes, part: part, handler: handler)
        self.sheets = handler.sheets
        self.uses1904Dates = handler.uses1904Dates
    }

    private final class Handler: XMLPartHandler {
        var sheets: [Sheet] = []
        var uses1904Dates = false

        override func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {
            switch name {
            case "sheet":
                if let name = attributes["name"], let id = Self.attribute(attributes, "id") {
                    self.sheets.append(Sheet(name: name, relationshipID: id))
                }
            case "workbookPr":
                let value = attributes["date1904"]?.lowercased()
                self.uses1904Dates = value == "1" || value == "true"
            default:
                break
            }
        }
    }
}
