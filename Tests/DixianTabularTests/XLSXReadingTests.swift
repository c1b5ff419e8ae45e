import DixianCore
import DixianTabular
import Foundation
import Testing

/// Each XLSX feature on a workbook written by hand (``TestTables/xlsx(sheets:sharedStrings:styles:workbookProperties:sheetPrologue:)``);
/// the workbooks openpyxl writes are ``IndependentReaderTests``.
@Suite("XLSX reading")
struct XLSXReadingTests {
    static let styles = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/>\
        <numFmt numFmtId="166" formatCode="&quot;day&quot;0.00"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/>\
        <xf numFmtId="166"/><xf numFmtId="31"/></cellXfs></styleSheet>
        """

    func read(_ bytes: [UInt8], sheet: String? = nil) throws -> (header: [String], rows: [TabularRow]) {
        try TabularReader(bytes: bytes, sheet: sheet).readAll()
    }

    @Test("shared strings (plain, rich text runs, phonetic runs left out), inline strings, numbers, booleans, errors")
    func cellTypes() throws {
        let bytes = try TestTables.xlsx(
            sheets: [("户籍", """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t> 金额 </t></is></c>\
                <c r="D1" t="str"><v>是否</v></c><c r="E1" t="s"><v>2</v></c></row>\
                <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><r><t>粗</t></r><r><t>体</t></r></is></c>\
                <c r="C2"><v>12345.6</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>\
                <row r="3"><c r="A3" t="s"><v>4</v></c><c r="C3" t="n"><v>-1.5E-3</v></c><c r="D3" t="b"><v>0</v></c>\
                <c r="E3"><f>1+2</f><v>3</v></c></row>
                """)],
            sharedStrings: [
                "<t>姓名</t>", "<r><rPr><b/></rPr><t>身份</t></r><r><t xml:space=\"preserve\">证号 </t></r>",
                "<t>备注</t><rPh sb=\"0\" eb=\"1\"><t>ビコウ</t></rPh>", "<t>张三 &amp; &lt;李四&gt;</t>",
                "<t>line_x000D_\nbreak _x005F_x0041_</t>",
            ])
        let (header, rows) = try self.read(bytes)
        #expect(header == ["姓名", "身份证号", "金额", "是否", "备注"])
        #expect(rows.map(\.number) == [2, 3])
        #expect(rows[0].cells == ["张三 & <李四>", "粗体", "12345.6", "TRUE", "#N/A"])
        #expect(rows[0].kinds == [.text, .text, .number, .boolean, .error])
        #expect(rows[1].cells == ["line\r\nbreak _x0041_", "", "-1.5E-3", "FALSE", "3"])
        #expect(rows[1].kinds == [.text, .text, .number, .boolean, .number])
    }

    @Test("cells go to the column their reference names; gaps are empty; missing references follow on")
    func placement() throws {
        let bytes = try TestTables.xlsx(sheets: [("S", """
            <row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>\
            <row r="7"><c r="C7"><v>3</v></c><c><v>4</v></c><c r="A7"><v>1</v></c></row>\
            <row><c r="$B$8"><v>2</v></c></row><row r="9"/><row r="10"><c r="A10" t="inlineStr"><is><t> </t></is></c></row>\
            <row r="12"><c r="AA12"><v>27</v></c></row>
            """)])
        let (header, rows) = try self.read(bytes)
        #expect(header == ["a", "b"])
        #expect(rows.map(\.number) == [7, 8, 12])
        #expect(rows[0].cells == ["1", "", "3", "4"])
        #expect(rows[0].kinds == [.number, .text, .number, .number])
        #expect(rows[1].cells == ["", "2"])
        #expect(rows[2].cells.count == 27)
        #expect(rows[2][26] == "27" && rows[2][0] == "" && rows[2][99] == "")
    }

    @Test("numbers in date formats are dates, in the 1900 system with its phantom leap day; times and literals are not")
    func dates() throws {
        let bytes = try TestTables.xlsx(
            sheets: [("S", """
                <row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>\
                <row r="2"><c r="A2" s="1"><v>46204</v></c><c r="B2" s="2"><v>46204.75</v></c><c r="C2" s="3"><v>1.5</v></c>\
                <c r="D2" s="4"><v>46204</v></c><c r="E2" s="5"><v>61</v></c><c r="F2" s="2"><v>59</v></c>\
                <c r="G2" s="2"><v>60</v></c><c r="H2" s="2"><v>-1</v></c><c r="I2" t="d"><v>2026-07-01T00:00:00</v></c>\
                <c r="J2" s="9"><v>5</v></c></row>
                """)],
            styles: Self.styles)
        let row = try #require(try self.read(bytes).rows.first)
        #expect(row.cells == [
            "2026-07-01", "2026-07-01 18:00:00", "1.5", "46204", "1900-03-01", "1900-02-28", "60", "-1", "2026-07-01", "5",
        ])
        #expect(row.kinds == [.date, .date, .number, .number, .date, .date, .number, .number, .date, .number])
        #expect(try TabularCellParser.date(row.cells[1]) == CalendarDate(year: 2026, month: 7, day: 1))
    }

    @Test("the 1904 date system of old Mac workbooks")
    func date1904() throws {
        let bytes = try TestTables.xlsx(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44742</v></c></row>")], styles: Self.styles,
            workbookProperties: "<workbookPr date1904=\"1\"/>")
        #expect(try self.read(bytes).header == ["2026-07-01"])
    }

    @Test("the first sheet by default, a named sheet on request, and the names listed when it is absent")
    func sheets() throws {
        let bytes = try TestTables.xlsx(sheets: [
            ("汇总", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first</t></is></c></row>"),
            ("明细", "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>second</t></is></c></row>"),
        ])
        #expect(try TabularReader(bytes: bytes).sheetNames() == ["汇总", "明细"])
        #expect(try self.read(bytes).header == ["first"])
        #expect(try self.read(bytes, sheet: "明细").header == ["", "second"])
        #expect {
            _ = try self.read(bytes, sheet: "Sheet1")
        } throws: { error in
            let error = try #require(error as? TabularError)
            return error.code == .unknownSheet && error.context["available"] == "汇总、明细" && error.message.contains("明细")
        }
    }

    @Test("a DTD is refused before the parser sees it, in the sheet or in any part")
    func dtd() throws {
        let bomb = """
            <?xml version="1.0"?><!-- x --><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
            """
        let bytes = try TestTables.xlsx(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>")],
            sheetPrologue: bomb)
        #expect { _ = try self.read(bytes) } throws: { ($0 as? TabularError)?.code == .forbiddenDTD }
        let external = try TestTables.xlsx(
            sheets: [("S", "")], sheetPrologue: "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">")
        #expect { _ = try self.read(external) } throws: { ($0 as? TabularError)?.code == .forbiddenDTD }
        let utf16 = try TestTables.xlsx(sheets: [("S", "")], sheetPrologue: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
        #expect { _ = try self.read(utf16) } throws: { ($0 as? TabularError)?.code == .invalidXML }
    }

    @Test("a ZIP bomb stops at the decompressed-size limit; too many cells or columns stop too")
    func limits() throws {
        let wide = String(repeating: "<c><v>1</v></c>", count: 200)
        let rows = (1...2_000).map { "<row r=\"\($0)\">\(wide)</row>" }.joined()
        let bytes = try TestTables.xlsx(sheets: [("S", rows)])
        #expect(bytes.count < 100_000)  // ~6 MB of XML deflates to a few kilobytes
        #expect {
            _ = try TabularReader(bytes: bytes, limits: TabularLimits(maxUncompressedBytes: 1_000_000)).readAll()
        } throws: { ($0 as? TabularError)?.context["limit"] == "uncompressed_bytes" }
        #expect {
            _ = try TabularReader(bytes: bytes, limits: TabularLimits(maxCells: 10_000)).readAll()
        } throws: { ($0 as? TabularError)?.context["limit"] == "cells" }
        let far = try TestTables.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")])
        #expect {
            _ = try TabularReader(bytes: far, limits: TabularLimits(maxColumns: 100)).readAll()
        } throws: { ($0 as? TabularError)?.context["limit"] == "columns" }
        #expect(try TabularReader(bytes: far).readAll().header.count == 16_384)
    }

    @Test("broken workbooks are errors, not crashes", arguments: [
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>", "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",
        "<row r=\"0\"><c><v>1</v></c></row>", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>",
        // A second root, and a part cut off inside a comment: the recovering parser alone would accept both.
        "</sheetData></worksheet><worksheet><sheetData>", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><!--",
    ])
    func broken(_ rows: String) throws {
        let bytes = try TestTables.xlsx(sheets: [("S", rows)])
        #expect(throws: TabularError.self) { _ = try self.read(bytes) }
    }

    @Test("offsets past the archive's end are errors, not ZIPFoundation's trap (found by FuzzTabularXLSX)")
    func offsetsPastTheEnd() throws {
        let good = try TestTables.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        let central = try #require((0..<good.count - 4).first { good[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        let end = try #require((0..<good.count - 4).last { good[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        // The first entry's local header offset, then the central directory's own offset, far past the end.
        for field in [central + 42, end + 16] {
            var bytes = good
            bytes.replaceSubrange(field..<field + 4, with: [0xFF, 0xFF, 0xFF, 0x7F])
            #expect { _ = try TabularReader(bytes: bytes).readAll() } throws: {
                ($0 as? TabularError)?.code == .invalidWorkbook
            }
        }
    }

    @Test("a deflate stream that never ends is an error at its part's end, not a loop (found by FuzzTabularXLSX)")
    func endlessDeflateStream() throws {
        let good = try TestTables.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        let local = try #require((0..<good.count - 4).first { good[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]) })
        #expect(good[local + 8] == 8)  // deflated
        let data = local + 30 + Int(good[local + 26]) + Int(good[local + 28])
        // A non-final stored block of 65,535 bytes: it asks for more than the whole archive holds.
        var bytes = good
        bytes.replaceSubrange(data..<data + 5, with: [0x00, 0xFF, 0xFF, 0x00, 0x00])
        #expect { _ = try TabularReader(bytes: bytes).readAll() } throws: {
            ($0 as? TabularError)?.code == .invalidWorkbook
        }
    }

    @Test("a part whose bytes do not match its CRC-32 is an error")
    func checksum() throws {
        let good = try TestTables.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        var bytes = good
        // Every central directory entry's CRC-32, so whichever part is read first fails its check.
        for at in (0..<good.count - 4) where good[at..<at + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            bytes[at + 16] ^= 0xFF
        }
        #expect { _ = try TabularReader(bytes: bytes).readAll() } throws: {
            ($0 as? TabularError)?.message.contains("CRC-32") == true
        }
    }

    @Test("not a ZIP, or a ZIP without a workbook")
    func notWorkbooks() throws {
        #expect { _ = try TabularReader(bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).readAll() } throws: {
            ($0 as? TabularError)?.code == .invalidWorkbook
        }
        let empty = try TestTables.zip([("readme.txt", "hello")])
        #expect { _ = try TabularReader(bytes: empty).readAll() } throws: { ($0 as? TabularError)?.code == .invalidWorkbook }
    }
}
