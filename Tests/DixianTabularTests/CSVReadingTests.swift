import DixianCore
import DixianTabular
import Foundation
import Testing

@Suite("CSV reading: RFC 4180, line numbers, encodings")
struct CSVReadingTests {
    @Test("quotes, doubled quotes, embedded commas and line breaks, CRLF and LF")
    func rfc4180() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n1,,3\nlast,\"\",z"
        let (header, rows) = try TestTables.read(text)
        #expect(header == ["a", "b", "c"])
        #expect(rows.map(\.cells) == [["x, y", "say \"hi\"", "two\r\nlines"], ["1", "", "3"], ["last", "", "z"]])
        #expect(rows.map(\.number) == [2, 4, 5])
        #expect(rows.allSatisfy { $0.kinds.allSatisfy { $0 == .text } })
    }

    @Test("row numbers are the line a record starts on: blank lines, lone CR, multi-line cells, blank rows")
    func lineNumbers() throws {
        let text = "h1,h2\n\nr1,\"a\nb\nc\"\rr2,x\n,\n \t, \n\nr3,\"\r\n\"\n"
        let (_, rows) = try TestTables.read(text)
        #expect(rows.map(\.number) == [3, 6, 10])
        #expect(rows.map { $0.cells[0] } == ["r1", "r2", "r3"])
    }

    @Test("the header is the first non-blank row, trimmed; a BOM is not part of it")
    func header() throws {
        let text = "\u{FEFF}\n,,\n 姓名 ,\u{3000}身份证号\u{3000},金额\n张三,1,2\n"
        let reader = try TabularReader(bytes: Array(text.utf8))
        #expect(reader.encoding == .utf8BOM)
        #expect(reader.format == .csv)
        let (header, rows) = try reader.readAll()
        #expect(header == ["姓名", "身份证号", "金额"])
        #expect(rows == [TabularRow(number: 4, cells: ["张三", "1", "2"])])
    }

    @Test("a quote inside an unquoted field is text; a quote never closed or text after one is an error with its line")
    func quoting() throws {
        #expect(try TestTables.read("h\n12\"寸\n").rows.map(\.cells) == [["12\"寸"]])
        for (text, line) in [("h\nok\n\n\"never closed,\nx\n", 4), ("h\n\"ab\"c,d\n", 2), ("h\n\"a\nb\"x\n", 3)] {
            #expect {
                _ = try TestTables.read(text)
            } throws: { error in
                let error = try #require(error as? TabularError)
                return error.code == .csvSyntax && error.line == line
            }
        }
    }

    @Test("no header at all is an error; a header alone is zero rows")
    func empty() throws {
        for text in ["", "\n\r\n", ",,\n , \n"] {
            #expect(throws: TabularError.self) { _ = try TestTables.read(text) }
        }
        #expect(try TestTables.read("a,b").rows.isEmpty)
    }

    @Test("GB18030 is detected and decoded, including four-byte characters")
    func gb18030() throws {
        // 张三 in GB18030 (D5C5 C8FD), the euro sign (A2E3), and 𠀀 (U+20000, four bytes 95 32 82 36).
        let bytes: [UInt8] = [
            0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB1, 0xB8, 0xD7, 0xA2, 0x0D, 0x0A,
            0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xA2, 0xE3, 0x95, 0x32, 0x82, 0x36, 0x0D, 0x0A,
        ]
        let reader = try TabularReader(bytes: bytes)
        #expect(reader.encoding == .gb18030)
        let (header, rows) = try reader.readAll()
        #expect(header == ["姓名", "备注"])
        #expect(rows.map(\.cells) == [["张三", "€𠀀"]])
    }

    @Test("GB18030 whose first characters happen to spell UTF-8 is still GB18030 (岚川县, the fuzzer's 丌关)")
    func gb18030ThatLooksLikeUTF8() throws {
        for text in ["岚川县巩固拓展脱贫攻坚成果台账\r\n专班,备注\r\n", "丌关镇 2024 年度\r\n序号,内容\r\n"] {
            let bytes = try GB18030Encoder.encode(text)
            let reader = try TabularReader(bytes: bytes)
            #expect(reader.encoding == .gb18030, "\(text)")
            #expect(try reader.readAll().header == [String(text.split(separator: "\r\n")[0])])
        }
    }

    @Test("undecodable bytes are an error naming their line", arguments: [
        // GB18030 with a truncated character on line 3; UTF-8 with a stray byte on line 2; a BOM, then bad UTF-8.
        ([0x61, 0x0A, 0xD5, 0xC5, 0x0A, 0x62, 0xD5] as [UInt8], 3),
        ([0xE5, 0xBC, 0xA0, 0x0D, 0x0A, 0x61, 0xFF, 0x0A] as [UInt8], 2),
        ([0xEF, 0xBB, 0xBF, 0x61, 0x0D, 0x62, 0x0D, 0xC0, 0x80] as [UInt8], 3),
    ])
    func undecodable(_ bytes: [UInt8], _ line: Int) {
        #expect {
            _ = try TabularReader(bytes: bytes)
        } throws: { error in
            let error = try #require(error as? TabularError)
            return error.code == .undecodable && error.line == line
        }
    }

    @Test("reading stops at the first error a closure throws, and rows come one at a time")
    func streaming() throws {
        struct Stop: Error {}
        let text = "h\n" + (1...100).map { "r\($0)" }.joined(separator: "\n")
        var seen = 0
        #expect(throws: Stop.self) {
            try TabularReader(bytes: Array(text.utf8)).read { _ in } row: { row in
                seen += 1
                if row.number == 11 { throw Stop() }
            }
        }
        #expect(seen == 10)
    }

    @Test("the cell limit stops a table too large")
    func cellLimit() {
        let text = String(repeating: "a,b,c,d\n", count: 30)
        #expect {
            _ = try TabularReader(bytes: Array(text.utf8), limits: TabularLimits(maxCells: 100)).readAll()
        } throws: { ($0 as? TabularError)?.code == .limitExceeded }
    }

    @Test("property: random tables written as CSV (CRLF or LF, UTF-8 or GB18030) read back equal (seeded)")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x7AB_0001)
        let alphabet = ["a", "Z", "7", " ", ",", "\"", "\n", "\r\n", "张", "三", "、", "；", "😀", "\t", "=", "'", "𠀀", "€"]
        for iteration in 0..<800 {
            let columns = 1 + random.below(6)
            let table = (0..<(1 + random.below(8))).map { _ in
                (0..<columns).map { _ in (0..<random.below(7)).map { _ in random.pick(alphabet) }.joined() }
            }
            let header = (0..<columns).map { "列\($0)" }
            let lineBreak = random.below(2) == 0 ? "\r\n" : "\n"
            let text = TestTables.csv([header] + table, lineBreak: lineBreak)
            let bytes = iteration % 3 == 0 ? try #require(Self.gb18030(text)) : Array(text.utf8)
            let (readHeader, rows) = try TabularReader(bytes: bytes).readAll()
            #expect(readHeader == header)
            // Blank rows are skipped; a record starts after the line breaks of all records before it.
            var line = 2
            var expected: [TabularRow] = []
            for row in table {
                if !row.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
                    expected.append(TabularRow(number: line, cells: row))
                }
                line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
            }
            #expect(rows == expected, "iteration \(iteration)")
        }
    }

    /// GB18030 bytes through Foundation, an encoder independent of the reader's iconv decoder.
    static func gb18030(_ text: String) -> [UInt8]? {
        text.data(using: String.Encoding(rawValue: 0x8000_0632)).map(Array.init)
    }
}
