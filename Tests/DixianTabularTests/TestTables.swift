import DixianCore
import DixianTabular
import Foundation
import ZIPFoundation

/// Helpers the tabular tests share: a CSV writer, a hand-made XLSX writer and reading shortcuts.
enum TestTables {
    /// RFC 4180 text: every cell quoted when it holds a comma, quote or line break (or starts/ends with space).
    static func csv(_ rows: [[String]], lineBreak: String = "\r\n") -> String {
        rows.map { row in
            row.map { cell in
                let needsQuotes = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: lineBreak) + lineBreak
    }

    static func read(_ text: String) throws -> (header: [String], rows: [TabularRow]) {
        try TabularReader(bytes: Array(text.utf8)).readAll()
    }

    /// A minimal workbook written by hand, so each XLSX feature can be tested in isolation: `sheets` are
    /// `(name, sheetData inner XML)`, `sharedStrings` the `<si>` items' inner XML, `styles` a whole styles part.
    static func xlsx(
        sheets: [(name: String, rows: String)], sharedStrings: [String]? = nil, styles: String? = nil,
        workbookProperties: String = "", sheetPrologue: String = ""
    ) throws -> [UInt8] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, String)] = [
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
        ]
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(rel)">\(workbookProperties)\
            <sheets>\(sheetList)</sheets></workbook>
            """))
        var relationships = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        if sharedStrings != nil {
            relationships.append("<Relationship Id=\"rSS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if styles != nil {
            relationships.append("<Relationship Id=\"rST\" Type=\"\(rel)/styles\" Target=\"/xl/styles.xml\"/>")
        }
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(relationships.joined())</Relationships>
            """))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", """
                \(sheetPrologue)<worksheet xmlns="\(main)"><sheetData>\(sheet.rows)</sheetData></worksheet>
                """))
        }
        if let sharedStrings {
            let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
            parts.append(("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">\(items)</sst>"))
        }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return try self.zip(parts)
    }

    /// A ZIP archive of `(path, text)` entries, deflated.
    static func zip(_ parts: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(try require(archive.data))
    }
}

/// `#require` outside a test function's direct body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw TabularTestFailure(message: "missing value") }
    return value
}

struct TabularTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}
