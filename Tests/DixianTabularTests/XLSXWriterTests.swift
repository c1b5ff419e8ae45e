import DixianCore
import DixianTabular
import DixianTestSupport
import Foundation
import Testing

@Suite("XLSX writer")
struct XLSXWriterTests {
    static let tricky = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "张三\n李四", "a & b < c > \"d\"", "_x0041_", "tab\there", "\u{1}bell"]

    static func workbook() -> XLSXWorkbook {
        var rows: [[XLSXCell]] = [[.text("岚川县 2024 年度问题排查整改台账", .title)]]
        rows.append(["序号", "问题", "整改时限"].map { .text($0, .header) })
        for (index, text) in tricky.enumerated() {
            rows.append([.number(Decimal(index + 1)), .text(text), .text("8月15日前")])
        }
        rows.append([.text("填表说明：整改结果填写正在整改、整改完成或整改完成长期坚持。", .note)])
        return XLSXWorkbook(sheets: [
            XLSXSheet(name: "整改台账", rows: rows, merges: ["A1:C1", "A\(rows.count):C\(rows.count)"], columnWidths: [6, 40, 12],
                      frozenRows: 2, landscape: true),
            XLSXSheet(name: "第二张", rows: [[.number(Decimal(string: "1234.5")!, .plain)]]),
        ])
    }

    @Test("the same workbook gives the same bytes, and this module's reader reads back every value as written")
    func roundTrip() throws {
        let bytes = try XLSXWriter.write(Self.workbook())
        #expect(bytes == (try XLSXWriter.write(Self.workbook())), "byte-identical")
        let (header, rows) = try TabularReader(bytes: bytes, format: .xlsx).readAll()
        let texts = [header] + rows.map(\.cells)
        #expect(texts.first?.first == "岚川县 2024 年度问题排查整改台账")
        for (index, text) in Self.tricky.enumerated() {
            let expected = text.unicodeScalars.filter { $0.value >= 0x20 || "\t\n".unicodeScalars.contains($0) }
            #expect(texts[index + 2][1] == String(String.UnicodeScalarView(expected)), "row \(index + 3)")
        }
    }

    @Test("refuses bad sheet names and merge ranges")
    func refusals() {
        #expect(throws: XLSXWriter.WriteError.self) { try XLSXWriter.write(XLSXWorkbook(sheets: [XLSXSheet(name: "a/b", rows: [])])) }
        #expect(throws: XLSXWriter.WriteError.self) { try XLSXWriter.write(XLSXWorkbook(sheets: [XLSXSheet(name: "a", rows: [], merges: ["A1-B2"])])) }
        #expect(throws: XLSXWriter.WriteError.self) { try XLSXWriter.write(XLSXWorkbook(sheets: [])) }
    }

    @Test("openpyxl and python-calamine read the values, formulas as text, merges, widths, frozen header, A4 landscape",
          .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3 with openpyxl and python-calamine"))
    func independentReaders() async throws {
        let inspection = try await TabularOracle.inspect(try XLSXWriter.write(Self.workbook()))
        let sheet = try #require(inspection.sheets.first)
        #expect(inspection.sheets.map(\.name) == ["整改台账", "第二张"])
        #expect(Set(sheet.merged) == ["A1:C1", "A12:C12"])
        #expect(sheet.widths == ["A": 6, "B": 40, "C": 12])
        #expect(sheet.frozen == "A3" && sheet.orientation == "landscape" && sheet.paper == 9)
        #expect(sheet.values[2][1] == "=HYPERLINK(\"http://x\")" && sheet.types[2][1] == "s", "a formula from data stays text")
        #expect(sheet.values[7][1] == "a & b < c > \"d\"")
        // Text that looks like an OOXML escape is escaped as the standard says; calamine (like Excel and this module)
        // undoes it, openpyxl leaves inline strings as stored.
        #expect(sheet.calamine[8][1] == "_x0041_" && sheet.values[8][1] == "_x005F_x0041_")
        #expect(sheet.calamine[2][1] == "=HYPERLINK(\"http://x\")" && sheet.calamine[1] == ["序号", "问题", "整改时限"])
        #expect(sheet.calamine[2][0] == "1.0" && sheet.calamine[2][2] == "8月15日前")
        #expect(inspection.sheets[1].values == [["1234.5"]])
    }
}
