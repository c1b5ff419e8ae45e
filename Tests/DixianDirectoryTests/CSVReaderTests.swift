import DixianCore
import Foundation
import DixianDirectory
import Testing

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    let reader = CSVReader()

    @Test("quotes, doubled quotes, embedded commas and line breaks, CRLF")
    func rfc4180() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\r\nlast,\"\",z"
        let records = try reader.records(text)
        #expect(records.map(\.fields) == [
            ["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["", "", ""], ["last", "", "z"],
        ])
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }

    @Test("line numbers count physical lines: empty lines, LF, lone CR, multi-line fields")
    func lineNumbers() throws {
        let text = "h1,h2\n\nr1,\"a\nb\nc\"\rr2,x\n\n\nr3,y\n"
        let records = try reader.records(text)
        #expect(records.map(\.line) == [1, 3, 6, 9])
        #expect(records.map { $0.fields[0] } == ["h1", "r1", "r2", "r3"])
    }

    @Test("no final line break, and an empty file")
    func edges() throws {
        #expect(try reader.records("a,b").map(\.fields) == [["a", "b"]])
        #expect(try reader.records("a,").map(\.fields) == [["a", ""]])
        #expect(try reader.records("").isEmpty)
        #expect(try reader.records("\r\n\n").isEmpty)
        #expect(try reader.records("\"\"").map(\.fields) == [[""]])
    }

    @Test("malformed quoting is an error naming the line", arguments: [
        ("h\nab\"c,d\n", 2), ("h\n\"ab\"c,d\n", 2), ("h\nok\n\n\"never closed,\nx\n", 4),
    ])
    func malformed(_ text: String, _ line: Int) {
        do {
            _ = try reader.records(text)
            Issue.record("accepted malformed CSV")
        } catch {
            #expect(error.code == .csvSyntax)
            #expect(error.context["line"] == String(line))
        }
    }

    @Test("property: any table written with quoting reads back equal (seeded)")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0xC5F0_0001)
        let alphabet = ["a", "Z", "7", " ", ",", "\"", "\r", "\n", "\r\n", "张", "三", "、", "；", "😀", "\t", "\u{FEFF}", "=", "'"]
        for _ in 0..<1_500 {
            let columns = 1 + random.below(6)
            let rows = 1 + random.below(8)
            let table = (0..<rows).map { _ in
                (0..<columns).map { _ in (0..<random.below(7)).map { _ in random.pick(alphabet) }.joined() }
            }
            let text = CSVWriter().write(table)
            let read = try reader.records(text)
            #expect(read.map(\.fields) == table, "round trip of \(table)")
            // Every record starts on the line after the previous record's last line.
            var expectedLine = 1
            for (record, row) in zip(read, table) {
                #expect(record.line == expectedLine)
                expectedLine += 1 + row.map(Self.lineBreaks).reduce(0, +)
            }
        }
    }

    @Test("property: random bytes never crash the importer")
    func randomBytes() {
        var random = SeededRandom(seed: 0xBAD_B17E)
        let fragments: [[UInt8]] = [
            Array("工号,姓名,角色,单位代码\r\n".utf8), Array("单位代码,名称\n".utf8), [0x22], [0x2C], [0x0D], [0x0A],
            [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xD5, 0xC5], [0xC8, 0xFD], [0x81, 0x30], [0x80], [0xFF], [0x00],
            Array("149721101201".utf8), Array("village_secretary".utf8),
        ]
        let importer = DirectoryImporter(roles: TestRoles.catalogue, snapshot: TestRoles.snapshot)
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(40) {
                if round % 2 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += random.pick(fragments)
                }
            }
            let plan = importer.plan(bytes: bytes)
            for issue in plan.fileIssues + plan.issues {
                #expect(issue.line >= 1)
                #expect(!issue.message.isEmpty)
            }
        }
    }

    /// Line breaks in a text as a reader counts them: CRLF, LF and lone CR each count once.
    static func lineBreaks(_ text: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" { count += 1 }
        }
        return count
    }
}
